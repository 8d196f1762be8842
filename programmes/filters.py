import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from programmes.models import (
    Application,
    Call,
    Cohort,
    ConflictOfInterest,
    DecisionEmailTemplate,
    Programme,
    Review,
    ReviewRound,
)


class ProgrammeFilterSet(WagtailFilterSet):
    class Meta:
        model = Programme
        fields = ["kind", "centre", "is_active"]


class CallFilterSet(WagtailFilterSet):
    closes_at = django_filters.DateFromToRangeFilter(label=_("Closes"),
                                                     widget=DateRangePickerWidget)

    class Meta:
        model = Call
        fields = ["programme", "programme__centre"]


class ApplicationFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"),
                                                 choices=Application.Status.choices)
    submitted_at = django_filters.DateFromToRangeFilter(label=_("Submitted"),
                                                        widget=DateRangePickerWidget)

    class Meta:
        model = Application
        fields = ["call", "call__programme", "status"]


class ReviewRoundFilterSet(WagtailFilterSet):
    class Meta:
        model = ReviewRound
        fields = ["call", "status", "blind"]


class ReviewFilterSet(WagtailFilterSet):
    class Meta:
        model = Review
        fields = ["round", "status", "recommendation", "reviewer"]


class ConflictFilterSet(WagtailFilterSet):
    class Meta:
        model = ConflictOfInterest
        fields = ["reviewer", "application__call"]


class CohortFilterSet(WagtailFilterSet):
    class Meta:
        model = Cohort
        fields = ["programme", "programme__centre"]


class DecisionEmailTemplateFilterSet(WagtailFilterSet):
    class Meta:
        model = DecisionEmailTemplate
        fields = ["decision", "language", "call"]
