"""Filters of the portal's office-hours listing."""

import django_filters
from django.utils.translation import gettext_lazy as _

from incubator.models import Mentor, OfficeHourSlot


class OpenSlotFilterSet(django_filters.FilterSet):
    mode = django_filters.ChoiceFilter(label=_("Mode"), choices=OfficeHourSlot.Mode.choices)
    location = django_filters.ChoiceFilter(label=_("Mentor based in"),
                                           field_name="mentor__location",
                                           choices=Mentor.Location.choices)
    expertise = django_filters.CharFilter(label=_("Expertise"), field_name="mentor__expertise",
                                          lookup_expr="icontains")
    day = django_filters.DateFilter(label=_("Day"), field_name="starts_at", lookup_expr="date",
                                    widget=django_filters.widgets.forms.DateInput(
                                        attrs={"type": "date"}))

    class Meta:
        model = OfficeHourSlot
        fields = ["mode", "location", "expertise", "day"]
