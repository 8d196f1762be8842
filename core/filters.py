import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from core.models import Centre, Enterprise, Region


class CentreFilterSet(WagtailFilterSet):
    class Meta:
        model = Centre
        fields = ["kind", "programme", "region", "is_active"]


class EnterpriseFilterSet(WagtailFilterSet):
    region = django_filters.ChoiceFilter(label=_("Region"), choices=Region.choices)
    women_led = django_filters.BooleanFilter(label=_("Women-led"))

    class Meta:
        model = Enterprise
        fields = ["kind", "region", "centre", "sector", "women_led"]
