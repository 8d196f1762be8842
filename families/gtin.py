"""GTIN-13 (EAN-13): the check digit, validation, and the next number from the
agency's own GS1 range. Drawing the barcode lives in families/barcode.py."""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from core.errors import DomainError


def ean13_check_digit(twelve):
    """The check digit of a 12-digit string: digits weighted 1, 3, 1, 3, … from the
    left, the digit that brings the sum to a multiple of ten."""
    if len(twelve) != 12 or not twelve.isdigit() or not twelve.isascii():
        raise ValueError(f"twelve digits expected, got {twelve!r}")
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(twelve))
    return str((10 - total % 10) % 10)


def ean13_is_valid(code):
    code = (code or "").strip()
    return (len(code) == 13 and code.isascii() and code.isdigit()
            and ean13_check_digit(code[:12]) == code[12])


def gtin_clean(code):
    """A GTIN typed by staff: spaces dropped, 13 digits with the right check digit."""
    code = "".join((code or "").split())
    if not (len(code) == 13 and code.isascii() and code.isdigit()):
        raise DomainError(_("A GTIN (EAN-13) has 13 digits."), field="gtin")
    if not ean13_is_valid(code):
        raise DomainError(_("The check digit of this GTIN is wrong: it should end in "
                            "%(digit)s.") % {"digit": ean13_check_digit(code[:12])},
                          field="gtin")
    return code


def gtin_from_range(gtin_range, item):
    width = 12 - len(gtin_range.prefix)
    twelve = f"{gtin_range.prefix}{item:0{width}d}"
    return twelve + ean13_check_digit(twelve)


def gtin_range_capacity(gtin_range):
    return 10 ** (12 - len(gtin_range.prefix)) - 1


def gtin_next(*, gtin_range):
    """Take the range's next number with a conditional update: two staff assigning at
    once never get the same one; an exhausted range refuses. Call inside a transaction
    (the number is given back if the caller's transaction rolls back)."""
    from families.models import GtinRange

    with transaction.atomic():
        taken = GtinRange.objects.filter(
            pk=gtin_range.pk, next_item__lte=F("last_item"),
        ).update(next_item=F("next_item") + 1)
        if not taken:
            raise DomainError(_("The GTIN range %(range)s is used up: add a new range.") % {
                "range": gtin_range}, field="gtin")
        gtin_range.refresh_from_db(fields=["next_item"])
        item = gtin_range.next_item - 1
    if item > gtin_range_capacity(gtin_range):
        raise DomainError(_("The GTIN range %(range)s is larger than its prefix allows.") % {
            "range": gtin_range}, field="gtin")
    return gtin_from_range(gtin_range, item)
