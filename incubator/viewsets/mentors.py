"""Staff screens for mentors (with each mentor's load against capacity) and for
mentor assignments (assign, end; the mentor choice shows the load)."""

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from core.errors import DomainError
from core.models import User
from incubator.models import Mentor, MentorAssignment, Startup
from incubator.selectors import assignments_for_staff, mentors_with_load, open_assignments_q
from incubator.services import assignment_create, assignment_end, mentor_create, mentor_update
from incubator.viewsets.common import (
    IncubatorAdminMixin,
    IndexView,
    ServiceFormMixin,
    add_service_error,
    mentor_filter,
    require,
    startup_filter,
    user_may,
)

LANGUAGE_CHOICES = [*settings.LANGUAGES, ("tr", "Türkçe"), ("de", "Deutsch")]


def load_percent(mentor):
    if not mentor.capacity_per_month:
        return None
    return round(100 * mentor.sessions_this_month / mentor.capacity_per_month)


class MentorFilterSet(WagtailFilterSet):
    expertise = django_filters.CharFilter(label=_("Expertise"), lookup_expr="icontains")
    at_capacity = django_filters.BooleanFilter(label=_("At or over capacity this month"),
                                               method="filter_at_capacity")

    class Meta:
        model = Mentor
        fields = ["location", "expertise", "is_active", "at_capacity"]

    def filter_at_capacity(self, queryset, name, value):
        at = queryset.filter(sessions_this_month__gte=F("capacity_per_month"))
        return at if value else queryset.exclude(pk__in=at.values("pk"))


