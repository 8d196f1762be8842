"""Demo production history (seed_demo, order 25: after the products, before retail): the
families with listed products worked about four months of shifts on their lines before
the base demo's three weeks, one every two weeks each, checked in, and each shift's lot
was signed off (passed and in stock, but for two failed ones), so retail has lots to
deliver month after month and the sales demo has several months to report.

Written directly, as history: the booking service refuses shifts in the past. The
database's rules still hold: a shift is unique per line and start, its booked counter
counts its bookings, a family's bookings never overlap (one product per family, two
weeks apart), lot codes are unique (HIST-<product>-<date>). Idempotent: once any HIST-
lot exists the history is there and nothing is written."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail import hooks

from core.demo import SEED_HOOK, demo_user
from families.demo import DEMO_FAMILY, TECHNICIAN
from families.models import (
    HouseholdMember,
    Product,
    ProductionLine,
    ProductionLot,
    Shift,
    ShiftBooking,
)
from families.timeutil import at, week_start

H = datetime.time
PREFIX = "HIST-"
FIRST_DAY = 122  # days before today of the earliest historical shift
LAST_DAY = 23  # the base demo's shifts start 21 days ago
EVERY = 14
# family, product code, line, shift start and end, lot quantity
HISTORY = (
    (DEMO_FAMILY, "DEMO-JAM-QUINCE", "guba-jam", H(8), H(13), 60),
    ("Qafarovların Şəki Pendiri", "DEMO-CHEESE-MOTAL", "balakan-dairy", H(7), H(12), 40),
    ("Quba Xalçası", "DEMO-CARPET-QIMIL", "guba-carpets", H(9), H(17), 12),
    ("Balakən Fındığı", "DEMO-HAZEL-ROAST", "balakan-hazelnut", H(8), H(13), 50),
    ("Lənkəran Çay Bağı", "DEMO-TEA-BLACK", "guba-dried-fruit", H(9), H(14), 45),
)
# (family index, shift index) of the lots that failed the quality check
FAILED = {(1, 2): "Pendirin turşuluğu normadan yüksəkdir, partiya satışa buraxılmır.",
          (3, 4): "Fındığın nəmliyi yüksəkdir, yenidən qovrulacaq."}


@dataclass
class Created:
    shifts: int = 0
    bookings: int = 0
    lots: int = 0
    failed: int = 0

    def __str__(self):
        return (f"{self.shifts} past shifts, {self.bookings} bookings, {self.lots} lots "
                f"({self.failed} failed)")


def history_days(today, offset):
    """The working days (Monday to Friday) of one family's history, oldest first."""
    days, last = [], today - datetime.timedelta(days=LAST_DAY)
    day = today - datetime.timedelta(days=FIRST_DAY - offset)
    while day <= last:
        workday = day + datetime.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5
                                           else 0)
        if workday <= last:
            days.append(workday)
        day += datetime.timedelta(days=EVERY)
    return days


def seed(*, today=None):
    today = today or timezone.localdate()
    created = Created()
    if ProductionLot.objects.filter(lot_code__startswith=PREFIX).exists():
        return created
    technician = demo_user(TECHNICIAN)
    products = {p.code: p for p in Product.objects.select_related("family").filter(
        code__in=[row[1] for row in HISTORY], gtin__isnull=False)}
    lines = {ln.slug: ln for ln in ProductionLine.objects.filter(
        slug__in=[row[2] for row in HISTORY])}
    members = {}
    for member in HouseholdMember.objects.filter(
            family__in=[p.family for p in products.values()], user__isnull=False,
    ).order_by("pk"):
        members.setdefault(member.family_id, member.user)
    with transaction.atomic():
        for index, (_name, code, slug, starts, ends, quantity) in enumerate(HISTORY):
            product, line = products.get(code), lines.get(slug)
            if product is None or line is None or product.family_id not in members:
                continue
            for n, day in enumerate(history_days(today, 2 * index)):
                _lot(created, product, line, members[product.family_id], technician,
                     at(day, starts), at(day, ends), quantity, FAILED.get((index, n)))
    return created


def _lot(created, product, line, member, technician, starts, ends, quantity, failure):
    shift = Shift.objects.filter(line=line, starts_at=starts).first()
    if shift is None:
        shift = Shift.objects.create(
            line=line, starts_at=starts, ends_at=ends,
            week_start=week_start(timezone.localdate(starts)), capacity=line.workstations,
            technician=technician)
        created.shifts += 1
    if shift.booked_count + shift.held_count >= shift.capacity:
        return
    booking = ShiftBooking.objects.create(
        shift=shift, family=product.family, member=member,
        status=ShiftBooking.Status.CHECKED_IN, starts_at=shift.starts_at,
        ends_at=shift.ends_at, created_at=shift.starts_at - datetime.timedelta(days=2),
        checked_in_at=shift.starts_at + datetime.timedelta(minutes=5), marked_by=technician)
    Shift.objects.filter(pk=shift.pk).update(booked_count=F("booked_count") + 1)
    created.bookings += 1
    day = timezone.localdate(starts)
    ProductionLot.objects.create(
        shift=shift, booking=booking, family=product.family, product=product,
        description=product.name_az, quantity=Decimal(quantity), unit=line.output_unit,
        stock=Decimal(0) if failure else Decimal(quantity),
        lot_code=f"{PREFIX}{product.code[5:]}-{day:%Y%m%d}",
        quality="failed" if failure else "passed", quality_note=failure or "",
        signed_off_by=technician, signed_off_at=booking.ends_at)
    created.lots += 1
    created.failed += bool(failure)


@hooks.register(SEED_HOOK, order=25)
def seed_history(stdout, size):
    stdout.write(f"families history: {seed()}.")
