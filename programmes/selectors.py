"""Reads of programmes, with their joins: portal querysets are always scoped to the
person (members of the startup, the assigned reviewer)."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from core.models import Membership
from programmes.models import (
    Answer,
    Application,
    ApplicationStatusChange,
    Call,
    Cohort,
    Enrolment,
    Milestone,
    MilestoneSubmission,
    Programme,
    Review,
    ReviewRound,
    Score,
)


def _member_of_startup(user, prefix="startup__"):
    return Exists(Membership.objects.filter(
        user=user, enterprise_id=OuterRef(f"{prefix}enterprise_id")))


# --- calls -------------------------------------------------------------------------------

def calls_open(*, now=None):
    now = now or timezone.now()
    return (Call.objects.filter(opens_at__lte=now, closes_at__gt=now)
            .select_related("programme__centre").order_by("closes_at", "pk"))


def call_for_portal(*, pk):
    """A call anyone signed in may read (open or not), with its questions."""
    return (Call.objects.select_related("programme__centre")
            .prefetch_related("questions").get(pk=pk))


def programmes_for_staff():
    return Programme.objects.select_related("centre").annotate(
        call_count=Count("calls", distinct=True)).order_by("name", "pk")


def calls_for_staff():
    return Call.objects.select_related("programme__centre").annotate(
        application_count=Count("applications", distinct=True),
        submitted_count=Count("applications", distinct=True,
                              filter=~Q(applications__status=Application.Status.DRAFT)),
    ).order_by("-opens_at", "pk")


# --- applications --------------------------------------------------------------------------

def applications_for_user(user):
    """Applications of every startup `user` is a member of."""
    if not user.is_authenticated:
        return Application.objects.none()
    return (Application.objects.filter(_member_of_startup(user))
            .select_related("call__programme", "startup__enterprise")
            .order_by("-created_at", "-pk"))


def application_for_member(*, user, pk):
    """One application of the person's startups, with its answers; DoesNotExist
    (a 404) for anyone else's."""
    return (applications_for_user(user)
            .prefetch_related(
                Prefetch("answers", queryset=Answer.objects.select_related("question")),
                Prefetch("status_changes",
                         queryset=ApplicationStatusChange.objects.select_related("changed_by")),
                "call__questions")
            .get(pk=pk))


def applications_for_staff():
    return (Application.objects
            .select_related("call__programme__centre", "startup__enterprise", "created_by")
            .order_by("-created_at", "-pk"))


def application_for_staff(*, pk):
    return (applications_for_staff().prefetch_related(
        Prefetch("answers", queryset=Answer.objects.select_related("question")),
        Prefetch("status_changes",
                 queryset=ApplicationStatusChange.objects.select_related("changed_by")),
        Prefetch("reviews", queryset=Review.objects.select_related("reviewer", "round")
                 .exclude(status=Review.Status.RELEASED)),
        "call__questions", "startup__enterprise__memberships__user",
    ).get(pk=pk))


def accepted_not_enrolled(*, programme):
    return (Application.objects.filter(call__programme=programme,
                                       status=Application.Status.ACCEPTED,
                                       enrolment__isnull=True)
            .select_related("startup__enterprise", "call").order_by("startup__enterprise__name"))


# --- reviews -------------------------------------------------------------------------------

def reviews_for_reviewer(user):
    """The person's assignments (not those released), newest round first."""
    if not user.is_authenticated:
        return Review.objects.none()
    return (Review.objects.filter(reviewer=user).exclude(status=Review.Status.RELEASED)
            .select_related("round__call__programme", "application__startup__enterprise")
            .order_by("-round__created_at", "round_id", "status", "application_id"))


def review_for_reviewer(*, user, pk):
    return (reviews_for_reviewer(user)
            .prefetch_related("round__criteria",
                              Prefetch("scores", queryset=Score.objects.select_related(
                                  "criterion")))
            .get(pk=pk))


def answers_for_review(review):
    return (Answer.objects.filter(application_id=review.application_id)
            .select_related("question").order_by("question__sort_order", "question_id"))


