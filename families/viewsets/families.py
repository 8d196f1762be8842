"""Staff screens: families (filters, export, household) and applications (accept or
decline)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from core.errors import DomainError
from families.filters import ApplicationFilterSet, FamilyFilterSet
from families.forms.staff import (
    AcceptApplicationForm,
    FamilyCreateForm,
    FamilyEditForm,
    ReasonForm,
)
from families.models import Family, FamilyApplication, HouseholdMember, ServiceRequest
from families.selectors.families import applications_for_staff, families_for_staff, household_of
from families.services.families import (
    application_accept,
    application_decline,
    family_create_for_enterprise,
    family_update,
)
from families.viewsets.common import (
    EXPORT_HEADINGS,
    AdminPageMixin,
    ServiceCreateView,
    ServiceEditView,
    add_errors,
    require,
)


class FamilyIndexView(generic.IndexView):
    def get_base_queryset(self):
        return families_for_staff()


class FamilyCreateView(ServiceCreateView):
    def save_with_service(self, data, instance):
        return family_create_for_enterprise(
            actor=self.request.user, enterprise=data["enterprise"], trade=data["trade"],
            trade_detail=data["trade_detail"], settlement=data["settlement"],
            stage=data["stage"], adviser=data["adviser"])


class FamilyEditView(ServiceEditView):
    def save_with_service(self, data, instance):
        return family_update(family=instance, actor=self.request.user,
                             **{k: data[k] for k in FamilyEditForm.Meta.fields})


class FamilyInspectView(generic.InspectView):
    template_name = "families/admin/family_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["household"] = list(household_of(self.object))
        return context


class FamilyViewSet(ModelViewSet):
    model = Family
    icon = "group"
    menu_label = gettext_lazy("Families")
    index_view_class = FamilyIndexView
    add_view_class = FamilyCreateView
    edit_view_class = FamilyEditView
    inspect_view_class = FamilyInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_view_fields = ["enterprise", "trade_kind", "trade", "trade_detail", "settlement",
                           "stage", "adviser", "created_at"]
    list_display = [
        "__str__",
        Column("region", label=gettext_lazy("Region"),
               accessor=lambda f: f.enterprise.get_region_display()),
        "trade", "stage", "adviser",
        Column("women_led", label=gettext_lazy("Women-led"),
               accessor=lambda f: _("yes") if f.enterprise.women_led else _("no")),
        Column("household_size", label=gettext_lazy("Household"), sort_key="household_size"),
    ]
    filterset_class = FamilyFilterSet
    search_fields = ["enterprise__name", "settlement", "trade_detail"]
    export_headings = EXPORT_HEADINGS
    list_export = ["enterprise.name", "enterprise.get_region_display", "settlement",
                   "get_trade_kind_display", "get_trade_display", "trade_detail",
                   "get_stage_display", "adviser", "enterprise.women_led", "household_size"]
    export_filename = "abad-families"

    def get_form_class(self, for_update=False):
        return FamilyEditForm if for_update else FamilyCreateForm


class ApplicationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return applications_for_staff()


class ApplicationInspectView(generic.InspectView):
    template_name = "families/admin/application_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        relations = dict(HouseholdMember.Relation.choices)
        genders = dict(HouseholdMember.Gender.choices)
        context["household"] = [
            {**member, "relation": relations.get(member.get("relation"), ""),
             "gender": genders.get(member.get("gender"), "")}
            for member in self.object.members
        ]
        context["help_labels"] = [ServiceRequest.Kind(kind).label
                                  for kind in self.object.help_needed]
        return context

    def get_header_buttons(self):
        buttons = list(super().get_header_buttons())
        if self.object.status == FamilyApplication.Status.SUBMITTED and \
                self.request.user.has_perm("families.decide_applications"):
            buttons += [
                HeaderButton(_("Accept"), url=reverse("families_admin:application_accept",
                                                      args=[self.object.pk]),
                             icon_name="check", priority=10),
                HeaderButton(_("Decline"), url=reverse("families_admin:application_decline",
                                                       args=[self.object.pk]),
                             icon_name="cross", priority=20),
            ]
        return buttons


class ApplicationViewSet(ModelViewSet):
    model = FamilyApplication
    icon = "form"
    menu_label = gettext_lazy("Applications")
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["business_name"]  # required by ModelViewSet; the edit screen is closed
    inspect_view_fields = ["business_name", "applicant", "trade_kind", "trade", "products",
                           "region", "settlement", "women_led", "help_note", "status",
                           "decided_by", "decided_at", "decline_reason", "family",
                           "created_at"]
    list_display = [
        "business_name", "applicant", "trade", "region",
        Column("created_at", label=gettext_lazy("Submitted"), sort_key="created_at"),
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda a: a.status == "submitted"),
    ]
    filterset_class = ApplicationFilterSet
    search_fields = ["business_name", "settlement", "applicant__email"]
    export_headings = EXPORT_HEADINGS
    list_export = ["business_name", "applicant", "applicant.email", "get_trade_display",
                   "get_region_display", "settlement", "women_led", "get_status_display",
                   "created_at", "decided_at", "decline_reason"]
    export_filename = "abad-applications"


class ActionFormView(AdminPageMixin, FormView):
    """A small form in the admin that calls one service: a reason to give, a person to
    choose. Subclasses set the object, the service call and the messages."""

    template_name = "families/admin/action_form.html"
    permission = None
    submit_label = gettext_lazy("Save")
    header_icon = "edit"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, self.permission)
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"object": self.object, "action_url": self.request.path,
                        "submit_button_label": self.submit_label,
                        "submit_button_active_label": self.submit_label,
                        "summary": self.summary(), "media": context["form"].media})
        return context

    def summary(self):
        return []

    def form_valid(self, form):
        try:
            result = self.perform(form.cleaned_data)
        except DomainError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(result))
        return redirect(self.get_success_url(result))


class ApplicationDecisionMixin:
    permission = "families.decide_applications"
    index_url_name = "abad_applications:index"
    index_label = gettext_lazy("Applications")

    def get_object(self):
        return get_object_or_404(applications_for_staff(), pk=self.kwargs["pk"])

    def summary(self):
        a = self.object
        return [(_("Family business"), a.business_name), (_("Applicant"), a.applicant),
                (_("Trade"), a.get_trade_display()), (_("Where"), a.settlement)]

    def get_success_url(self, result):
        return reverse("abad_applications:inspect", args=[self.object.pk])


class ApplicationAcceptView(ApplicationDecisionMixin, ActionFormView):
    form_class = AcceptApplicationForm
    submit_label = gettext_lazy("Accept the family")
    header_icon = "check"

    def get_page_title(self):
        return _("Accept %(name)s") % {"name": self.object.business_name}

    def get_initial(self):
        return {"adviser": self.request.user.pk}

    def perform(self, data):
        return application_accept(application=self.object, actor=self.request.user,
                                  adviser=data["adviser"], centre=data["centre"])

    def success_message(self, family):
        return _("%(name)s is now an ABAD family; the applicant was e-mailed.") % {
            "name": family.enterprise.name}

    def get_success_url(self, family):
        return reverse("abad_families:inspect", args=[family.pk])


class ApplicationDeclineView(ApplicationDecisionMixin, ActionFormView):
    form_class = ReasonForm
    submit_label = gettext_lazy("Decline the application")
    header_icon = "cross"

    def get_page_title(self):
        return _("Decline %(name)s") % {"name": self.object.business_name}

    def perform(self, data):
        return application_decline(application=self.object, actor=self.request.user,
                                   reason=data["reason"])

    def success_message(self, application):
        return _("The application was declined; the applicant was e-mailed the reason.")


urlpatterns = [
    path("applications/<int:pk>/accept/", ApplicationAcceptView.as_view(),
         name="application_accept"),
    path("applications/<int:pk>/decline/", ApplicationDeclineView.as_view(),
         name="application_decline"),
]
