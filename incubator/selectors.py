"""Reads of the incubator, with their joins and annotations, for portal pages, staff
screens and the apps above (programmes, cms)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import FloatField, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from core.models import Enterprise, Feedback
from incubator.models import (
    ImpactReport,
    Mentor,
    MentorAssignment,
    MentoringSession,
    OfficeHourSlot,
    SlotBooking,
    Startup,
)
from incubator.months import month_bounds, this_month


def _count(queryset):
    """A correlated COUNT subquery: several can be annotated without join fan-out."""
    return Subquery(
        queryset.order_by().annotate(total=Func("pk", function="COUNT")).values("total"),
        output_field=IntegerField(),
    )


def open_assignments_q(prefix="", *, on=None):
    on = on or timezone.localdate()
    return (Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": on})) & Q(
        **{f"{prefix}started_on__lte": on})


# --- startups -------------------------------------------------------------------------

def startups_mentored_by(user, *, on=None):
    """Ids of startups `user` mentors now (open assignments): reviewers never get their
    applications (conflict of interest)."""
    on = on or timezone.localdate()
    return MentorAssignment.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=on), mentor__user=user,
    ).values_list("startup_id", flat=True)


def startups_for_user(user):
    """The startups `user` is a member of: the only ones the portal shows them."""
    if not user.is_authenticated:
        return Startup.objects.none()
    return (Startup.objects.filter(enterprise__memberships__user=user)
            .select_related("enterprise__centre").order_by("enterprise__name", "pk"))


def startup_enterprises_without_profile(user):
    """Startup enterprises `user` belongs to that have no startup profile yet."""
    if not user.is_authenticated:
        return Enterprise.objects.none()
    return (Enterprise.objects.filter(memberships__user=user, kind=Enterprise.Kind.STARTUP,
                                      startup__isnull=True)
            .select_related("centre").order_by("name", "pk"))


def startups_for_staff(*, on=None):
    """Every startup with its enterprise and centre, and the number of its mentors now."""
    mentors = MentorAssignment.objects.filter(open_assignments_q(on=on),
                                              startup=OuterRef("pk"))
    return (Startup.objects.select_related("enterprise__centre")
            .annotate(mentor_count=_count(mentors)).order_by("enterprise__name", "pk"))


def startups_in_directory():
    """Startups that opted in to the public directory (for the website), with their
    enterprise and centre joined."""
    return (Startup.objects.filter(public_profile=True)
            .select_related("enterprise__centre").order_by("enterprise__name", "pk"))


# --- mentors --------------------------------------------------------------------------

def mentors_with_load(*, today=None):
    """Mentors with their load: `sessions_this_month` (not cancelled, starting this
    month), `open_assignments`, `open_slots` (bookable from now). Each mentor's
    `capacity_per_month` is the number to compare the sessions with."""
    today = today or timezone.localdate()
    start, end = month_bounds(this_month(today))
    sessions = MentoringSession.objects.filter(
        mentor=OuterRef("pk"), starts_at__gte=start, starts_at__lt=end,
    ).exclude(status=MentoringSession.Status.CANCELLED)
    assignments = MentorAssignment.objects.filter(open_assignments_q(on=today),
                                                  mentor=OuterRef("pk"))
    slots = OfficeHourSlot.objects.filter(mentor=OuterRef("pk"),
                                          status=OfficeHourSlot.Status.OPEN,
                                          starts_at__gt=timezone.now())
    return (Mentor.objects.select_related("user")
            .annotate(sessions_this_month=_count(sessions),
                      open_assignments=_count(assignments),
                      open_slots=_count(slots))
            .order_by("user__full_name", "pk"))


def mentor_of(user):
    """The Mentor profile of `user`, or None."""
    if not user.is_authenticated:
        return None
    return Mentor.objects.select_related("user").filter(user=user).first()


def assignments_for_staff(*, today=None):
    """Every assignment, with the mentor's `mentor_sessions_this_month` (their load, to
    read against mentor.capacity_per_month)."""
    start, end = month_bounds(this_month(today or timezone.localdate()))
    sessions = MentoringSession.objects.filter(
        mentor=OuterRef("mentor_id"), starts_at__gte=start, starts_at__lt=end,
    ).exclude(status=MentoringSession.Status.CANCELLED)
    return (MentorAssignment.objects
            .select_related("mentor__user", "startup__enterprise", "assigned_by")
            .annotate(mentor_sessions_this_month=_count(sessions))
            .order_by("-started_on", "-pk"))


def assignments_of_startup(startup, *, on=None):
    """The startup's current mentors."""
    return (MentorAssignment.objects.filter(open_assignments_q(on=on), startup=startup)
            .select_related("mentor__user").order_by("mentor__user__full_name", "pk"))


