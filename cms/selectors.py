"""Public reads for the live pages: what the website shows of the operations data.
They build on the apps' own selectors where those exist; every list runs a constant
number of queries however many rows it shows."""

import datetime

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.models import Centre, Enterprise
from events import selectors as event_selectors
from events.models import Event
from families.models import Brand, ContractItem, Product, ProductPhoto, Store
from families.selectors import factories as factory_selectors
from families.selectors.retail import contract_in_force_q
from incubator import selectors as incubator_selectors
from incubator.models import Startup
from programmes import selectors as programme_selectors
from programmes.models import Call, Cohort, Enrolment

# --- centres ---------------------------------------------------------------------------


def events_upcoming_at(centre, *, now=None, limit=6):
    """The next published events a centre organises (not ended yet)."""
    return list(event_selectors.events_published_upcoming(now=now)
                .filter(centre=centre)[:limit])


def lines_at(centre):
    """Active production lines of the centre's factories (an ABAD site)."""
    return list(factory_selectors.lines_for_portal().filter(factory__centre=centre))


def centres_public():
    return Centre.objects.filter(is_active=True).order_by("name")


# --- programmes ------------------------------------------------------------------------

def calls_open_of(programme, *, now=None):
    return list(programme_selectors.calls_open(now=now).filter(programme=programme))


def open_call_count_subquery(*, now=None, programme_field="programme_id"):
    """An annotation: the number of calls of the row's programme open now."""
    now = now or timezone.now()
    calls = (Call.objects.filter(programme_id=OuterRef(programme_field), opens_at__lte=now,
                                 closes_at__gt=now)
             .order_by().values("programme_id").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(calls, output_field=IntegerField()), 0)


def cohorts_past_of(programme, *, today=None):
    """Cohorts of the programme that have ended, newest first, with how many startups
    took part and how many graduated."""
    today = today or timezone.localdate()
    return list(
        Cohort.objects.filter(programme=programme, ends_on__lt=today)
        .annotate(startup_count=Count("enrolments", distinct=True),
                  graduated_count=Count("enrolments", distinct=True, filter=Q(
                      enrolments__status=Enrolment.Status.GRADUATED)))
        .order_by("-ends_on", "-pk"))


# --- events ----------------------------------------------------------------------------

def events_public():
    """Every published event (upcoming and past) with its centre."""
    return Event.objects.filter(status=Event.Status.PUBLISHED).select_related("centre")


def event_public(pk):
    """One event as its public page shows it (not a draft), with agenda and speakers;
    Event.DoesNotExist otherwise."""
    return event_selectors.event_public(pk)


def month_bounds(year, month):
    """The month as [start, end) moments in the site's time zone."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime(year, month, 1, tzinfo=tz)
    end = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
    return start, end


# --- startup directory -----------------------------------------------------------------

def startups_public():
    """Startups that opted in to the public directory."""
    return incubator_selectors.startups_in_directory()


def startup_public(pk):
    return (Startup.objects.filter(public_profile=True)
            .select_related("enterprise__centre").get(pk=pk))


def directory_centres():
    """Centres that have a startup in the directory (the directory's centre filter)."""
    return Centre.objects.filter(
        enterprises__kind=Enterprise.Kind.STARTUP,
        enterprises__startup__public_profile=True).distinct().order_by("name")


# --- ABAD catalogue --------------------------------------------------------------------

def _where_to_buy(today):
    """A product's listings under contracts in force today, each with its chain and the
    chain's open stores: three queries for any number of products."""
    return Prefetch(
        "contract_items", to_attr="listings",
        queryset=(ContractItem.objects.filter(contract_in_force_q(today, "contract__"),
                                              contract__chain__active=True)
                  .select_related("contract__chain")
                  .prefetch_related(Prefetch(
                      "contract__chain__stores", to_attr="open_stores",
                      queryset=Store.objects.filter(active=True).order_by("name", "pk")))
                  .order_by("contract__chain__name", "pk")))


def products_listed(*, today=None):
    """Products on sale (status "listed"), with brand, family, first photo and where to
    buy them (stores of chains whose active contract lists the product)."""
    today = today or timezone.localdate()
    return (Product.objects.filter(status=Product.Status.LISTED)
            .select_related("brand", "family__enterprise")
            .prefetch_related(_where_to_buy(today),
                              Prefetch("photos", to_attr="photo_list",
                                       queryset=ProductPhoto.objects.select_related("image")
                                       .prefetch_related("image__renditions")))
            .order_by("name_az", "pk"))


def product_listed(pk, *, today=None):
    return products_listed(today=today).get(pk=pk)


def products_listed_of(family, *, today=None):
    return list(products_listed(today=today).filter(family=family))


def brands_listed():
    """Brands that have a product on sale (the catalogue's brand filter)."""
    return (Brand.objects.filter(products__status=Product.Status.LISTED).distinct()
            .order_by("name"))
