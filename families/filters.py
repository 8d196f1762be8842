"""Filters of the families back office (django-filter through Wagtail's FilterSet)."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from core.models import Region
from families.models import (
    Factory,
    Family,
    FamilyApplication,
    Notification,
    ProductionLine,
    ProductionLot,
    ServiceRequest,
    Shift,
    ShiftBooking,
    Suspension,
    TradeKind,
    TrainingRecord,
    WaitlistEntry,
)


def staff_users(request=None):
    return get_user_model().objects.filter(is_staff=True, is_active=True).order_by("full_name")


class FamilyFilterSet(WagtailFilterSet):
    region = django_filters.ChoiceFilter(label=_("Region"), choices=Region.choices,
                                         field_name="enterprise__region")
    trade_kind = django_filters.ChoiceFilter(label=_("Food or craft"), choices=TradeKind.choices)
    women_led = django_filters.BooleanFilter(label=_("Women-led"),
                                             field_name="enterprise__women_led")
    adviser = django_filters.ModelChoiceFilter(label=_("Adviser"), queryset=staff_users)

    class Meta:
        model = Family
        fields = ["region", "trade_kind", "trade", "stage", "adviser", "women_led"]


class ApplicationFilterSet(WagtailFilterSet):
    class Meta:
        model = FamilyApplication
        fields = ["status", "trade_kind", "region"]


class ServiceRequestFilterSet(WagtailFilterSet):
    adviser = django_filters.ModelChoiceFilter(label=_("Adviser"), queryset=staff_users)
    mine = django_filters.BooleanFilter(label=_("Assigned to me"), method="filter_mine")
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    open = django_filters.BooleanFilter(label=_("Open"), method="filter_open")

    class Meta:
        model = ServiceRequest
        fields = ["status", "kind", "adviser", "mine", "overdue", "open"]

    def filter_mine(self, queryset, name, value):
        if value is None:
            return queryset
        mine = Q(adviser=self.request.user)
        return queryset.filter(mine) if value else queryset.exclude(mine)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(is_overdue=value)

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        is_open = Q(status__in=ServiceRequest.OPEN_STATUSES)
        return queryset.filter(is_open) if value else queryset.exclude(is_open)


class LineFilterSet(WagtailFilterSet):
    class Meta:
        model = ProductionLine
        fields = ["factory", "is_active", "output_unit"]


class ShiftFilterSet(WagtailFilterSet):
    factory = django_filters.ModelChoiceFilter(label=_("Factory"), field_name="line__factory",
                                               queryset=Factory.objects.all())
    starts_at = django_filters.DateFromToRangeFilter(label=_("Date"),
                                                     widget=DateRangePickerWidget)
    unassigned = django_filters.BooleanFilter(label=_("No technician"),
                                              field_name="technician", lookup_expr="isnull")
    upcoming = django_filters.BooleanFilter(label=_("Upcoming"), method="filter_upcoming")

    class Meta:
        model = Shift
        fields = ["factory", "line", "status", "technician", "starts_at", "unassigned",
                  "upcoming"]

    def filter_upcoming(self, queryset, name, value):
        if value is None:
            return queryset
        upcoming = Q(ends_at__gt=timezone.now())
        return queryset.filter(upcoming) if value else queryset.exclude(upcoming)


class BookingFilterSet(WagtailFilterSet):
    factory = django_filters.ModelChoiceFilter(label=_("Factory"),
                                               field_name="shift__line__factory",
                                               queryset=Factory.objects.all())
    line = django_filters.ModelChoiceFilter(label=_("Production line"), field_name="shift__line",
                                            queryset=ProductionLine.objects.all())
    starts_at = django_filters.DateFromToRangeFilter(label=_("Date"),
                                                     widget=DateRangePickerWidget)

    class Meta:
        model = ShiftBooking
        fields = ["factory", "line", "status", "source", "starts_at"]


class WaitlistFilterSet(WagtailFilterSet):
    class Meta:
        model = WaitlistEntry
        fields = ["status"]


class SuspensionFilterSet(WagtailFilterSet):
    active = django_filters.BooleanFilter(label=_("In force now"), method="filter_active")

    class Meta:
        model = Suspension
        fields = ["active"]

    def filter_active(self, queryset, name, value):
        if value is None:
            return queryset
        now = timezone.now()
        active = Q(lifted_at__isnull=True, starts_at__lte=now, ends_at__gt=now)
        return queryset.filter(active) if value else queryset.exclude(active)


class LotFilterSet(WagtailFilterSet):
    factory = django_filters.ModelChoiceFilter(label=_("Factory"),
                                               field_name="shift__line__factory",
                                               queryset=Factory.objects.all())
    line = django_filters.ModelChoiceFilter(label=_("Production line"), field_name="shift__line",
                                            queryset=ProductionLine.objects.all())
    signed_off_at = django_filters.DateFromToRangeFilter(label=_("Date"),
                                                         widget=DateRangePickerWidget)

    class Meta:
        model = ProductionLot
        fields = ["factory", "line", "quality", "unit", "signed_off_at"]


class TrainingRecordFilterSet(WagtailFilterSet):
    valid = django_filters.BooleanFilter(label=_("Valid"), field_name="revoked_at",
                                         lookup_expr="isnull")

    class Meta:
        model = TrainingRecord
        fields = ["training", "valid"]


class NotificationFilterSet(WagtailFilterSet):
    class Meta:
        model = Notification
        fields = ["status", "kind"]
