"""The utilisation report: per production line and week, places offered against places
booked, no-shows and output. Aggregated in the database: three grouped queries and one
for the lines, whatever the period."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, Sum

from families.models import ProductionLine, ProductionLot, Shift, ShiftBooking

THOUSANDTH = Decimal("0.001")


@dataclass
class UtilisationRow:
    line: ProductionLine
    week: datetime.date
    shifts: int = 0
    capacity: int = 0
    booked: int = 0
    checked_in: int = 0
    no_shows: int = 0
    lots: int = 0
    output: Decimal = Decimal("0.000")

    @property
    def factory(self):
        return self.line.factory

    @property
    def unit(self):
        return self.line.get_output_unit_display()

    @property
    def utilisation(self):
        """Booked places per place offered, in per cent (one decimal)."""
        return _percent(self.booked, self.capacity)

    @property
    def no_show_rate(self):
        """No-shows per booked place, in per cent (one decimal)."""
        return _percent(self.no_shows, self.booked)

    @property
    def output_per_shift(self):
        if not self.shifts:
            return Decimal(0)
        return (self.output / self.shifts).quantize(Decimal("0.01"))

    @property
    def week_label(self):
        return self.week.strftime("%G-W%V")

    def add(self, other):
        for name in ("shifts", "capacity", "booked", "checked_in", "no_shows", "lots"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.output += other.output


def _percent(part, whole):
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def utilisation(*, date_from, date_to, factory=None, line=None):
    """Rows for the weeks whose Monday lies in [date_from, date_to], by line and week,
    ordered by factory, line, week. Cancelled shifts offer nothing and are left out.

    Three grouped queries, each over one table joined to its shift (the places offered
    and booked; the check-in outcomes; the lots), and one for the lines: joins grouped
    by (line, week) run close to a hand-written single statement on both databases,
    where correlated subqueries per shift were three times slower on PostgreSQL
    (benchmarks/families.py)."""
    scope = {"status": Shift.Status.SCHEDULED, "week_start__gte": date_from,
             "week_start__lte": date_to}
    if factory is not None:
        scope["line__factory"] = factory
    if line is not None:
        scope["line"] = line
    via_shift = Q(**{f"shift__{key}": value for key, value in scope.items()})
    offered = (Shift.objects.filter(**scope).values("line_id", "week_start").order_by()
               .annotate(n=Count("pk"), capacity=Sum("capacity"), booked=Sum("booked_count")))
    outcomes = (ShiftBooking.objects.filter(via_shift, status__in=[
        ShiftBooking.Status.CHECKED_IN, ShiftBooking.Status.NO_SHOW])
        .values("shift__line_id", "shift__week_start").order_by()
        .annotate(checked_in=Count("pk", filter=Q(status=ShiftBooking.Status.CHECKED_IN)),
                  no_shows=Count("pk", filter=Q(status=ShiftBooking.Status.NO_SHOW))))
    produced = (ProductionLot.objects.filter(via_shift)
                .values("shift__line_id", "shift__week_start").order_by()
                # Output counts the lots in the line's own unit (jars on the jam line).
                .annotate(lots=Count("pk"), output=Sum(
                    "quantity", filter=Q(unit=F("shift__line__output_unit")))))
    rows = {}
    for r in offered:
        rows[(r["line_id"], r["week_start"])] = UtilisationRow(
            line=r["line_id"], week=r["week_start"], shifts=r["n"],
            capacity=r["capacity"] or 0, booked=r["booked"] or 0)
    for r in outcomes:
        row = rows.get((r["shift__line_id"], r["shift__week_start"]))
        if row is not None:
            row.checked_in, row.no_shows = r["checked_in"], r["no_shows"]
    for r in produced:
        row = rows.get((r["shift__line_id"], r["shift__week_start"]))
        if row is not None:
            # The same precision from every database (SQLite sums to 150, PostgreSQL to
            # 150.000).
            row.lots = r["lots"]
            row.output = Decimal(r["output"] or 0).quantize(THOUSANDTH)
    lines = ProductionLine.objects.select_related("factory").in_bulk(
        {line_id for line_id, _week in rows})
    for row in rows.values():
        row.line = lines[row.line]
    return sorted(rows.values(), key=lambda r: (r.line.factory.name, r.line.name, r.line.pk,
                                                r.week))


def weekly_totals(rows):
    """The rows summed over lines, one per week (for the chart)."""
    totals = {}
    for row in rows:
        total = totals.setdefault(row.week, UtilisationRow(line=None, week=row.week))
        total.add(row)
    return [totals[week] for week in sorted(totals)]
