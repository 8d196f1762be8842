"""Filters of the retail back office."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from core.models import Region
from families.models import Delivery, RetailChain, RetailContract, Store, StoreReturn


class StoreFilterSet(WagtailFilterSet):
    region = django_filters.ChoiceFilter(label=_("Region"), choices=Region.choices)

    class Meta:
        model = Store
        fields = ["chain", "region", "active"]


class ContractFilterSet(WagtailFilterSet):
    ends_on = django_filters.DateFromToRangeFilter(label=_("Ends"), widget=DateRangePickerWidget)

    class Meta:
        model = RetailContract
        fields = ["chain", "status", "terms", "ends_on"]


class DeliveryFilterSet(WagtailFilterSet):
    chain = django_filters.ModelChoiceFilter(label=_("Chain"), field_name="store__chain",
                                             queryset=RetailChain.objects.all())
    delivered_on = django_filters.DateFromToRangeFilter(label=_("Delivered"),
                                                        widget=DateRangePickerWidget)

    class Meta:
        model = Delivery
        fields = ["chain", "store", "contract", "status", "delivered_on"]


class ReturnFilterSet(WagtailFilterSet):
    chain = django_filters.ModelChoiceFilter(label=_("Chain"), field_name="store__chain",
                                             queryset=RetailChain.objects.all())
    returned_on = django_filters.DateFromToRangeFilter(label=_("Returned"),
                                                       widget=DateRangePickerWidget)

    class Meta:
        model = StoreReturn
        fields = ["chain", "store", "contract", "reason", "returned_on"]
