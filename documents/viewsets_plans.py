"""Staff screens for business plans: the listing (filters by status, enterprise and
language; CSV/XLSX export), the inspect view, and the adviser's review screen showing
the latest submitted version with its sections, financial tables and charts beside the
approve / ask-for-changes form.

Plans are written only by their enterprises through the portal and by the review
service, so the generic add, edit, copy and delete screens are closed to everyone;
reviewing needs the `documents.review_businessplan` permission.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from core.errors import DomainError
from documents import finance, plan_tables
from documents.forms_plans import ReviewForm
from documents.models import BusinessPlan, BusinessPlanVersion
from documents.models.business_plan import SECTIONS
from documents.selectors_plans import plan_versions, plans_for_staff
from documents.services.business_plans import business_plan_review


class ReadOnlyPlanPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


def user_may_review(user):
    return ModelPermissionPolicy(BusinessPlan).user_has_permission(user, "review")


class BusinessPlanFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"),
                                         choices=BusinessPlan.Status.choices)

    class Meta:
        model = BusinessPlan
        fields = ["status", "enterprise", "language"]


class BusinessPlanIndexView(generic.IndexView):
    def get_base_queryset(self):
        return plans_for_staff()

    @cached_property
    def may_review(self):
        return user_may_review(self.request.user)

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if self.may_review and instance.latest_version:
            buttons.append(ListingButton(
                _("Review") if instance.status == BusinessPlan.Status.SUBMITTED
                else _("Latest version"),
                url=reverse("business_plans:review", args=[instance.pk]),
                icon_name="tasks", priority=5,
            ))
        return buttons


class BusinessPlanInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(plans_for_staff(), pk=self.pk)

    def get_header_buttons(self):
        buttons = list(super().get_header_buttons())
        if user_may_review(self.request.user) and self.object.latest_version:
            buttons.append(HeaderButton(
                _("Review"), url=reverse("business_plans:review", args=[self.object.pk]),
                icon_name="tasks", priority=10,
            ))
        return buttons


class ReviewView(WagtailAdminTemplateMixin, FormView):
    """The latest submitted version, as the enterprise froze it, and the decision on it."""

    form_class = ReviewForm
    template_name = "documents/plans/admin_review.html"
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not user_may_review(request.user):
            raise PermissionDenied
        self.plan = get_object_or_404(plans_for_staff(), pk=kwargs["pk"])
        self.versions = list(plan_versions(self.plan))
        if not self.versions:
            messages.error(request, _("This plan has not been submitted yet."))
            return redirect("business_plans:index")
        self.version = self.versions[0]
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Review: %(title)s") % {"title": self.plan.title}

    def get_page_subtitle(self):
        return _("Version %(number)s") % {"number": self.version.number}

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("business_plans:index"), "label": _("Business plans")},
            {"url": "", "label": self.get_page_title()},
        ]

    @property
    def awaiting_review(self):
        return (self.plan.status == BusinessPlan.Status.SUBMITTED
                and self.version.decision == BusinessPlanVersion.Decision.PENDING)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = self.version
        figures = plan_tables.figures(finance.parse(version.financials),
                                      start_month=version.start_month)
        context.update({
            "plan": self.plan,
            "version": version,
            "versions": self.versions,
            "sections": [(label, version.sections.get(key, "")) for key, label in SECTIONS],
            "figures": figures,
            "version_language": dict(BusinessPlan._meta.get_field("language").choices)
            .get(version.language, version.language),
            "awaiting_review": self.awaiting_review,
            "action_url": self.request.path,
            "submit_button_label": _("Send the decision"),
            "submit_button_active_label": _("Sending…"),
        })
        return context

    def post(self, request, *args, **kwargs):
        if not self.awaiting_review:
            messages.error(request, _("This plan is not waiting for a review."))
            return redirect("business_plans:review", pk=self.plan.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            business_plan_review(plan=self.plan, actor=self.request.user,
                                 decision=form.cleaned_data["decision"],
                                 comments=form.cleaned_data["comments"])
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        message = (_("Version %(number)s of “%(title)s” was approved.")
                   if form.cleaned_data["decision"] == BusinessPlanVersion.Decision.APPROVED
                   else _("Changes were requested on version %(number)s of “%(title)s”."))
        messages.success(self.request, message % {"number": self.version.number,
                                                  "title": self.plan.title})
        return redirect("business_plans:index")


class BusinessPlanViewSet(ModelViewSet):
    model = BusinessPlan
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Business plans")
    menu_order = 320
    add_to_admin_menu = True
    index_view_class = BusinessPlanIndexView
    inspect_view_class = BusinessPlanInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_view_fields = ["title", "enterprise", "status", "language", "start_month",
                           "prefilled_from", "created_by", "created_at", "updated_at"]
    form_fields = ["title"]  # required by ModelViewSet; the edit screen is closed
    list_display = [
        "title", "enterprise",
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda plan: plan.status == "approved"),
        "language",
        Column("latest_version", label=gettext_lazy("Version"), sort_key="latest_version"),
        Column("updated_at", label=gettext_lazy("Updated"), sort_key="updated_at"),
    ]
    filterset_class = BusinessPlanFilterSet
    search_fields = ["title", "enterprise__name"]
    list_export = ["title", "enterprise", "get_status_display", "language", "latest_version",
                   "start_month", "created_at", "updated_at"]
    export_headings = {
        "title": gettext_lazy("Title"),
        "enterprise": gettext_lazy("Enterprise"),
        "get_status_display": gettext_lazy("Status"),
        "language": gettext_lazy("Language"),
        "latest_version": gettext_lazy("Latest version"),
        "start_month": gettext_lazy("First month of the forecast"),
        "created_at": gettext_lazy("Created"),
        "updated_at": gettext_lazy("Updated"),
    }
    export_filename = "business-plans"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("review/<int:pk>/", ReviewView.as_view(), name="review"),
        ]
