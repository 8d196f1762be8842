"""Demo brands and products for the demo families (order 20: after the base families
demo, before retail and sales): GTINs from a demo GS1 range, compliance documents (one
expiring within 30 days), design proofs (one waiting for the family), the demo's lots
linked to the products they are, and one printed label sheet. Idempotent."""

import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from core.demo import DEMO_ACTOR, SEED_HOOK, demo_user
from families.demo import ADVISER, DEMO_FAMILY
from families.models import (
    Brand,
    ComplianceDocument,
    DesignProof,
    Family,
    GtinRange,
    Product,
    ProductionLot,
    ServiceRequest,
)
from families.services import products as svc

# family, brand, story, colour
BRANDS = (
    (DEMO_FAMILY, "Nənəmin Bağı", "Üç nəsildir Qubanın meyvə bağlarından mürəbbə bişiririk.",
     "#9b2d20"),
    ("Qafarovların Şəki Pendiri", "Kiş Pendiri", "Kiş kəndinin dağ otlaqlarından süd.",
     "#d9a441"),
    ("Quba Xalçası", "Qımıl Naxışı", "Qımıl toxuculuq məktəbinin naxışları, əl ilə.",
     "#7a1f3d"),
    ("Balakən Fındığı", "Balakən Fındığı", "Qabaqçöl bağlarının fındığı, odun sobasında.",
     "#6b4226"),
    ("Lənkəran Çay Bağı", "Haftoni Çayı", "Haftoni yamaclarının əl ilə yığılmış çayı.",
     "#2e6b3a"),
    ("Zaqatala Dağ Balı", "Car Balı", "Car kəndinin alp çəmənlərindən çiçək balı.",
     "#e0a800"),
)

# family, code, category, az, en, ru, ingredients, net, unit, shelf life, price, status,
# lot unit it matches (the demo lots of that unit become this product)
PRODUCTS = (
    (DEMO_FAMILY, "DEMO-JAM-QUINCE", "jam", "Heyva mürəbbəsi", "Quince jam",
     "Айвовое варенье", "heyva, şəkər, limon turşusu", "450", "g", 365, "6.50", "listed",
     "jar"),
    (DEMO_FAMILY, "DEMO-JAM-CORNEL", "jam", "Zoğal mürəbbəsi", "Cornelian cherry jam",
     "Кизиловое варенье", "zoğal, şəkər", "450", "g", 365, "7.20", "approved", None),
    (DEMO_FAMILY, "DEMO-JAM-APPLE", "jam", "Alma mürəbbəsi", "Apple jam", "Яблочное варенье",
     "alma, şəkər, darçın", "450", "g", 365, "5.90", "in_design", None),
    ("Qafarovların Şəki Pendiri", "DEMO-CHEESE-MOTAL", "cheese", "Motal pendiri",
     "Motal cheese", "Сыр мотал", "qoyun südü, duz, maya", "500", "g", 90, "14.00", "listed",
     None),
    ("Quba Xalçası", "DEMO-CARPET-QIMIL", "carpet", "Qımıl xalçası 1×1,5 m",
     "Qimil carpet 1×1.5 m", "Ковёр Гымыл 1×1,5 м", "yun, təbii boyalar", "1.5", "m2", None,
     "420.00", "listed", None),
    ("Balakən Fındığı", "DEMO-HAZEL-ROAST", "dried_fruit", "Qovrulmuş fındıq",
     "Roasted hazelnuts", "Жареный фундук", "fındıq", "250", "g", 270, "8.50", "listed",
     "kg"),
    ("Balakən Fındığı", "DEMO-HAZEL-PASTE", "dried_fruit", "Fındıq pastası",
     "Hazelnut paste", "Ореховая паста", "fındıq, bal", "200", "g", 180, "9.90", "draft",
     None),
    ("Lənkəran Çay Bağı", "DEMO-TEA-BLACK", "tea", "Qara çay", "Black tea", "Чёрный чай",
     "qara çay yarpağı", "100", "g", 720, "4.80", "listed", None),
    ("Lənkəran Çay Bağı", "DEMO-TEA-GREEN", "tea", "Yaşıl çay", "Green tea", "Зелёный чай",
     "yaşıl çay yarpağı", "100", "g", 720, "5.20", "approved", None),
    ("Zaqatala Dağ Balı", "DEMO-HONEY-MEADOW", "honey", "Dağ çiçək balı",
     "Mountain flower honey", "Горный цветочный мёд", "bal", "500", "g", 730, "18.00",
     "in_design", None),
)


def _png(colour):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (240, 160), colour).save(buffer, format="PNG")
    return SimpleUploadedFile("design.png", buffer.getvalue(), content_type="image/png")


