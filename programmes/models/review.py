"""Review rounds: weighted criteria, the reviewers of a round, their assignments
(Review) and scores, and the conflicts of interest they declare."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

SCORE_MIN, SCORE_MAX = 1, 5


class ReviewRound(ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Being set up")
        OPEN = "open", _("Open for scoring")
        CLOSED = "closed", _("Closed")

    call = models.ForeignKey("programmes.Call", verbose_name=_("call"),
                             on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(_("name"), max_length=160)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.DRAFT)
    reviews_per_application = models.PositiveSmallIntegerField(
        _("reviews per application"), default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    blind = models.BooleanField(
        _("blind review"), default=True,
        help_text=_("Reviewers see no applicant name, team or file details."),
    )
    normalise = models.BooleanField(
        _("normalise scores per reviewer"), default=True,
        help_text=_("Rank by z-scores, so a harsh and a lenient reviewer count the same."),
    )
    disagreement_threshold = models.DecimalField(
        _("disagreement flag from standard deviation"), max_digits=3, decimal_places=2,
        default=Decimal("1.00"), validators=[MinValueValidator(Decimal("0.01"))],
    )
    reviewers = ParentalManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("reviewers"),
                                        related_name="review_rounds", blank=True)
    due_on = models.DateField(_("reviews due"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reviews_per_application__gte=1,
                                   reviews_per_application__lte=20),
                name="programmes_round_reviews_1_20",
            ),
        ]

    def __str__(self):
        return f"{self.call} — {self.name}"


class Criterion(Orderable):
    round = ParentalKey(ReviewRound, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=160)
    description = models.TextField(_("what a 1 and a 5 mean"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gte=1),
                                   name="programmes_criterion_weight_positive"),
        ]

    def __str__(self):
        return self.name


class ConflictOfInterest(models.Model):
    """A reviewer never reviews an application they declared a conflict on."""

    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"),
                                 on_delete=models.PROTECT, related_name="review_conflicts")
    application = models.ForeignKey("programmes.Application", verbose_name=_("application"),
                                    on_delete=models.PROTECT, related_name="conflicts")
    reason = models.TextField(_("reason"), blank=True)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("declared by"),
                                    on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["-declared_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "application"],
                                    name="programmes_one_conflict_per_pair"),
        ]

    def __str__(self):
        return f"{self.reviewer} ≠ {self.application}"


class Review(models.Model):
    """One reviewer's assignment to one application in a round, and, once submitted,
    their scores. `score` is the weighted mean of the scores (1–5), fixed at submission;
    the ranking aggregates it in the database."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("To do")
        SUBMITTED = "submitted", _("Submitted")
        RELEASED = "released", _("Released")

    class Recommendation(models.TextChoices):
        ACCEPT = "accept", _("Accept")
        MAYBE = "maybe", _("Maybe")
        REJECT = "reject", _("Reject")

    round = models.ForeignKey(ReviewRound, verbose_name=_("round"), on_delete=models.PROTECT,
                              related_name="reviews")
    application = models.ForeignKey("programmes.Application", verbose_name=_("application"),
                                    on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"),
                                 on_delete=models.PROTECT, related_name="reviews")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.ASSIGNED)
    score = models.FloatField(_("weighted score"), null=True, blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=16, blank=True,
                                      choices=Recommendation.choices)
    comment = models.TextField(_("comment"), blank=True)
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    release_reason = models.CharField(_("why released"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["round", "application", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "application", "reviewer"],
                                    name="programmes_one_review_per_reviewer"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True)
                | models.Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="programmes_review_score_in_scale",
            ),
        ]
        # The ranking's two scans (programmes.ranking) read only these indexes.
        indexes = [
            models.Index(fields=["round", "status", "reviewer", "score"],
                         name="programmes_review_stats"),
            models.Index(fields=["round", "application", "status", "reviewer", "score",
                                 "recommendation"], name="programmes_review_ranking"),
            models.Index(fields=["reviewer", "status"], name="programmes_review_reviewer"),
        ]

    def __str__(self):
        return f"{self.reviewer} · {self.application.reference}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"],
                                    name="programmes_one_score_per_criterion"),
            models.CheckConstraint(condition=models.Q(value__gte=SCORE_MIN,
                                                      value__lte=SCORE_MAX),
                                   name="programmes_score_in_scale"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"
