"""The technician's shift sheet: check-in, no-shows (and the suspension they can
bring), production lots with sign-off."""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.audit import audit_log
from core.errors import DomainError
from families.models import ProductionLot, Shift, ShiftBooking, Suspension, Unit
from families.selectors.factories import rules_for_line
from families.services.notifications import notify

CHECK_IN_OPENS = timedelta(hours=2)  # before the start
SHEET_CLOSES = timedelta(days=2)  # after the end: late corrections, lots logged next day


def _booking_for_update(booking):
    return (ShiftBooking.objects.select_for_update(of=("self",))
            .select_related("shift__line__factory__booking_rules", "shift__line__booking_rules",
                            "family__enterprise")
            .get(pk=booking.pk))


def _check_sheet_open(shift, now):
    if shift.status == Shift.Status.CANCELLED:
        raise DomainError(_("This shift was cancelled."))
    if now < shift.starts_at - CHECK_IN_OPENS:
        raise DomainError(_("The shift sheet opens two hours before the shift starts."))
    if now > shift.ends_at + SHEET_CLOSES:
        raise DomainError(_("The shift sheet closed two days after the shift."))


def booking_check_in(*, booking, actor, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        booking = _booking_for_update(booking)
        _check_sheet_open(booking.shift, now)
        if booking.status == ShiftBooking.Status.CHECKED_IN:
            raise DomainError(_("%(family)s is already checked in.") % {
                "family": booking.family.enterprise.name})
        if booking.status != ShiftBooking.Status.BOOKED:
            raise DomainError(_("Only a booked family can be checked in (this booking is "
                                "%(status)s).") % {"status": booking.get_status_display()})
        booking.status = ShiftBooking.Status.CHECKED_IN
        booking.checked_in_at = now
        booking.marked_by = actor
        booking.save(update_fields=["status", "checked_in_at", "marked_by"])
    return booking


def booking_mark_no_show(*, booking, actor, now=None):
    """The family did not come. Counts towards a suspension under the line's rules:
    `no_show_limit` no-shows within `no_show_window_days` (counted since the family's
    last suspension) suspend it from booking for `suspension_days`."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _booking_for_update(booking)
        shift = booking.shift
        _check_sheet_open(shift, now)
        if now < shift.starts_at:
            raise DomainError(_("A family can be marked as a no-show once the shift started."))
        if booking.status != ShiftBooking.Status.BOOKED:
            raise DomainError(_("Only a booked family can be marked as a no-show (this "
                                "booking is %(status)s).") % {
                "status": booking.get_status_display()})
        booking.status = ShiftBooking.Status.NO_SHOW
        booking.no_show_at = now
        booking.marked_by = actor
        booking.save(update_fields=["status", "no_show_at", "marked_by"])
        suspension_after_no_show(family=booking.family, rules=rules_for_line(shift.line),
                                 now=now)
    return booking


def suspension_after_no_show(*, family, rules, now):
    """Suspend `family` when its no-shows reach the limit. No-shows before its last
    suspension do not count again."""
    if Suspension.objects.filter(family=family, lifted_at__isnull=True,
                                 starts_at__lte=now, ends_at__gt=now).exists():
        return None
    since = now - timedelta(days=rules.no_show_window_days)
    last = Suspension.objects.filter(family=family).order_by("-starts_at").first()
    if last is not None and last.starts_at > since:
        since = last.starts_at
    no_shows = ShiftBooking.objects.filter(
        family=family, status=ShiftBooking.Status.NO_SHOW, starts_at__gte=since,
        no_show_at__isnull=False,
    ).count()
    if no_shows < rules.no_show_limit:
        return None
    suspension = Suspension.objects.create(
        family=family, starts_at=now, ends_at=now + timedelta(days=rules.suspension_days),
        no_shows=no_shows,
        reason=ngettext("%(count)s no-show since %(since)s",
                        "%(count)s no-shows since %(since)s", no_shows) % {
            "count": no_shows, "since": timezone.localtime(since).strftime("%d.%m.%Y")},
    )
    for member in family.enterprise.members.all():
        notify(kind="suspension", recipient=member, subject=suspension,
               key=f"suspension:{suspension.pk}:{member.pk}")
    return suspension


def suspension_create(*, family, actor, days, reason, now=None):
    """Staff suspend a family from booking for `days` days."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the family is suspended."), field="reason")
    if not 1 <= days <= 365:
        raise DomainError(_("A suspension lasts from 1 to 365 days."), field="days")
    with transaction.atomic():
        suspension = Suspension.objects.create(
            family=family, starts_at=now, ends_at=now + timedelta(days=days), reason=reason,
            created_by=actor,
        )
        audit_log(suspension, "wagtail.create", user=actor)
    return suspension


