"""Shared pieces of the families back office: generic create/edit screens that save
through a service, permission policies that close the generic screens the services
replace, and a base for custom admin pages."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from core.admin_views import add_service_error as add_errors
from core.errors import DomainError


class ServiceSaveMixin:
    """A Wagtail create/edit view whose save goes through `save_with_service(data)`
    (a service call) instead of saving the model form; refusals show on the form."""

    def save_with_service(self, data, instance):
        raise NotImplementedError

    def save_instance(self):
        stored = None
        if getattr(self, "object", None) is not None and self.object.pk:
            # The model form copied the new values onto self.object already; the
            # service works on the stored record so it sees what changed.
            stored = type(self.object).objects.get(pk=self.object.pk)
        return self.save_with_service(self.form.cleaned_data, stored)

    def form_valid(self, form):
        self.form = form
        try:
            with transaction.atomic():
                self.object = self.save_instance()
        except (DomainError, ValidationError) as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        response = self.save_action()
        hook_response = self.run_after_hook()
        return hook_response if hook_response is not None else response


class ServiceCreateView(ServiceSaveMixin, generic.CreateView):
    pass


class ServiceEditView(ServiceSaveMixin, generic.EditView):
    pass


class FamiliesPolicy(ModelPermissionPolicy):
    """Nothing in families is deleted from the back office (history is kept), and the
    generic add/edit screens are open only where `generic` says so; the other writes
    have their own screens, which check the model permissions themselves."""

    def __init__(self, model, generic=("add", "change")):
        super().__init__(model)
        self.generic = set(generic)

    def user_has_permission(self, user, action):
        if action == "delete" or (action in {"add", "change"} and action not in self.generic):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def require(user, perm):
    if not user.has_perm(perm):
        raise PermissionDenied


class AdminPageMixin(WagtailAdminTemplateMixin):
    """A custom admin page with breadcrumbs back to a listing."""

    index_url_name = None
    index_label = None

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("wagtailadmin_home"), "label": _("Home")}]
        if self.index_url_name:
            items.append({"url": reverse(self.index_url_name), "label": self.index_label})
        items.append({"url": "", "label": self.get_page_title()})
        return items


# Column headings of the CSV/XLSX exports for the dotted paths and methods they use.
EXPORT_HEADINGS = {
    "enterprise.name": _lazy("Name"),
    "enterprise.get_region_display": _lazy("Region"),
    "enterprise.women_led": _lazy("Women-led"),
    "get_region_display": _lazy("Region"),
    "get_trade_kind_display": _lazy("Food or craft"),
    "get_trade_display": _lazy("Trade"),
    "get_stage_display": _lazy("Stage"),
    "get_status_display": _lazy("Status"),
    "get_kind_display": _lazy("Kind"),
    "get_source_display": _lazy("Source"),
    "get_unit_display": _lazy("Unit"),
    "get_output_unit_display": _lazy("Unit of output"),
    "get_quality_display": _lazy("Quality check"),
    "shift.line": _lazy("Production line"),
    "label": _lazy("Product"),
    "stock": _lazy("Stock left"),
    "shift.line.factory": _lazy("Factory"),
    "shift.starts_at": _lazy("Shift starts"),
    "line.factory": _lazy("Factory"),
    "member.email": _lazy("E-mail"),
    "applicant.email": _lazy("Applicant's e-mail"),
    "user.email": _lazy("E-mail"),
    "recipient.email": _lazy("E-mail"),
    "weekday_labels": _lazy("Weekdays"),
    "household_size": _lazy("Household"),
    "line_count": _lazy("Lines"),
    "training_count": _lazy("Trainings required"),
    "holders": _lazy("People trained"),
    "free": _lazy("Free places"),
    "is_overdue": _lazy("Overdue"),
    "message_count": _lazy("Messages"),
}
