"""Review rounds: setting one up, assigning reviewers automatically (balanced, never
across a conflict of interest), scoring, and declaring conflicts."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from core.models import Membership
from incubator.selectors import startups_mentored_by
from programmes.models import (
    SCORE_MAX,
    SCORE_MIN,
    Application,
    ConflictOfInterest,
    Review,
    ReviewRound,
    Score,
)


def _criteria_signature(criteria):
    return sorted((c.pk, c.weight) for c in criteria)


@transaction.atomic
def round_save(*, round, actor):
    """Create or change a round with its criteria and reviewers (a Wagtail form's
    unsaved instance). Once scores are in, the criteria and weights are fixed; a
    reviewer taken off the round loses the reviews they have not submitted."""
    created = round.pk is None
    if not created and Review.objects.filter(round_id=round.pk,
                                             status=Review.Status.SUBMITTED).exists():
        stored = ReviewRound.objects.get(pk=round.pk)
        if _criteria_signature(stored.criteria.all()) != _criteria_signature(
                round.criteria.all()):
            raise DomainError(_("Reviewers have already submitted scores in this round, so "
                                "its criteria and weights can no longer change."),
                              field="criteria")
    try:
        round.save()
    except ProtectedError as exc:
        raise DomainError(_("A criterion that has scores cannot be removed."),
                          field="criteria") from exc
    reviewer_ids = list(round.reviewers.values_list("pk", flat=True))
    released = Review.objects.filter(round=round, status=Review.Status.ASSIGNED).exclude(
        reviewer_id__in=reviewer_ids).update(
        status=Review.Status.RELEASED, released_at=timezone.now(),
        release_reason=_("Reviewer taken off the round"))
    audit_log(round, "wagtail.create" if created else "wagtail.edit", user=actor,
              data={"released": released} if released else None)
    return round


@dataclass
class AssignResult:
    created: int = 0
    applications: int = 0
    # References of applications that could not get all their reviews (too few
    # reviewers without a conflict).
    short: list = field(default_factory=list)


def _excluded_pairs(round, reviewers, applications):
    """(application id, reviewer id) pairs a reviewer must never get: declared conflicts,
    startups they mentor, startups they are a member of."""
    reviewer_ids = [r.pk for r in reviewers]
    excluded = set(ConflictOfInterest.objects.filter(
        reviewer_id__in=reviewer_ids, application__call_id=round.call_id,
    ).values_list("application_id", "reviewer_id"))
    by_startup, by_enterprise = {}, {}
    for app_id, startup_id, enterprise_id in applications:
        by_startup.setdefault(startup_id, []).append(app_id)
        by_enterprise.setdefault(enterprise_id, []).append(app_id)
    for reviewer in reviewers:
        for startup_id in set(startups_mentored_by(reviewer)):
            excluded.update((app_id, reviewer.pk) for app_id in by_startup.get(startup_id, ()))
    for enterprise_id, user_id in Membership.objects.filter(
            user_id__in=reviewer_ids, enterprise_id__in=list(by_enterprise),
    ).values_list("enterprise_id", "user_id"):
        excluded.update((app_id, user_id) for app_id in by_enterprise[enterprise_id])
    return excluded


@transaction.atomic
def round_assign(*, round, actor, now=None):
    """Give every application in review `reviews_per_application` reviewers, keeping the
    reviewers' loads as even as possible (the most constrained applications first, then
    each to the least-loaded eligible reviewers). Existing assignments count; a released
    pair is never assigned again. Run it again after a conflict to fill the gap."""
    now = now or timezone.now()
    round = ReviewRound.objects.select_for_update().get(pk=round.pk)
    if round.status == ReviewRound.Status.CLOSED:
        raise DomainError(_("This round is closed."))
    reviewers = list(round.reviewers.filter(is_active=True).order_by("pk"))
    if not reviewers:
        raise DomainError(_("Add reviewers to the round first."), field="reviewers")
    applications = list(Application.objects.filter(
        call_id=round.call_id, status=Application.Status.IN_REVIEW,
    ).order_by("pk").values_list("pk", "startup_id", "startup__enterprise_id"))
    if not applications:
        raise DomainError(_("No application of this call is in review yet."))
    wanted = round.reviews_per_application
    taken, have, load = set(), Counter(), Counter()
    for app_id, reviewer_id, status in Review.objects.filter(round=round).values_list(
            "application_id", "reviewer_id", "status"):
        taken.add((app_id, reviewer_id))
        if status != Review.Status.RELEASED:
            have[app_id] += 1
            load[reviewer_id] += 1
    excluded = taken | _excluded_pairs(round, reviewers, applications)
    todo = []
    for app_id, _startup, _enterprise in applications:
        need = wanted - have[app_id]
        if need > 0:
            eligible = [r.pk for r in reviewers if (app_id, r.pk) not in excluded]
            todo.append((len(eligible) - need, app_id, need, eligible))
    todo.sort()
    last_given = {r.pk: 0 for r in reviewers}  # spreads ties: least recently given first
    new, short, turn = [], [], 0
    for _slack, app_id, need, eligible in todo:
        chosen = sorted(eligible, key=lambda pk: (load[pk], last_given[pk], pk))[:need]
        if len(chosen) < need:
            short.append(app_id)
        for reviewer_id in chosen:
            turn += 1
            load[reviewer_id] += 1
            last_given[reviewer_id] = turn
            new.append(Review(round=round, application_id=app_id, reviewer_id=reviewer_id,
                              assigned_at=now, assigned_by=actor))
    Review.objects.bulk_create(new, batch_size=500)
    result = AssignResult(created=len(new), applications=len(applications),
                          short=[f"A-{pk:05d}" for pk in sorted(short)])
    audit_log(round, "yuva.reviews_assigned", user=actor,
              data={"created": result.created, "short": result.short[:50]})
    return result


def weighted_score(criteria, values):
    """Σ(weight × score) / Σ weight, on the 1–5 scale."""
    total_weight = sum(c.weight for c in criteria)
    return sum(c.weight * values[c.pk] for c in criteria) / total_weight


@transaction.atomic
def review_submit(*, review, actor, scores, recommendation, comment="", now=None):
    """Submit a reviewer's scores (criterion id → 1..5) and recommendation. Every
    criterion must be scored within the scale; nothing is saved otherwise. Final once
    submitted."""
    now = now or timezone.now()
    review = Review.objects.select_for_update().select_related("round").get(pk=review.pk)
    if review.reviewer_id != actor.pk:
        raise DomainError(_("This review is assigned to someone else."))
    if review.status == Review.Status.SUBMITTED:
        raise DomainError(_("You have already submitted this review."))
    if review.status == Review.Status.RELEASED:
        raise DomainError(_("This review is no longer assigned to you."))
    if review.round.status != ReviewRound.Status.OPEN:
        raise DomainError(_("This round is not open for scoring."))
    criteria = list(review.round.criteria.all())
    if not criteria:
        raise DomainError(_("This round has no criteria yet."))
    values = {}
    for criterion in criteria:
        value = scores.get(criterion.pk)
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = None
        if value is None or not SCORE_MIN <= value <= SCORE_MAX:
            raise DomainError(
                _("Score “%(criterion)s” from %(min)s to %(max)s.") % {
                    "criterion": criterion.name, "min": SCORE_MIN, "max": SCORE_MAX},
                field=f"c_{criterion.pk}")
        values[criterion.pk] = value
    if recommendation not in Review.Recommendation.values:
        raise DomainError(_("Choose your recommendation."), field="recommendation")
    Score.objects.bulk_create([Score(review=review, criterion=c, value=values[c.pk])
                               for c in criteria])
    review.score = weighted_score(criteria, values)
    review.recommendation = recommendation
    review.comment = comment.strip()
    review.status = Review.Status.SUBMITTED
    review.submitted_at = now
    review.save(update_fields=["score", "recommendation", "comment", "status",
                               "submitted_at"])
    audit_log(review, "yuva.review_submitted", user=actor, data={"score": review.score})
    return review


@transaction.atomic
def conflict_declare(*, reviewer, application, actor, reason="", now=None):
    """Record that `reviewer` has a conflict of interest with `application`: they lose
    its reviews in every round (a submitted one no longer counts) and never get it
    again."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            conflict = ConflictOfInterest.objects.create(
                reviewer=reviewer, application=application, reason=reason.strip(),
                declared_by=actor, declared_at=now)
    except IntegrityError as exc:
        raise DomainError(_("This conflict of interest is already declared.")) from exc
    released = Review.objects.filter(reviewer=reviewer, application=application).exclude(
        status=Review.Status.RELEASED).update(
        status=Review.Status.RELEASED, released_at=now,
        release_reason=_("Conflict of interest"))
    audit_log(application, "yuva.conflict_declared", user=actor,
              data={"reviewer": reviewer.pk, "released": released})
    return conflict