def suspension_lift(*, suspension, actor, reason, now=None):
    """Staff lift a suspension early; the row stays with who, when and why."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the suspension is lifted."), field="reason")
    with transaction.atomic():
        lifted = Suspension.objects.filter(
            pk=suspension.pk, lifted_at__isnull=True, ends_at__gt=now,
        ).update(lifted_at=now, lifted_by=actor, lift_reason=reason)
        if not lifted:
            raise DomainError(_("This suspension is already over or lifted."))
        suspension.refresh_from_db()
        audit_log(suspension, "yuva.suspension_lifted", user=actor, data={"reason": reason})
    return suspension


def _quantity(value):
    try:
        quantity = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(_("Enter the quantity as a number."), field="quantity") from exc
    if not quantity.is_finite() or quantity <= 0:
        raise DomainError(_("The quantity must be more than zero."), field="quantity")
    if quantity != quantity.quantize(Decimal("0.001")) or quantity >= Decimal("1e9"):
        raise DomainError(_("Enter a quantity below a billion, with at most three decimals."),
                          field="quantity")
    return quantity


def lot_log(*, booking, actor, quantity, unit, lot_code, quality, product=None, description="",
            quality_note="", now=None):
    """Log what a checked-in family produced, signed off by the technician `actor`:
    one of the family's products, or (for a family with none yet) a description.
    A lot that passes its check is in stock for deliveries."""
    now = now or timezone.now()
    description = (description or "").strip()
    lot_code = (lot_code or "").strip().upper()
    quality_note = (quality_note or "").strip()
    if product is None and not description:
        raise DomainError(_("Say what was produced."), field="product")
    if product is not None and product.family_id != booking.family_id:
        raise DomainError(_("Choose one of this family's products."), field="product")
    quantity = _quantity(quantity)
    if unit not in Unit.values:
        raise DomainError(_("Choose a unit."), field="unit")
    if not lot_code:
        raise DomainError(_("Give the lot a code."), field="lot_code")
    if quality not in ProductionLot.Quality.values:
        raise DomainError(_("Say whether the quality check passed."), field="quality")
    if quality == ProductionLot.Quality.FAILED and not quality_note:
        raise DomainError(_("Say why the quality check failed."), field="quality_note")
    with transaction.atomic():
        booking = _booking_for_update(booking)
        _check_sheet_open(booking.shift, now)
        if booking.status != ShiftBooking.Status.CHECKED_IN:
            raise DomainError(_("Lots can be logged only for a family that was checked in."))
        try:
            with transaction.atomic():
                lot = ProductionLot.objects.create(
                    shift=booking.shift, booking=booking, family=booking.family,
                    product=product, description=description, quantity=quantity, unit=unit,
                    lot_code=lot_code,
                    stock=quantity if quality == ProductionLot.Quality.PASSED else Decimal(0),
                    quality=quality, quality_note=quality_note, signed_off_by=actor,
                    signed_off_at=now,
                )
        except IntegrityError as exc:
            raise DomainError(_("Lot code %(code)s is already used.") % {"code": lot_code},
                              field="lot_code") from exc
        audit_log(lot, "yuva.lot_signed_off", user=actor)
    return lot