def assignments_of_mentor(mentor, *, on=None):
    """The mentor's current assignments (the startups they mentor now)."""
    return (MentorAssignment.objects.filter(open_assignments_q(on=on), mentor=mentor)
            .select_related("startup__enterprise__centre")
            .order_by("startup__enterprise__name", "pk"))


# --- office hours ---------------------------------------------------------------------

def _active_bookings():
    return Prefetch(
        "bookings",
        queryset=SlotBooking.objects.filter(status=SlotBooking.Status.ACTIVE)
        .select_related("startup__enterprise", "founder"),
        to_attr="active_bookings",
    )


def open_slots(*, now=None):
    """Slots anyone may book: open, in the future, of an active mentor."""
    return (OfficeHourSlot.objects.filter(status=OfficeHourSlot.Status.OPEN,
                                          starts_at__gt=now or timezone.now(),
                                          mentor__is_active=True)
            .select_related("mentor__user").order_by("starts_at", "pk"))


def slots_of_mentor(mentor, *, upcoming=True):
    slots = OfficeHourSlot.objects.filter(mentor=mentor)
    if upcoming:
        slots = slots.filter(ends_at__gt=timezone.now())
    return slots.prefetch_related(_active_bookings()).order_by("starts_at", "pk")


def slots_for_staff():
    return OfficeHourSlot.objects.select_related("mentor__user").prefetch_related(
        _active_bookings()).order_by("-starts_at", "-pk")


def bookings_for_staff():
    return SlotBooking.objects.select_related(
        "slot__mentor__user", "startup__enterprise", "founder", "booked_by", "cancelled_by",
    ).order_by("-created_at", "-pk")


# --- sessions -------------------------------------------------------------------------

def _with_rating(sessions, user):
    """Annotate `my_rating`: the rating `user` gave each session (None if none)."""
    feedback = Feedback.objects.filter(
        subject_type=ContentType.objects.get_for_model(MentoringSession),
        subject_id=OuterRef("pk"), author=user,
    )
    return sessions.annotate(my_rating=Subquery(feedback.values("rating")[:1]))


def sessions_for_founder(user):
    """Sessions of the startups `user` belongs to, newest first, with their own rating."""
    if not user.is_authenticated:
        return MentoringSession.objects.none()
    sessions = (MentoringSession.objects
                .filter(startup__enterprise__memberships__user=user)
                .select_related("mentor__user", "startup__enterprise", "booking__slot"))
    return _with_rating(sessions, user).order_by("-starts_at", "-pk")


def sessions_for_mentor(user):
    if not user.is_authenticated:
        return MentoringSession.objects.none()
    return (MentoringSession.objects.filter(mentor__user=user)
            .select_related("startup__enterprise", "booking__slot", "booking__founder")
            .order_by("-starts_at", "-pk"))


def sessions_for_staff():
    """Every session with its mentor, startup and the mean rating founders gave it."""
    ratings = Feedback.objects.filter(
        subject_type=ContentType.objects.get_for_model(MentoringSession),
        subject_id=OuterRef("pk"),
    ).order_by().annotate(mean=Func("rating", function="AVG")).values("mean")
    return (MentoringSession.objects
            .select_related("mentor__user", "startup__enterprise", "created_by")
            .annotate(rating=Subquery(ratings, output_field=FloatField()))
            .order_by("-starts_at", "-pk"))


def sessions_of_startups(startups):
    """Sessions (not cancelled) of any set of startups, e.g. a cohort's."""
    return (MentoringSession.objects.filter(startup__in=startups)
            .exclude(status=MentoringSession.Status.CANCELLED)
            .select_related("mentor__user", "startup__enterprise").order_by("-starts_at"))


# --- impact ---------------------------------------------------------------------------

def impact_reports_of(startup):
    return ImpactReport.objects.filter(enterprise_id=startup.enterprise_id).order_by("-month")


def impact_reports_for_staff():
    return (ImpactReport.objects.filter(enterprise__startup__isnull=False)
            .select_related("enterprise__centre", "enterprise__startup", "submitted_by")
            .order_by("-month", "enterprise__name", "pk"))


def impact_reports_for_startups(startups):
    return ImpactReport.objects.filter(enterprise__startup__in=startups)
