"""Shared pieces of the incubator's staff screens."""

import datetime

import django_filters
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import list_to_str

from core.admin_views import (  # noqa: F401 - the incubator screens import them from here
    ClosedActionsPolicy,
    ServiceFormMixin,
    add_service_error,
    require,
    user_may,
)


class IncubatorAdminMixin(WagtailAdminTemplateMixin):
    """Custom admin pages under an index of the incubator's viewsets."""

    parent_index = None  # (url name, label)

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("wagtailadmin_home"), "label": _("Home")}]
        if self.parent_index:
            url_name, label = self.parent_index
            items.append({"url": reverse(url_name), "label": label})
        return [*items, {"url": "", "label": self.get_page_title()}]


def _local_naive(value):
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def _local_text(value):
    return _local_naive(value).strftime("%Y-%m-%d %H:%M")


class IndexView(generic.IndexView):
    """Listings whose exports show times in the agency's time zone (Asia/Baku), not UTC."""

    custom_value_preprocess = {
        datetime.datetime: {"xlsx": _local_naive, "csv": _local_text},
        (datetime.date, datetime.time): {"xlsx": None},
        list: {"csv": list_to_str, "xlsx": list_to_str},
    }

    @cached_property
    def columns(self):
        """The first column links to the edit (or inspect) page, as Wagtail does for a
        first column given by name, also when it is a Column with its own accessor."""
        columns = list(super().columns)
        first = columns[0]
        if type(first) is Column:
            column_class = self._get_title_column_class(TitleColumn)
            columns[0] = column_class(
                first.name, label=first.label, accessor=first.accessor,
                sort_key=first.sort_key,
                get_url=lambda obj: self.get_edit_url(obj) or self.get_inspect_url(obj),
            )
        return columns


def mentor_filter(field_name="mentor"):
    """A mentor choice whose labels need no query per mentor."""
    from incubator.models import Mentor

    return django_filters.ModelChoiceFilter(
        label=_lazy("Mentor"), field_name=field_name,
        queryset=Mentor.objects.select_related("user").order_by("user__full_name", "pk"))


def startup_filter(field_name="startup"):
    from incubator.models import Startup

    return django_filters.ModelChoiceFilter(
        label=_lazy("Startup"), field_name=field_name,
        queryset=Startup.objects.select_related("enterprise").order_by("enterprise__name",
                                                                       "pk"))
