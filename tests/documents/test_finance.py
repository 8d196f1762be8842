"""The financial model against figures computed by hand (see FIXTURE below): exact
Decimals, the break-even month and units, and the refusals with their field paths."""

import time
from decimal import Decimal as D

import pytest

from documents.finance import (
    Item,
    ModelError,
    ModelInput,
    ProductLine,
    calculate,
    parse,
    to_data,
)

pytestmark = pytest.mark.usefixtures("en")

JAM_UNITS = [50, 60, 80, 100, 100, 120, 120, 140, 150, 150, 160, 180]
COMPOTE_UNITS = [0, 20, 40, 40, 60, 60, 80, 80, 100, 100, 100, 120]


def fixture_input():
    """A family's first year, worked out on paper:

    jam      8.50 ₼, variable 3.20 ₼ → 5.30 ₼ contribution a jar
    compote  4.75 ₼, variable 2.05 ₼ → 2.70 ₼ a bottle
    fixed    rent 400.00 + utilities 120.25 = 520.25 ₼ a month
    start-up equipment 2 400.00 + registration 150.50 = 2 550.50 ₼ (month 1)
    funding  grant 2 000.00 in month 1, loan 1 500.00 in month 3; opening cash 500.00

    month 1: revenue 50×8.50 = 425.00, variable 160.00, gross 265.00, profit −255.25,
             cash flow −255.25 + 2 000 − 2 550.50 = −805.75, closing 500 − 805.75 = −305.75
    month 2: revenue 510.00 + 95.00 = 605.00, variable 192.00 + 41.00 = 233.00,
             profit 372.00 − 520.25 = −148.25, closing −454.00 (the lowest)
    month 3: revenue 680.00 + 190.00 = 870.00, variable 256.00 + 82.00 = 338.00,
             profit 11.75, cash flow 11.75 + 1 500 = 1 511.75, closing 1 057.75
    cumulative profit: m10 2 034.50 < 2 550.50 ≤ m11 2 632.25 → break-even in month 11
    year: revenue 15 785.00, variable 6 152.00, gross 9 633.00, fixed 6 243.00,
          profit 3 390.00, closing cash 500 + 3 390 + 3 500 − 2 550.50 = 4 839.50
    units 1 410 + 800 = 2 210; break-even units ⌈520.25 × 2 210 ÷ 9 633⌉ = ⌈119.36⌉ = 120
    """
    return ModelInput(
        months=12,
        opening_cash=D("500.00"),
        startup_costs=[Item("Equipment", D("2400.00")), Item("Registration", D("150.50"))],
        funding=[Item("Grant", D("2000.00"), month=1), Item("Loan", D("1500.00"), month=3)],
        fixed_costs=[Item("Rent", D("400.00")), Item("Utilities", D("120.25"))],
        products=[
            ProductLine("Jam", D("8.50"), D("3.20"), [D(u) for u in JAM_UNITS]),
            ProductLine("Compote", D("4.75"), D("2.05"), [D(u) for u in COMPOTE_UNITS]),
        ],
    )


def month_figures(month):
    return (month.revenue, month.variable_costs, month.gross_margin, month.fixed_costs,
            month.profit, month.funding, month.startup_costs, month.cash_flow,
            month.closing_cash, month.cumulative_profit)


def test_first_months_match_the_hand_computed_figures():
    result = calculate(fixture_input())

    assert month_figures(result.months[0]) == (
        D("425.00"), D("160.00"), D("265.00"), D("520.25"), D("-255.25"), D("2000.00"),
        D("2550.50"), D("-805.75"), D("-305.75"), D("-255.25"),
    )
    assert month_figures(result.months[1]) == (
        D("605.00"), D("233.00"), D("372.00"), D("520.25"), D("-148.25"), D("0"),
        D("0"), D("-148.25"), D("-454.00"), D("-403.50"),
    )
    assert month_figures(result.months[2]) == (
        D("870.00"), D("338.00"), D("532.00"), D("520.25"), D("11.75"), D("1500.00"),
        D("0"), D("1511.75"), D("1057.75"), D("-391.75"),
    )
    assert result.months[1].revenue_by_product == [D("510.00"), D("95.00")]
    assert result.months[1].units == D("80")


def test_later_months_and_cumulative_profit_around_break_even():
    result = calculate(fixture_input())

    assert [m.profit for m in result.months] == [
        D("-255.25"), D("-148.25"), D("11.75"), D("117.75"), D("171.75"), D("277.75"),
        D("331.75"), D("437.75"), D("544.75"), D("544.75"), D("597.75"), D("757.75"),
    ]
    assert [m.closing_cash for m in result.months] == [
        D("-305.75"), D("-454.00"), D("1057.75"), D("1175.50"), D("1347.25"), D("1625.00"),
        D("1956.75"), D("2394.50"), D("2939.25"), D("3484.00"), D("4081.75"), D("4839.50"),
    ]
    assert result.months[9].cumulative_profit == D("2034.50")
    assert result.months[10].cumulative_profit == D("2632.25")


def test_totals_break_even_month_and_units():
    result = calculate(fixture_input())

    assert (result.total_startup_costs, result.total_funding, result.monthly_fixed_costs) == (
        D("2550.50"), D("3500.00"), D("520.25"),
    )
    assert (result.total_revenue, result.total_variable_costs, result.total_gross_margin,
            result.total_fixed_costs, result.total_profit, result.closing_cash) == (
        D("15785.00"), D("6152.00"), D("9633.00"), D("6243.00"), D("3390.00"), D("4839.50"),
    )
    assert result.revenue_by_product == [D("11985.00"), D("3800.00")]
    assert result.total_units == D("2210")
    assert result.break_even_month == 11
    assert result.break_even_units == D("120")
    assert (result.lowest_cash, result.lowest_cash_month) == (D("-454.00"), 2)


