"""Label sheets: a printable A4 PDF (Document kind LABEL, owned by the production lot)
of identical labels for a product and lot, with the EAN-13 barcode and an authenticity
QR code. The QR opens /p/<token>/: the token is the lot's id and an HMAC of the lot and
its product under the site's secret, so a code cannot be guessed or altered."""

import datetime

from anyascii import anyascii
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from documents.builders import Built, register_builder
from documents.models import Document
from families.barcode import ean13_svg

LABELS_PER_SHEET = 10
HMAC_SALT = "families.labels.authenticity"  # a namespace, not a secret


def production_date(lot):
    """The day the lot was made: its shift's date in Asia/Baku."""
    return timezone.localtime(lot.shift.starts_at).date()


def best_before(product, lot):
    """Production date + shelf life; None for products that do not expire (crafts)."""
    if product.shelf_life_days is None:
        return None
    return production_date(lot) + datetime.timedelta(days=product.shelf_life_days)


def _mac(lot_pk, product_pk):
    return salted_hmac(HMAC_SALT, f"{lot_pk}:{product_pk}", algorithm="sha256").hexdigest()[:20]


def authenticity_token(lot):
    return f"{lot.pk}-{_mac(lot.pk, lot.product_id)}"


def lot_for_token(token):
    """The lot a token names, or None for a malformed, unknown or tampered token."""
    from families.models import ProductionLot

    pk, _sep, mac = (token or "").partition("-")
    if not pk.isascii() or not pk.isdigit() or len(pk) > 12 or len(mac) != 20:
        return None
    lot = (ProductionLot.objects
           .select_related("product__brand", "family__enterprise", "shift__line__factory")
           .filter(pk=int(pk), product__isnull=False).first())
    if lot is None or not constant_time_compare(mac, _mac(lot.pk, lot.product_id)):
        return None
    return lot


def authenticity_url(lot):
    return settings.SITE_URL + reverse("authenticity:check", args=[authenticity_token(lot)])


def label_sheet_request(*, lot, actor, language=None):
    """Queue the label sheet PDF of `lot`. The lot must name a product with a GTIN."""
    from documents.services import document_request

    product = lot.product
    if product is None:
        raise DomainError(_("This lot does not name a product, so it has no labels."))
    if not product.gtin:
        raise DomainError(_("Give %(product)s a GTIN before printing labels.") % {
            "product": product.name})
    language = language or getattr(actor, "preferred_language", "") or settings.LANGUAGE_CODE
    with transaction.atomic():
        document = document_request(
            kind=Document.Kind.LABEL, language=language, requested_by=actor,
            enterprise=lot.family.enterprise, owner=lot,
            title=_("Labels: %(product)s, lot %(lot)s") % {"product": product.name_az,
                                                          "lot": lot.lot_code})
        audit_log(lot, "yuva.labels_requested", user=actor, data={"document": document.pk})
    return document


@register_builder(Document.Kind.LABEL)
def build_label_sheet(document):
    import segno

    from families.models import ProductionLot

    lot = (ProductionLot.objects
           .select_related("product__brand", "family__enterprise", "shift__line__factory")
           .get(pk=document.owner_id))
    product = lot.product
    url = authenticity_url(lot)
    qr = segno.make_qr(url, error="m", mask=0)
    return Built(
        template_name="families/pdf/labels.html",
        context={
            "lot": lot, "product": product, "brand": product.brand,
            "best_before": best_before(product, lot),
            "barcode_svg": ean13_svg(product.gtin),
            "qr_data_uri": qr.png_data_uri(scale=1, border=2),
            "url_display": url.split("://", 1)[-1],
            "labels": range(LABELS_PER_SHEET),
        },
        filename=f"labels-{slugify(anyascii(lot.lot_code))}-{document.pk}.pdf",
        stylesheets=("families/pdf/labels.css",),
    )
