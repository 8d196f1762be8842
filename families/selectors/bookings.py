from django.utils import timezone

from families.models import ProductionLot, ShiftBooking, Suspension, WaitlistEntry


def booking_for_family(*, family, pk):
    return ShiftBooking.objects.select_related("shift__line__factory", "family").get(
        family=family, pk=pk)


def entry_for_family(*, family, pk):
    return WaitlistEntry.objects.select_related("shift__line__factory", "family").get(
        family=family, pk=pk)


def bookings_for_staff():
    return (ShiftBooking.objects
            .select_related("shift__line__factory", "family__enterprise", "member")
            .order_by("-starts_at", "pk"))


def waitlist_for_staff():
    return (WaitlistEntry.objects
            .select_related("shift__line__factory", "family__enterprise", "member")
            .order_by("-created_at", "pk"))


def suspensions_for_staff():
    return (Suspension.objects.select_related("family__enterprise", "created_by", "lifted_by")
            .order_by("-starts_at", "pk"))


def active_suspension_of(family, now=None):
    now = now or timezone.now()
    return (Suspension.objects.filter(family=family, lifted_at__isnull=True,
                                      starts_at__lte=now, ends_at__gt=now)
            .order_by("-ends_at").first())


def lots_of_family(family):
    """The family's production history."""
    return (ProductionLot.objects.filter(family=family)
            .select_related("shift__line__factory", "signed_off_by")
            .order_by("-signed_off_at", "-pk"))


def lots_for_staff():
    return (ProductionLot.objects
            .select_related("shift__line__factory", "family__enterprise", "signed_off_by",
                            "product")
            .order_by("-signed_off_at", "-pk"))


def lot_code_suggestion(booking, existing=0):
    """A readable code for the next lot of a booking: LINE-YYMMDD-booking-n."""
    day = timezone.localtime(booking.starts_at)
    prefix = "".join(ch for ch in booking.shift.line.slug.upper() if ch.isalnum())[:6] or "LOT"
    return f"{prefix}-{day:%y%m%d}-{booking.pk}-{existing + 1}"