class MentorAdminForm(WagtailAdminModelForm):
    expertise = forms.CharField(
        label=_("Expertise areas"), required=False, max_length=600,
        help_text=_("Separated by commas, e.g. fintech, sales, fundraising."))
    languages = forms.MultipleChoiceField(label=_("Languages"), required=False,
                                          choices=LANGUAGE_CHOICES,
                                          widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Mentor
        fields = ["user", "expertise", "languages", "bio", "location", "city",
                  "capacity_per_month", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["user"]
            self.initial["expertise"] = ", ".join(self.instance.expertise)
        else:
            self.fields["user"].queryset = User.objects.filter(
                is_active=True, mentor__isnull=True).order_by("full_name", "email")

    def clean_expertise(self):
        return [part.strip() for part in self.cleaned_data["expertise"].split(",")
                if part.strip()]

    def service_fields(self):
        return {name: self.cleaned_data[name] for name in
                ("expertise", "languages", "bio", "location", "city", "capacity_per_month",
                 "is_active")}


class MentorIndexView(IndexView):
    def get_base_queryset(self):
        return mentors_with_load()


class MentorCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        return mentor_create(user=self.form.cleaned_data["user"], actor=self.request.user,
                             **self.form.service_fields())


class MentorEditView(ServiceFormMixin, generic.EditView):
    def save_instance(self):
        stored = Mentor.objects.select_related("user").get(pk=self.object.pk)
        return mentor_update(mentor=stored, actor=self.request.user,
                             **self.form.service_fields())


class MentorViewSet(ModelViewSet):
    model = Mentor
    icon = "user"
    menu_label = _("Mentors and load")
    index_view_class = MentorIndexView
    add_view_class = MentorCreateView
    edit_view_class = MentorEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["user"]

    def get_form_class(self, for_update=False):
        return MentorAdminForm

    list_display = [
        Column("name", label=_("Mentor"), accessor="user.get_full_name",
               sort_key="user__full_name"),
        "location",
        Column("expertise", label=_("Expertise"),
               accessor=lambda m: ", ".join(m.expertise)),
        BooleanColumn("is_active", label=_("Active")),
        Column("sessions_this_month", label=_("Sessions this month"),
               sort_key="sessions_this_month"),
        Column("capacity_per_month", label=_("Capacity"), sort_key="capacity_per_month"),
        Column("load", label=_("Load"), accessor=lambda m: (
            f"{load_percent(m)} %" if load_percent(m) is not None else "—")),
        Column("open_assignments", label=_("Startups"), sort_key="open_assignments"),
        Column("open_slots", label=_("Open slots"), sort_key="open_slots"),
    ]
    filterset_class = MentorFilterSet
    search_fields = ["user__full_name", "user__email", "city", "bio"]
    list_export = ["user.get_full_name", "user.email", "get_location_display", "city",
                   "expertise", "languages", "is_active", "capacity_per_month",
                   "sessions_this_month", "open_assignments", "open_slots"]
    export_headings = {
        "user.get_full_name": _("Mentor"), "user.email": _("E-mail"),
        "get_location_display": _("Location"), "city": _("City"),
        "expertise": _("Expertise"), "languages": _("Languages"), "is_active": _("Active"),
        "capacity_per_month": _("Capacity per month"),
        "sessions_this_month": _("Sessions this month"),
        "open_assignments": _("Startups assigned"), "open_slots": _("Open slots"),
    }
    export_filename = "mentors"
    inspect_view_fields = ["user", "expertise", "languages", "bio", "location", "city",
                           "capacity_per_month", "is_active"]


# --- assignments ------------------------------------------------------------------------

class AssignmentFilterSet(WagtailFilterSet):
    mentor = mentor_filter()
    startup = startup_filter()
    current = django_filters.BooleanFilter(label=_("Current"), method="filter_current")

    class Meta:
        model = MentorAssignment
        fields = ["mentor", "startup", "current"]

    def filter_current(self, queryset, name, value):
        current = open_assignments_q()
        return queryset.filter(current) if value else queryset.exclude(current)


class MentorLoadChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, mentor):
        return _("%(name)s — %(sessions)s of %(capacity)s sessions this month, "
                 "%(startups)s startups") % {
            "name": mentor.user.get_full_name(), "sessions": mentor.sessions_this_month,
            "capacity": mentor.capacity_per_month, "startups": mentor.open_assignments}


class AssignmentAdminForm(WagtailAdminModelForm):
    class Meta:
        model = MentorAssignment
        fields = ["mentor", "startup", "started_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"] = MentorLoadChoiceField(
            label=_("Mentor (load this month)"),
            queryset=mentors_with_load().filter(is_active=True))
        self.fields["startup"].queryset = Startup.objects.select_related(
            "enterprise").order_by("enterprise__name")
        self.fields["startup"].label_from_instance = lambda s: s.enterprise.name
        self.fields["started_on"].required = False


class AssignmentIndexView(IndexView):
    def get_base_queryset(self):
        return assignments_for_staff()

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if instance.ended_on is None and user_may(self.request.user, "change",
                                                   MentorAssignment):
            buttons.append(ListingButton(
                _("End"), url=reverse("incubator_admin:assignment_end", args=[instance.pk]),
                icon_name="cross", priority=30))
        return buttons


class AssignmentCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return assignment_create(mentor=data["mentor"], startup=data["startup"],
                                 actor=self.request.user, started_on=data.get("started_on"))


class AssignmentViewSet(ModelViewSet):
    model = MentorAssignment
    icon = "link"
    menu_label = _("Mentor assignments")
    index_view_class = AssignmentIndexView
    add_view_class = AssignmentCreateView
    copy_view_enabled = False
    form_fields = ["mentor", "startup", "started_on"]

    def get_form_class(self, for_update=False):
        return AssignmentAdminForm

    list_display = [
        Column("mentor", label=_("Mentor"), accessor="mentor.user.get_full_name",
               sort_key="mentor__user__full_name"),
        Column("startup", label=_("Startup"), accessor="startup.enterprise.name",
               sort_key="startup__enterprise__name"),
        Column("started_on", label=pgettext_lazy("date range", "From"), sort_key="started_on"),
        Column("ended_on", label=_("Until"), sort_key="ended_on"),
        Column("load", label=_("Mentor's sessions this month"), accessor=lambda a: (
            f"{a.mentor_sessions_this_month} / {a.mentor.capacity_per_month}")),
        Column("assigned_by", label=_("Assigned by")),
    ]
    filterset_class = AssignmentFilterSet
    search_fields = ["mentor__user__full_name", "startup__enterprise__name"]
    list_export = ["mentor.user.get_full_name", "startup.enterprise.name", "started_on",
                   "ended_on", "mentor_sessions_this_month", "mentor.capacity_per_month",
                   "assigned_by"]
    export_headings = {"mentor.user.get_full_name": _("Mentor"),
                       "startup.enterprise.name": _("Startup"),
                       "started_on": pgettext_lazy("date range", "From"),
                       "ended_on": _("Until"),
                       "mentor_sessions_this_month": _("Mentor's sessions this month"),
                       "mentor.capacity_per_month": _("Mentor's capacity per month"),
                       "assigned_by": _("Assigned by")}
    export_filename = "mentor-assignments"


class AssignmentEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Last day"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))


class AssignmentEndView(IncubatorAdminMixin, FormView):
    form_class = AssignmentEndForm
    template_name = "incubator/admin/confirm_form.html"
    header_icon = "link"
    parent_index = ("mentor_assignments:index", _("Mentor assignments"))

    def dispatch(self, request, *args, **kwargs):
        require(user_may(request.user, "change", MentorAssignment))
        self.assignment = get_object_or_404(assignments_for_staff(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("End the assignment of %(mentor)s to %(startup)s") % {
            "mentor": self.assignment.mentor, "startup": self.assignment.startup}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "action_url": self.request.path, "submit_button_label": _("End the assignment"),
            "explanation": _("The assignment stays on record with its last day."),
        }

    def form_valid(self, form):
        try:
            assignment_end(assignment=self.assignment, actor=self.request.user,
                           ended_on=form.cleaned_data["ended_on"])
        except DomainError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The assignment was ended."))
        return redirect("mentor_assignments:index")


admin_urlpatterns = [
    path("assignments/<int:pk>/end/", AssignmentEndView.as_view(), name="assignment_end"),
]