def other_reviews(review):
    """The other submitted reviews of the same application in the same round, with their
    scores: shown only once the person has submitted their own."""
    return (Review.objects.filter(round_id=review.round_id,
                                  application_id=review.application_id,
                                  status=Review.Status.SUBMITTED)
            .exclude(pk=review.pk)
            .prefetch_related(Prefetch("scores",
                                       queryset=Score.objects.select_related("criterion")))
            .order_by("submitted_at", "pk"))


def reviewer_progress(user):
    """[(round, assigned, submitted)] of the rounds the person reviews in."""
    rows = (Review.objects.filter(reviewer=user).exclude(status=Review.Status.RELEASED)
            .values("round_id").annotate(
                assigned=Count("pk"),
                submitted=Count("pk", filter=Q(status=Review.Status.SUBMITTED)))
            .order_by())
    rounds = ReviewRound.objects.select_related("call").in_bulk([r["round_id"] for r in rows])
    return [(rounds[r["round_id"]], r["assigned"], r["submitted"]) for r in rows]


def round_progress(round):
    """Per reviewer of the round: assigned and submitted reviews (released not counted)."""
    return list(
        Review.objects.filter(round=round).exclude(status=Review.Status.RELEASED)
        .values("reviewer_id", "reviewer__full_name", "reviewer__email")
        .annotate(assigned=Count("pk"),
                  submitted=Count("pk", filter=Q(status=Review.Status.SUBMITTED)))
        .order_by("reviewer__full_name", "reviewer__email"))


def rounds_for_staff():
    return ReviewRound.objects.select_related("call__programme").annotate(
        review_count=Count("reviews", filter=~Q(reviews__status=Review.Status.RELEASED)),
        submitted_count=Count("reviews", filter=Q(reviews__status=Review.Status.SUBMITTED)),
    ).order_by("-created_at", "-pk")


def reviews_for_staff():
    return Review.objects.select_related(
        "round__call", "application__startup__enterprise", "reviewer",
    ).order_by("-assigned_at", "-pk")


# --- cohorts -------------------------------------------------------------------------------

def enrolments_for_user(user):
    if not user.is_authenticated:
        return Enrolment.objects.none()
    return (Enrolment.objects.filter(_member_of_startup(user))
            .select_related("cohort__programme", "startup__enterprise")
            .order_by("-cohort__starts_on", "pk"))


def enrolment_for_member(*, user, pk):
    return (enrolments_for_user(user)
            .prefetch_related(
                Prefetch("cohort__milestones", queryset=Milestone.objects.order_by(
                    "sort_order", "due_on", "pk")),
                Prefetch("submissions", queryset=MilestoneSubmission.objects.all()))
            .get(pk=pk))


def cohorts_for_staff():
    return Cohort.objects.select_related("programme__centre").annotate(
        enrolment_count=Count("enrolments", distinct=True),
        graduated_count=Count("enrolments", distinct=True,
                              filter=Q(enrolments__status=Enrolment.Status.GRADUATED)),
    ).order_by("-starts_on", "-pk")


def cohort_enrolments(cohort):
    return (cohort.enrolments.select_related("startup__enterprise", "application")
            .annotate(mentor_count=Count(
                "startup__mentor_assignments",
                filter=Q(startup__mentor_assignments__ended_on__isnull=True)
                | Q(startup__mentor_assignments__ended_on__gte=timezone.localdate()),
                distinct=True))
            .order_by("startup__enterprise__name", "pk"))


def cohort_submissions(cohort):
    return (MilestoneSubmission.objects.filter(enrolment__cohort=cohort)
            .select_related("milestone", "enrolment__startup__enterprise", "submitted_by",
                            "reviewed_by"))


def startups_in_running_cohorts(*, month_start, month_end):
    """Ids of startups active in a cohort running during the month (they file impact
    reports: incubator asks through its IMPACT_REPORTING_STARTUPS hook)."""
    return (Enrolment.objects.filter(status=Enrolment.Status.ACTIVE,
                                     cohort__starts_on__lte=month_end,
                                     cohort__ends_on__gte=month_start)
            .values_list("startup_id", flat=True).distinct())
