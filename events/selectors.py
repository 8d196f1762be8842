"""Reads of events, reused by views, the admin, tasks and other apps (families calls
`has_attended_training`)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.models import Enterprise, Feedback, Membership
from events.models import AgendaItem, Attendee, Event, Registration, RegistrationEmail

A = Event.Audience
R = Registration.Status


# --- audiences and the portal ---------------------------------------------------------

def audiences_for(user):
    """The audiences a person belongs to: founders see startup events, family members
    family events, everyone public ones. One query."""
    audiences = {A.PUBLIC}
    if user is None or not user.is_authenticated:
        return audiences
    kinds = set(Membership.objects.filter(user=user).values_list("enterprise__kind", flat=True))
    if Enterprise.Kind.STARTUP in kinds:
        audiences.add(A.STARTUPS)
    if Enterprise.Kind.FAMILY in kinds:
        audiences.add(A.FAMILIES)
    return audiences


def _mine(user):
    """Registrations that are this person's: made with their account, or as a guest with
    the (verified, since allauth requires it) address of their account."""
    return Q(user=user) | Q(user__isnull=True, email__iexact=user.email)


def events_upcoming_for(user, *, now=None):
    """Published events for the person's audiences whose registration has not closed,
    with `my_status` (the status of their live registration, if any). Constant queries."""
    now = now or timezone.now()
    queryset = (
        Event.objects.filter(status=Event.Status.PUBLISHED, starts_at__gt=now,
                             audience__in=audiences_for(user))
        .filter(Q(registration_closes_at__isnull=True) | Q(registration_closes_at__gt=now))
        .select_related("centre").order_by("starts_at", "pk")
    )
    if user.is_authenticated:
        mine = Registration.objects.filter(_mine(user), event=OuterRef("pk"),
                                           status__in=Registration.ACTIVE)
        queryset = queryset.annotate(my_status=Subquery(mine.values("status")[:1]))
    return queryset


def events_published_upcoming(*, now=None, audience=None):
    """Every published event that has not ended yet (for the public feed)."""
    now = now or timezone.now()
    queryset = Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__gt=now)
    if audience:
        queryset = queryset.filter(audience=audience)
    return queryset.select_related("centre").order_by("starts_at", "pk")


def event_public(pk):
    """An event as the public page shows it (drafts are not public), with its agenda and
    speakers."""
    return (
        Event.objects.exclude(status=Event.Status.DRAFT).select_related("centre")
        .prefetch_related(Prefetch(
            "agenda_items", to_attr="agenda",
            queryset=AgendaItem.objects.order_by("sort_order", "pk").prefetch_related("speakers")))
        .get(pk=pk)
    )


def registration_live_of(user, event):
    if not user.is_authenticated:
        return None
    return (Registration.objects.filter(_mine(user), event=event, status__in=Registration.ACTIVE)
            .first())


def registrations_of_user(user):
    """The person's registrations, newest event first; another person's are not here
    (so looking one up by id answers 404)."""
    if not user.is_authenticated:
        return Registration.objects.none()
    return (
        Registration.objects.filter(_mine(user))
        .select_related("event", "event__centre", "enterprise")
        .prefetch_related("attendees")
        .order_by("-event__starts_at", "-pk")
    )


def registration_by_token(registration_id, code):
    return (Registration.objects.select_related("event", "event__centre")
            .prefetch_related("attendees")
            .filter(pk=registration_id, ticket_code=code).first())


# --- staff ------------------------------------------------------------------------------

def _people(condition):
    return Coalesce(Sum("registrations__size", filter=condition), Value(0))


def events_for_staff():
    """Events with their figures: people registered, waiting, checked in, no-shows."""
    return (
        Event.objects.select_related("centre")
        .annotate(
            registered_people=_people(Q(registrations__status__in=[R.CONFIRMED,
                                                                   R.PENDING_APPROVAL])),
            waitlisted_people=_people(Q(registrations__status=R.WAITLISTED)),
            attended_people=_people(Q(registrations__attendance=Registration.Attendance.ATTENDED)),
            no_show_people=_people(Q(registrations__attendance=Registration.Attendance.NO_SHOW)),
        )
        .order_by("-starts_at", "pk")
    )


def registrations_for_staff():
    return (
        Registration.objects.select_related("event", "event__centre", "user", "enterprise",
                                            "checked_in_by")
        .prefetch_related("attendees")
    )


def approval_queue():
    return (
        registrations_for_staff().filter(status=R.PENDING_APPROVAL)
        .order_by("event__starts_at", "created_at", "pk")
    )


def checkin_counts(event):
    """People expected (confirmed) and checked in, as one query."""
    confirmed = Q(status=R.CONFIRMED)
    figures = Registration.objects.filter(event=event).aggregate(
        expected=Coalesce(Sum("size", filter=confirmed), Value(0)),
        checked_in=Coalesce(Sum("size", filter=confirmed & Q(checked_in_at__isnull=False)),
                            Value(0)),
        tickets=Count("pk", filter=confirmed),
        tickets_checked_in=Count("pk", filter=confirmed & Q(checked_in_at__isnull=False)),
    )
    figures["waiting"] = figures["expected"] - figures["checked_in"]
    return figures


CHECKIN_SEARCH_LIMIT = 20


def checkin_search(event, text):
    """Registrations of `event` whose registrant or any attendee matches `text` (name or
    e-mail), live ones first. At most CHECKIN_SEARCH_LIMIT."""
    text = (text or "").strip()
    if len(text) < 2:
        return Registration.objects.none()
    matching_attendee = Attendee.objects.filter(
        Q(name__icontains=text) | Q(email__icontains=text), registration=OuterRef("pk"))
    return (
        Registration.objects.filter(event=event)
        .filter(Q(name__icontains=text) | Q(email__icontains=text) | Exists(matching_attendee))
        .select_related("checked_in_by")
        .prefetch_related("attendees")
        .annotate(live=Case(When(status=R.CONFIRMED, then=Value(0)), default=Value(1)))
        .order_by("live", "name", "pk")[:CHECKIN_SEARCH_LIMIT]
    )


def recent_checkins(event, *, limit=10):
    return (Registration.objects.filter(event=event, checked_in_at__isnull=False)
            .select_related("checked_in_by").order_by("-checked_in_at", "-pk")[:limit])


def registrations_of_group(event, group):
    """The registrations a staff message to `group` goes to."""
    from events.models import StaffMessage

    G = StaffMessage.Group
    queryset = Registration.objects.filter(event=event)
    if group == G.REGISTERED:
        return queryset.filter(status__in=[R.CONFIRMED, R.PENDING_APPROVAL])
    if group == G.ATTENDED:
        return queryset.filter(attendance=Registration.Attendance.ATTENDED)
    if group == G.NO_SHOW:
        return queryset.filter(attendance=Registration.Attendance.NO_SHOW)
    if group == G.WAITLISTED:
        return queryset.filter(status=R.WAITLISTED)
    raise ValueError(f"unknown group {group!r}")


def email_counts(event):
    return RegistrationEmail.objects.filter(registration__event=event).aggregate(
        queued=Count("pk", filter=Q(status__in=[RegistrationEmail.Status.QUEUED,
                                                RegistrationEmail.Status.SENDING])),
        sent=Count("pk", filter=Q(status=RegistrationEmail.Status.SENT)),
        failed=Count("pk", filter=Q(status=RegistrationEmail.Status.FAILED)),
    )


# --- reports ----------------------------------------------------------------------------

def _feedback_of_events():
    return Feedback.objects.filter(
        subject_type=ContentType.objects.get_for_model(Event), subject_id=OuterRef("pk"),
    ).order_by().values("subject_id")


def _attendees_of_events(**filters):
    return Attendee.objects.filter(
        registration__event=OuterRef("pk"),
        registration__attendance=Registration.Attendance.ATTENDED, **filters,
    ).order_by().values("registration__event")


def events_report():
    """Per event: registered, attended and no-show people, no-show rate, satisfaction
    (mean rating, number of answers) and the share of women among attendees who said
    their gender. Constant queries, whatever the number of events."""
    feedback = _feedback_of_events()
    women = _attendees_of_events(gender=Attendee.Gender.FEMALE)
    stated = _attendees_of_events(gender__in=[Attendee.Gender.FEMALE, Attendee.Gender.MALE])
    count = Count("pk")
    return (
        events_for_staff()
        .annotate(
            satisfaction=Subquery(feedback.annotate(v=Avg("rating")).values("v")[:1],
                                  output_field=FloatField()),
            answers=Coalesce(Subquery(feedback.annotate(n=Count("pk")).values("n")[:1],
                                      output_field=IntegerField()), Value(0)),
            women_attended=Coalesce(Subquery(women.annotate(n=count).values("n")[:1],
                                             output_field=IntegerField()), Value(0)),
            gender_stated=Coalesce(Subquery(stated.annotate(n=count).values("n")[:1],
                                            output_field=IntegerField()), Value(0)),
        )
    )


def rate(part, whole):
    """part / whole as a percentage rounded to one decimal, or None without a whole."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


