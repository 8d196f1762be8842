import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from documents.models import Document


class DocumentFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Created"), widget=DateRangePickerWidget,
    )

    class Meta:
        model = Document
        fields = ["status", "kind", "language", "enterprise"]
