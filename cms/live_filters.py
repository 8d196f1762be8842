"""Filters of the public event list and startup directory (plain GET forms: they work
without JavaScript)."""

import re

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms import selectors
from core.models import Enterprise
from events.models import Event
from families.models import Category, Product
from incubator.models import Startup

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class EventFilterSet(django_filters.FilterSet):
    WHEN_CHOICES = (("upcoming", _("Upcoming")), ("past", _("Past")))

    when = django_filters.ChoiceFilter(label=_("When"), choices=WHEN_CHOICES,
                                       empty_label=None, method="filter_when")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Event.Kind.choices,
                                       empty_label=_("All kinds"))
    audience = django_filters.ChoiceFilter(label=_("For"), choices=Event.Audience.choices,
                                           empty_label=_("All audiences"))
    centre = django_filters.ModelChoiceFilter(label=_("Centre"),
                                              queryset=selectors.centres_public(),
                                              empty_label=_("All centres"))
    month = django_filters.CharFilter(
        label=_("Month"), method="filter_month",
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-05",
                                      "pattern": r"\d{4}-\d{2}"}),
        help_text=_("Year and month, e.g. 2026-05."))

    class Meta:
        model = Event
        fields = ["when", "kind", "audience", "centre", "month"]

    def __init__(self, data=None, *args, now=None, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("when"):
            data["when"] = "upcoming"
        self.now = now or timezone.now()
        super().__init__(data, *args, **kwargs)

    def filter_when(self, queryset, name, value):
        if value == "past":
            return queryset.filter(ends_at__lte=self.now).order_by("-starts_at", "-pk")
        return queryset.filter(ends_at__gt=self.now).order_by("starts_at", "pk")

    def filter_month(self, queryset, name, value):
        match = MONTH.match(value.strip())
        if not match or not 1 <= int(match[2]) <= 12:
            return queryset.none()
        start, end = selectors.month_bounds(int(match[1]), int(match[2]))
        return queryset.filter(starts_at__gte=start, starts_at__lt=end)

    @property
    def is_past(self):
        return self.form.is_valid() and self.form.cleaned_data.get("when") == "past"


class StartupFilterSet(django_filters.FilterSet):
    sector = django_filters.ChoiceFilter(label=_("Sector"), field_name="enterprise__sector",
                                         choices=Enterprise.Sector.choices,
                                         empty_label=_("All sectors"))
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Startup.Stage.choices,
                                        empty_label=_("All stages"))
    centre = django_filters.ModelChoiceFilter(label=_("Centre"), field_name="enterprise__centre",
                                              queryset=selectors.directory_centres(),
                                              empty_label=_("All centres"))

    class Meta:
        model = Startup
        fields = ["sector", "stage", "centre"]


class ProductFilterSet(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Category.choices,
                                           empty_label=_("All categories"))
    brand = django_filters.ModelChoiceFilter(label=_("Family brand"),
                                             queryset=selectors.brands_listed(),
                                             empty_label=_("All brands"))

    class Meta:
        model = Product
        fields = ["category", "brand"]