def report_totals(events):
    """Sums over a report's rows (a list), with the overall rates."""
    totals = {key: sum(getattr(e, key) for e in events) for key in (
        "registered_people", "waitlisted_people", "attended_people", "no_show_people",
        "answers", "women_attended", "gender_stated")}
    rated = [e for e in events if e.satisfaction is not None]
    weighted = sum(e.satisfaction * e.answers for e in rated)
    totals["events"] = len(events)
    totals["satisfaction"] = round(weighted / totals["answers"], 2) if totals["answers"] else None
    totals["no_show_rate"] = rate(totals["no_show_people"],
                                  totals["attended_people"] + totals["no_show_people"])
    totals["women_share"] = rate(totals["women_attended"], totals["gender_stated"])
    return totals


# --- other apps ---------------------------------------------------------------------------

def _attended_by(user):
    """Attendee rows of `user` (linked, or with their address) at events they attended."""
    return Attendee.objects.filter(
        Q(user=user) | Q(user__isnull=True, email__iexact=user.email),
        registration__attendance=Registration.Attendance.ATTENDED,
    )


def has_attended_training(user, event_or_training):
    """Whether `user` was checked in at the training (an Event or its id). Families call
    this to check a factory line's prerequisite."""
    if user is None or not user.is_authenticated:
        return False
    event_id = getattr(event_or_training, "pk", event_or_training)
    return _attended_by(user).filter(registration__event_id=event_id).exists()


def trainings_attended_by(user):
    """The trainings (events of kind training) `user` attended, newest first."""
    if user is None or not user.is_authenticated:
        return Event.objects.none()
    return (
        Event.objects.filter(kind=Event.Kind.TRAINING,
                             pk__in=_attended_by(user).values("registration__event_id"))
        .select_related("centre").order_by("-starts_at", "pk")
    )


def prerequisite_trainings():
    """Trainings marked as prerequisites, for other apps' choosers."""
    return (Event.objects.filter(is_prerequisite_training=True).select_related("centre")
            .order_by("-starts_at", "pk"))

