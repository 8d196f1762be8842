from families.models.booking import BookingRules, ShiftBooking, Suspension
from families.models.factory import Factory, ProductionLine, Training, TrainingRecord, Unit
from families.models.family import (
    CRAFT_TRADES,
    FOOD_TRADES,
    Family,
    FamilyApplication,
    HouseholdMember,
    Trade,
    TradeKind,
    trade_kind_of,
)
from families.models.notification import CalendarFeed, Notification
from families.models.product import (
    FOOD_CATEGORIES,
    Artwork,
    Brand,
    Category,
    ComplianceDocument,
    DesignProof,
    GtinRange,
    NetUnit,
    Product,
    ProductPhoto,
)
from families.models.production import ProductionLot
from families.models.retail import (
    ContractItem,
    Delivery,
    DeliveryLine,
    RetailChain,
    RetailContract,
    ReturnLine,
    Store,
    StoreReturn,
)
from families.models.sales import FamilyStatement, SalesImport, SalesRecord, StatementLine
from families.models.service import ServiceMessage, ServiceRequest, ServiceRequestEvent
from families.models.shift import WEEKDAYS, Closure, Shift, ShiftTemplate, week_start_of
from families.models.waitlist import WaitlistEntry

__all__ = [
    "FOOD_CATEGORIES", "Artwork", "Brand", "Category", "ComplianceDocument", "ContractItem",
    "Delivery", "DeliveryLine", "DesignProof", "FamilyStatement", "GtinRange", "NetUnit",
    "Product", "ProductPhoto", "RetailChain", "RetailContract", "ReturnLine", "SalesImport",
    "SalesRecord", "StatementLine", "Store", "StoreReturn",
    "CRAFT_TRADES", "FOOD_TRADES", "WEEKDAYS", "BookingRules", "CalendarFeed", "Closure",
    "Factory", "Family", "FamilyApplication", "HouseholdMember", "Notification",
    "ProductionLine", "ProductionLot", "ServiceMessage", "ServiceRequest",
    "ServiceRequestEvent", "Shift", "ShiftBooking", "ShiftTemplate", "Suspension", "Trade",
    "TradeKind", "Training", "TrainingRecord", "Unit", "WaitlistEntry", "trade_kind_of",
    "week_start_of",
]
