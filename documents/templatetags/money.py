"""Amounts as people in Azerbaijan write them: "1 234,50 ₼".

Groups of three and the manat sign are joined with no-break spaces, so an amount is
never split across lines in a table cell. Rounding (half up, to the qəpik) happens
only here, for display; the figures themselves stay exact (documents.finance).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

NBSP = "\u00a0"
MINUS = "\u2212"
MANAT = "₼"


def _grouped(digits):
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return NBSP.join(groups)


def _as_decimal(value):
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_number(value, places):
    """`value` rounded half up to `places` decimals: "1 234,50", "−12", "0,5"."""
    number = _as_decimal(value)
    if number is None or not number.is_finite():
        return ""
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = MINUS if rounded < 0 else ""
    whole, _dot, fraction = format(abs(rounded), "f").partition(".")
    text = _grouped(whole)
    if fraction:
        text += "," + fraction
    return sign + text


@register.filter
def azn(value):
    """1234.5 → "1 234,50 ₼"; empty for a missing value."""
    text = format_number(value, 2)
    return f"{text}{NBSP}{MANAT}" if text else ""


@register.filter
def amount(value):
    """Like |azn without the sign, for table cells under an "AZN (₼)" heading."""
    return format_number(value, 2)


@register.filter
def qty(value):
    """Units: "1 410", "12,5" (at most three decimals, trailing zeros dropped)."""
    number = _as_decimal(value)
    if number is None or not number.is_finite():
        return ""
    text = format_number(number, 3)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text
