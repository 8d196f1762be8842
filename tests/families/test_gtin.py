"""EAN-13 check digits, validation, the barcode's modules, and GTINs from a range."""

import pytest

from core.errors import DomainError
from families.barcode import ean13_modules
from families.gtin import ean13_check_digit, ean13_is_valid, gtin_clean, gtin_next
from families.models import GtinRange


@pytest.mark.parametrize("code", ["4006381333931", "5901234123457", "4760001000015",
                                  "9780306406157", "0000000000000"])
def test_real_codes_are_valid(code):
    assert ean13_is_valid(code) is True
    assert ean13_check_digit(code[:12]) == code[12]


@pytest.mark.parametrize("code", ["4006381333932", "400638133393", "40063813339310",
                                  "40063813339a1", "", None, "４００６３８１３３３９３１"])
def test_wrong_codes_are_not(code):
    assert ean13_is_valid(code) is False


def test_check_digit_needs_twelve_digits():
    with pytest.raises(ValueError):
        ean13_check_digit("12345")


@pytest.mark.usefixtures("english")
def test_typed_gtin_is_cleaned_or_refused():
    assert gtin_clean(" 4006381 333931 ") == "4006381333931"
    with pytest.raises(DomainError) as info:
        gtin_clean("4006381333932")
    assert (info.value.field, info.value.message) == (
        "gtin", "The check digit of this GTIN is wrong: it should end in 1.")
    with pytest.raises(DomainError) as info:
        gtin_clean("12345")
    assert info.value.message == "A GTIN (EAN-13) has 13 digits."


def test_modules_follow_the_encoding_tables():
    modules = ean13_modules("4006381333931")
    assert len(modules) == 95
    assert (modules[:3], modules[45:50], modules[92:]) == ("101", "01010", "101")
    # first digit 4 → parity ABAABB; the second digit 0 in set A
    assert modules[3:10] == "0001101"
    # the third digit 0 in set B
    assert modules[10:17] == "0100111"
    # the last digit 1 in set C
    assert modules[85:92] == "1100110"


@pytest.mark.django_db
def test_numbers_come_from_the_range_until_it_is_used_up(english):
    gtin_range = GtinRange.objects.create(name="ABAD", prefix="476000100", next_item=998,
                                          last_item=999)
    assert gtin_next(gtin_range=gtin_range) == "4760001009988"
    assert gtin_next(gtin_range=gtin_range) == "4760001009995"
    with pytest.raises(DomainError) as info:
        gtin_next(gtin_range=gtin_range)
    assert info.value.message == "The GTIN range ABAD (476000100) is used up: add a new range."
    gtin_range.refresh_from_db()
    assert gtin_range.next_item == 1000
