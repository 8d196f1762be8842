import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from events.models import Event, Registration


class EventFilterSet(WagtailFilterSet):
    starts_at = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget)

    class Meta:
        model = Event
        fields = ["kind", "audience", "centre", "status", "starts_at"]


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=_("Event"), queryset=Event.objects.select_related("centre").order_by("-starts_at"))
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Registered"), widget=DateRangePickerWidget)

    class Meta:
        model = Registration
        fields = ["event", "status", "attendance", "created_at"]


class EventReportFilterSet(WagtailFilterSet):
    starts_at = django_filters.DateFromToRangeFilter(
        label=_("Period"), widget=DateRangePickerWidget)

    class Meta:
        model = Event
        fields = ["starts_at", "centre", "kind", "audience"]
