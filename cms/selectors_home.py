"""What the home page and the live blocks read from the operations data. Each function
runs a fixed number of queries, whatever the amount of data."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

HOME_ITEMS = 3


def open_calls(*, now=None, limit=HOME_ITEMS):
    from programmes.selectors import calls_open

    return list(calls_open(now=now)[:limit])


def upcoming_events(*, now=None, limit=HOME_ITEMS):
    from events.selectors import events_published_upcoming

    return list(events_published_upcoming(now=now)[:limit])


def products_on_shelves(*, today=None):
    """Listed products with a place in a chain's contract that is active today."""
    from families.models import Product
    from families.selectors.retail import contract_in_force_q

    today = today or timezone.localdate()
    return Product.objects.filter(
        contract_in_force_q(today, "contract_items__contract__"),
        status=Product.Status.LISTED,
    ).distinct()


def featured_products(*, today=None, limit=HOME_ITEMS):
    """The newest products on shelves, with their brand and photos (two queries)."""
    from families.models import Product

    ids = products_on_shelves(today=today).values("pk")
    return list(Product.objects.filter(pk__in=ids).select_related("brand")
                .prefetch_related("photos__image").order_by("-created_at", "-pk")[:limit])


@dataclass(frozen=True)
class ImpactFigures:
    startups_supported: int
    families_producing: int
    shifts_worked_this_year: int
    products_on_shelves: int
    certificates_issued: int
    satisfaction_rate: int | None  # per cent of ratings of 4 or 5; None without ratings


def impact_figures(*, now=None):
    from core.models import Feedback
    from documents.models import Certificate
    from families.models import Family, ShiftBooking
    from incubator.models import Startup

    now = now or timezone.now()
    year_start = timezone.make_aware(datetime.datetime(timezone.localtime(now).year, 1, 1))
    feedback = Feedback.objects.aggregate(
        total=Count("pk"), satisfied=Count("pk", filter=Q(rating__gte=4)))
    return ImpactFigures(
        startups_supported=Startup.objects.count(),
        families_producing=Family.objects.filter(
            stage__in=[Family.Stage.PRODUCING, Family.Stage.SELLING]).count(),
        shifts_worked_this_year=ShiftBooking.objects.filter(
            status=ShiftBooking.Status.CHECKED_IN, starts_at__gte=year_start,
            starts_at__lte=now).count(),
        products_on_shelves=products_on_shelves(today=timezone.localdate(now)).count(),
        certificates_issued=Certificate.objects.filter(revoked_at__isnull=True).count(),
        satisfaction_rate=(round(100 * feedback["satisfied"] / feedback["total"])
                           if feedback["total"] else None),
    )


def published_booking_rules():
    """The booking rules of every active factory and of the lines that override them,
    factory by factory (two queries)."""
    from families.models import BookingRules

    return list(
        BookingRules.objects.select_related("factory__centre", "line__factory__centre")
        .filter(Q(factory__is_active=True) | Q(line__is_active=True,
                                                line__factory__is_active=True))
        .annotate(factory_name=Coalesce("factory__name", "line__factory__name"))
        .order_by("factory_name", F("line__name").asc(nulls_first=True), "pk"))