def test_no_break_even_without_enough_profit_and_no_units_without_a_margin():
    model = fixture_input()
    model.products = [ProductLine("Bread", D("1.00"), D("1.20"), [D(10)] * 12)]

    result = calculate(model)

    assert result.break_even_month is None
    assert result.break_even_units is None
    # 10 loaves a month at −0.20 ₼ each: gross −2.00, profit −522.25, 12 × −522.25
    assert result.total_profit == D("-6267.00")


def test_parsed_strings_give_the_same_result_and_round_trip_exactly():
    data = to_data(fixture_input())

    assert data["products"][0] == {
        "name": "Jam", "price": "8.5", "variable_cost": "3.2",
        "units": ["50", "60", "80", "100", "100", "120", "120", "140", "150", "150", "160",
                  "180"],
    }
    assert data["funding"][1] == {"name": "Loan", "amount": "1500", "month": 3}
    assert calculate(parse(data)) == calculate(fixture_input())
    assert to_data(parse(data)) == data


def test_typed_numbers_accept_a_decimal_comma_and_spaces():
    model = parse({"months": "12", "opening_cash": "1 234,50",
                   "products": [{"name": "Jam", "price": "8,5", "variable_cost": "",
                                 "units": ["1,5"]}]})

    assert model.opening_cash == D("1234.50")
    assert model.products[0].price == D("8.5")
    assert model.products[0].variable_cost == D("0")
    assert model.products[0].units == [D("1.5")] + [D("0")] * 11


def test_thirty_six_months_are_accepted():
    model = fixture_input()
    model.months = 36
    for product in model.products:
        product.units = product.units * 3

    result = calculate(model)

    assert len(result.months) == 36
    assert result.total_revenue == D("47355.00")
    assert result.months[35].closing_cash == D("500.00") + 3 * D("3390.00") + D("3500.00") \
        - D("2550.50")


def test_thirty_seven_months_are_refused():
    model = fixture_input()
    model.months = 37

    with pytest.raises(ModelError) as error:
        calculate(model)

    assert error.value.errors == {"months": "A forecast covers 12 to 36 months."}


def test_a_sales_row_longer_than_thirty_six_months_is_refused():
    with pytest.raises(ModelError) as error:
        parse({"months": 36, "products": [
            {"name": "Jam", "price": "1", "variable_cost": "0", "units": ["1"] * 37},
        ]})

    assert error.value.errors == {"products.0.units": "A forecast covers 12 to 36 months."}


def test_a_sales_row_longer_than_the_forecast_is_refused():
    with pytest.raises(ModelError) as error:
        parse({"months": 12, "products": [
            {"name": "Jam", "price": "1", "variable_cost": "0", "units": ["1"] * 13},
        ]})

    assert error.value.errors == {
        "products.0.units": "The forecast has 12 months; this product has sales for 13.",
    }


def test_eleven_months_are_refused():
    model = fixture_input()
    model.months = 11

    with pytest.raises(ModelError) as error:
        calculate(model)

    assert error.value.errors == {"months": "A forecast covers 12 to 36 months."}


def test_negative_prices_and_units_are_refused_with_their_field_paths():
    model = fixture_input()
    model.products[0].price = D("-8.50")
    model.products[1].units[3] = D("-1")
    model.fixed_costs[1].amount = D("-0.01")

    with pytest.raises(ModelError) as error:
        calculate(model)

    assert error.value.errors == {
        "products.0.price": "Enter zero or a positive number.",
        "products.1.units.3": "Enter zero or a positive number.",
        "fixed_costs.1.amount": "Enter zero or a positive number.",
    }


def test_every_kind_of_bad_value_has_its_own_message():
    with pytest.raises(ModelError) as error:
        parse({
            "months": "twelve",
            "opening_cash": "abc",
            "startup_costs": [{"name": "", "amount": "10"}],
            "funding": [{"name": "Grant", "amount": "1.005", "month": "40"}],
            "fixed_costs": [{"name": "Rent", "amount": "2000000000"}],
            "products": [{"name": "x" * 121, "price": "NaN", "variable_cost": "1",
                          "units": ["0.0001"]}],
        })

    assert error.value.errors == {
        "months": "A forecast covers 12 to 36 months.",
        "opening_cash": "Enter a number.",
        "startup_costs.0.name": "Enter a name.",
        "funding.0.amount": "Use at most 2 decimal places.",
        "funding.0.month": "Choose a month from 1 to 36.",
        "fixed_costs.0.amount": "This number is too large.",
        "products.0.name": "Use at most 120 characters.",
        "products.0.price": "Enter a number.",
        "products.0.units.0": "Use at most 3 decimal places.",
    }


def test_funding_outside_the_forecast_is_refused():
    model = fixture_input()
    model.funding[1].month = 13

    with pytest.raises(ModelError) as error:
        calculate(model)

    assert error.value.errors == {"funding.1.month": "Choose a month from 1 to 12."}


def test_recalculating_thirty_six_months_takes_well_under_fifty_milliseconds():
    model = fixture_input()
    model.months = 36
    model.products = [
        ProductLine(f"Product {i}", D("12.35"), D("4.10"), [D(100 + i + m) for m in range(36)])
        for i in range(10)
    ]
    calculate(model)
    timings = []
    for _ in range(9):
        start = time.perf_counter()
        calculate(model)
        timings.append(time.perf_counter() - start)

    assert sorted(timings)[4] < 0.05