def seed(*, today=None):
    today = today or timezone.localdate()
    actor = demo_user(DEMO_ACTOR)
    adviser = demo_user(ADVISER)
    families = {f.enterprise.name: f for f in Family.objects.select_related("enterprise")
                .filter(enterprise__name__in=[b[0] for b in BRANDS])}
    counts = {"brands": 0, "products": 0, "documents": 0, "proofs": 0, "lots": 0, "labels": 0}
    with transaction.atomic():
        gtin_range, _new = GtinRange.objects.get_or_create(
            prefix="4760000", defaults={"name": "ABAD demo", "next_item": 1, "last_item": 99999})
        brands = {}
        for family_name, name, story, colour in BRANDS:
            family = families.get(family_name)
            if family is None:
                continue
            brand = Brand.objects.filter(family=family, name=name).first()
            if brand is None:
                brand = svc.brand_create(family=family, actor=actor, name=name, story=story,
                                         primary_colour=colour)
                counts["brands"] += 1
            brands[family_name] = brand
        for row in PRODUCTS:
            if row[0] in brands and not Product.objects.filter(code=row[1]).exists():
                _product(row, brands[row[0]], gtin_range, actor, today)
                counts["products"] += 1
                counts["documents"] += 1
        counts["lots"] = _link_lots()
    counts["proofs"] = _proofs(families, adviser, today)
    counts["labels"] = _label(actor)
    return ", ".join(f"{n} {k}" for k, n in counts.items())


def _product(row, brand, gtin_range, actor, today):
    (_family, code, category, az, en, ru, ingredients, net, unit, shelf, price, status,
     _lot_unit) = row
    product = svc.product_create(
        family=brand.family, actor=actor, brand=brand, code=code, category=category,
        name_az=az, name_en=en, name_ru=ru, ingredients=ingredients,
        net_quantity=Decimal(net), net_unit=unit, shelf_life_days=shelf,
        recommended_price=Decimal(price))
    if status in ("approved", "listed"):
        svc.product_assign_gtin(product=product, actor=actor, gtin_range=gtin_range)
    # The cornel jam's certificate runs out within 30 days: the warning job's example.
    expires = (today + datetime.timedelta(days=21) if code == "DEMO-JAM-CORNEL"
               else today + datetime.timedelta(days=400))
    kind = (ComplianceDocument.Kind.FOOD_SAFETY if product.is_food
            else ComplianceDocument.Kind.CONFORMITY)
    svc.compliance_document_add(product=product, actor=actor, kind=kind,
                                number=f"AQTA-{code[5:]}-{today.year}",
                                issued_on=today - datetime.timedelta(days=200),
                                expires_on=expires)
    path = {"draft": (), "in_design": ("in_design",), "approved": ("in_design", "approved"),
            "listed": ("in_design", "approved", "listed")}[status]
    for step in path:
        product = svc.product_set_status(product=product, actor=actor, status=step,
                                         today=today)
    return product


def _link_lots():
    """The base demo's lots, logged before the families had products, become the product
    they are (written directly: history, not a technician's new sign-off)."""
    linked = 0
    for row in PRODUCTS:
        code, lot_unit = row[1], row[-1]
        if lot_unit is None:
            continue
        product = Product.objects.filter(code=code).first()
        if product is None:
            continue
        linked += ProductionLot.objects.filter(
            family=product.family, product__isnull=True, unit=lot_unit,
        ).update(product=product)
    return linked


def _proofs(families, adviser, today):
    """The jam label: version 1 sent back with a comment, version 2 waiting for the
    family. The honey branding: version 1 waiting."""
    made = 0
    for family_name, title, product_code, rounds in (
        (DEMO_FAMILY, "Heyva mürəbbəsi üçün etiket", "DEMO-JAM-QUINCE",
         (("#c8553d", "Rəngləri daha isti edin, yazı çox kiçikdir."), ("#b23a48", None))),
        ("Zaqatala Dağ Balı", "Bal üçün brend və loqo", None, (("#e0a800", None),)),
    ):
        family = families.get(family_name)
        request = ServiceRequest.objects.filter(family=family, title=title).first()
        if family is None or request is None or not request.is_open \
                or DesignProof.objects.filter(service_request=request).exists():
            continue
        product = Product.objects.filter(code=product_code).first() if product_code else None
        brand = None if product else Brand.objects.filter(family=family).first()
        member = family.enterprise.members.order_by("pk").first()
        for colour, changes in rounds:
            proof = svc.proof_upload(service_request=request, actor=adviser,
                                     file=_png(colour), product=product, brand=brand,
                                     note="Yeni variant, baxın və fikrinizi yazın.")
            made += 1
            if changes and member is not None:
                svc.proof_decide(proof=proof, actor=member, approve=False, comment=changes)
    return made


def _label(actor):
    """One printed label sheet for the quince jam's first lot."""
    from families.labels import label_sheet_request
    from families.selectors.products import label_documents_of

    lot = (ProductionLot.objects.filter(product__code="DEMO-JAM-QUINCE")
           .select_related("product", "family__enterprise").order_by("pk").first())
    if lot is None or label_documents_of([lot.pk]).exists():
        return 0
    label_sheet_request(lot=lot, actor=actor, language="az")
    return 1


@hooks.register(SEED_HOOK, order=20)
def seed_products(stdout, size):
    stdout.write(f"families products: {seed()}.")
