"""Staff screens of programmes in the Wagtail admin: listings with filters, search and
CSV/XLSX export, and the forms staff use to set up programmes, calls (with their
questions), review rounds (criteria, reviewers), cohorts (milestones) and decision
e-mails. Every save goes through a service. Applications, reviews, enrolments and
evidence are never typed in here: their workflows have their own screens
(programmes.admin_views)."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from core.admin_views import ServiceFormMixin
from programmes import filters, selectors
from programmes.models import (
    Application,
    Call,
    Cohort,
    ConflictOfInterest,
    DecisionEmailTemplate,
    Programme,
    Review,
    ReviewRound,
)
from programmes.services.cohorts import cohort_save
from programmes.services.programmes import call_save, decision_template_save, programme_save
from programmes.services.reviews import conflict_declare, round_save


class NoDeletePolicy(ModelPermissionPolicy):
    """Nothing of a programme is ever deleted (history must hold): no delete screen."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Written only by their workflows: no generic add, edit or delete screen. The
    workflow screens check ModelPermissionPolicy themselves."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change", "delete"} and super().user_has_permission(
            user, action)


def may(user, action, model):
    return ModelPermissionPolicy(model).user_has_permission(user, action)


class ServiceSaveMixin(ServiceFormMixin):
    """Save through a service (`save_with`); its refusal shows on the form."""

    save_with = None

    def save_instance(self):
        instance = self.form.save(commit=False)
        return type(self).save_with(instance, self.request.user)

    def service_error_message(self, error):
        return getattr(error, "message", super().service_error_message(error))


class WorkflowTitleMixin:
    """The title in the listing opens the object's workflow screen (its inspect URL)
    rather than the edit form, which that screen links to."""

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        column = super()._get_title_column(field_name, column_class, **kwargs)
        column._get_url_func = self.get_inspect_url
        return column


def service_views(save):
    class Create(ServiceSaveMixin, generic.CreateView):
        save_with = staticmethod(save)

    class Edit(ServiceSaveMixin, generic.EditView):
        save_with = staticmethod(save)

    return Create, Edit


# --- programmes --------------------------------------------------------------------------

class ProgrammeIndexView(generic.IndexView):
    def get_base_queryset(self):
        return selectors.programmes_for_staff()


ProgrammeCreate, ProgrammeEdit = service_views(
    lambda instance, actor: programme_save(programme=instance, actor=actor))


class ProgrammeViewSet(ModelViewSet):
    model = Programme
    icon = "folder-open-inverse"
    menu_label = _("Programmes")
    index_view_class = ProgrammeIndexView
    add_view_class = ProgrammeCreate
    edit_view_class = ProgrammeEdit
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["name", "slug", "kind", "centre", "duration_weeks", "description",
                   "benefits", "is_active"]
    list_display = ["name", "kind", "centre", "duration_weeks", "is_active",
                    Column("call_count", label=_("Calls"), sort_key="call_count")]
    filterset_class = filters.ProgrammeFilterSet
    search_fields = ["name", "description"]
    list_export = ["name", "slug", "kind", "centre", "duration_weeks", "is_active",
                   "call_count"]
    export_headings = {"call_count": _("Calls")}
    export_filename = "programmes"


# --- calls -------------------------------------------------------------------------------

class CallIndexView(generic.IndexView):
    def get_base_queryset(self):
        return selectors.calls_for_staff()


CallCreate, CallEdit = service_views(lambda instance, actor: call_save(call=instance,
                                                                        actor=actor))


class CallViewSet(ModelViewSet):
    model = Call
    icon = "form"
    menu_label = _("Calls")
    index_view_class = CallIndexView
    add_view_class = CallCreate
    edit_view_class = CallEdit
    copy_view_enabled = False
    panels = [
        FieldPanel("programme"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("description"),
        FieldPanel("eligibility"),
        InlinePanel("questions", label=_("Questions"), panels=[
            FieldPanel("label"), FieldPanel("help_text"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
            FieldPanel("choices"),
        ]),
    ]
    list_display = ["title", "programme", "opens_at", "closes_at",
                    Column("application_count", label=_("Applications"),
                           sort_key="application_count"),
                    Column("submitted_count", label=_("Submitted"), sort_key="submitted_count")]
    filterset_class = filters.CallFilterSet
    search_fields = ["title", "programme__name"]
    list_export = ["title", "programme", "opens_at", "closes_at", "application_count",
                   "submitted_count"]
    export_headings = {"application_count": _("Applications"),
                       "submitted_count": _("Submitted")}
    export_filename = "calls"


# --- applications ------------------------------------------------------------------------

class ApplicationIndexView(WorkflowTitleMixin, generic.IndexView):
    def get_base_queryset(self):
        return selectors.applications_for_staff()

    def get_inspect_url(self, instance):
        return reverse("programmes_admin:application", args=[instance.pk])

    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "doc-full-inverse"
    menu_label = _("Applications")
    index_view_class = ApplicationIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["status"]  # required by ModelViewSet; the edit screen is closed
    list_display = [
        Column("reference", label=_("Reference"), sort_key="pk"),
        Column("startup", label=_("Startup"), sort_key="startup__enterprise__name"),
        "call",
        StatusTagColumn("status", label=_("Status"), accessor="get_status_display",
                        sort_key="status",
                        primary=lambda a: a.status == Application.Status.ACCEPTED),
        Column("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
        Column("created_by", label=_("Applicant")),
    ]
    filterset_class = filters.ApplicationFilterSet
    search_fields = ["startup__enterprise__name", "created_by__full_name", "created_by__email"]
    list_export = ["reference", "startup", "call", "get_status_display", "created_by",
                   "created_at", "submitted_at", "decided_at"]
    export_headings = {"reference": _("Reference"), "startup": _("Startup"),
                       "get_status_display": _("Status"), "created_by": _("Applicant")}
    export_filename = "applications"


# --- review rounds -----------------------------------------------------------------------

class RoundForm(WagtailAdminModelForm):
    """Reviewers are chosen among the active members of the Reviewers group (and
    whoever is already on the round)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.reviewers.all() if self.instance.pk else []
        self.fields["reviewers"].queryset = get_user_model().objects.filter(
            Q(groups__name="Reviewers", is_active=True) | Q(pk__in=[u.pk for u in current]),
        ).distinct().order_by("full_name", "email")


class RoundIndexView(WorkflowTitleMixin, generic.IndexView):
    def get_base_queryset(self):
        return selectors.rounds_for_staff()

    def get_inspect_url(self, instance):
        return reverse("programmes_admin:round", args=[instance.pk])

    def get_list_more_buttons(self, instance):
        return [*super().get_list_more_buttons(instance), ListingButton(
            _("Ranking"), url=reverse("programmes_admin:ranking", args=[instance.pk]),
            icon_name="list-ol", priority=5)]


RoundCreate, RoundEdit = service_views(lambda instance, actor: round_save(round=instance,
                                                                          actor=actor))


class ReviewRoundViewSet(ModelViewSet):
    model = ReviewRound
    icon = "tasks"
    menu_label = _("Review rounds")
    index_view_class = RoundIndexView
    add_view_class = RoundCreate
    edit_view_class = RoundEdit
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_handler = ObjectList([
        FieldPanel("call"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("due_on")]),
        FieldRowPanel([FieldPanel("reviews_per_application"),
                       FieldPanel("disagreement_threshold")]),
        FieldRowPanel([FieldPanel("blind"), FieldPanel("normalise")]),
        FieldPanel("reviewers", widget=forms.CheckboxSelectMultiple),
        InlinePanel("criteria", label=_("Criteria"), min_num=1, panels=[
            FieldRowPanel([FieldPanel("name"), FieldPanel("weight")]),
            FieldPanel("description"),
        ]),
    ], base_form_class=RoundForm)
    list_display = ["name", "call",
                    StatusTagColumn("status", label=_("Status"), accessor="get_status_display",
                                    sort_key="status", primary=lambda r: r.status == "open"),
                    "reviews_per_application", "blind",
                    Column("review_count", label=_("Reviews"), sort_key="review_count"),
                    Column("submitted_count", label=_("Submitted"),
                           sort_key="submitted_count")]
    filterset_class = filters.ReviewRoundFilterSet
    search_fields = ["name", "call__title"]
    list_export = ["name", "call", "status", "reviews_per_application", "blind", "normalise",
                   "review_count", "submitted_count"]
    export_headings = {"review_count": _("Reviews"), "submitted_count": _("Submitted")}
    export_filename = "review-rounds"


class ReviewIndexView(generic.IndexView):
    def get_base_queryset(self):
        return selectors.reviews_for_staff()

    def get_inspect_url(self, instance):
        return reverse("programmes_admin:application", args=[instance.application_id])


class ReviewViewSet(ModelViewSet):
    model = Review
    icon = "pick"
    menu_label = _("Reviews")
    index_view_class = ReviewIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["comment"]  # required by ModelViewSet; the edit screen is closed
    list_display = [
        Column("application", label=_("Application"), accessor="application"),
        "round", "reviewer",
        StatusTagColumn("status", label=_("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda r: r.status == "submitted"),
        Column("score", label=_("Weighted score"), sort_key="score"),
        "recommendation",
        Column("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
    ]
    filterset_class = filters.ReviewFilterSet
    search_fields = ["reviewer__full_name", "reviewer__email",
                     "application__startup__enterprise__name"]
    list_export = ["application", "round", "reviewer", "get_status_display", "score",
                   "get_recommendation_display", "comment", "assigned_at", "submitted_at",
                   "release_reason"]
    export_headings = {"get_status_display": _("Status"),
                       "get_recommendation_display": _("Recommendation")}
    export_filename = "reviews"


# --- conflicts of interest ---------------------------------------------------------------

class ConflictIndexView(generic.IndexView):
    def get_base_queryset(self):
        return ConflictOfInterest.objects.select_related(
            "reviewer", "application__startup__enterprise", "declared_by")


class ConflictCreateView(ServiceSaveMixin, generic.CreateView):
    @staticmethod
    def save_with(instance, actor):
        return conflict_declare(reviewer=instance.reviewer, application=instance.application,
                                reason=instance.reason, actor=actor)


class ConflictViewSet(ModelViewSet):
    model = ConflictOfInterest
    icon = "warning"
    menu_label = _("Conflicts of interest")
    index_view_class = ConflictIndexView
    add_view_class = ConflictCreateView
    copy_view_enabled = False
    form_fields = ["reviewer", "application", "reason"]
    list_display = ["reviewer", "application", "reason", "declared_by",
                    Column("declared_at", label=_("Declared"), sort_key="declared_at")]
    filterset_class = filters.ConflictFilterSet
    search_fields = ["reviewer__full_name", "reviewer__email",
                     "application__startup__enterprise__name"]
    list_export = ["reviewer", "application", "reason", "declared_by", "declared_at"]
    export_filename = "conflicts-of-interest"


# --- cohorts -----------------------------------------------------------------------------

class CohortIndexView(WorkflowTitleMixin, generic.IndexView):
    def get_base_queryset(self):
        return selectors.cohorts_for_staff()

    def get_inspect_url(self, instance):
        return reverse("programmes_admin:cohort", args=[instance.pk])

    def get_list_more_buttons(self, instance):
        return [*super().get_list_more_buttons(instance), ListingButton(
            _("Graduation"), url=reverse("programmes_admin:graduation", args=[instance.pk]),
            icon_name="success", priority=5)]


CohortCreate, CohortEdit = service_views(lambda instance, actor: cohort_save(cohort=instance,
                                                                             actor=actor))


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    index_view_class = CohortIndexView
    add_view_class = CohortCreate
    edit_view_class = CohortEdit
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [
        FieldPanel("programme"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("description"),
        InlinePanel("milestones", label=_("Milestones"), panels=[
            FieldRowPanel([FieldPanel("title"), FieldPanel("due_on"), FieldPanel("required")]),
            FieldPanel("description"),
        ]),
    ]
    list_display = ["name", "programme", "starts_on", "ends_on",
                    Column("enrolment_count", label=_("Startups"), sort_key="enrolment_count"),
                    Column("graduated_count", label=_("Graduated"),
                           sort_key="graduated_count")]
    filterset_class = filters.CohortFilterSet
    search_fields = ["name", "programme__name"]
    list_export = ["name", "programme", "starts_on", "ends_on", "enrolment_count",
                   "graduated_count"]
    export_headings = {"enrolment_count": _("Startups"), "graduated_count": _("Graduated")}
    export_filename = "cohorts"


# --- decision e-mails --------------------------------------------------------------------

TemplateCreate, TemplateEdit = service_views(
    lambda instance, actor: decision_template_save(template=instance, actor=actor))


class DecisionEmailTemplateViewSet(ModelViewSet):
    model = DecisionEmailTemplate
    icon = "mail"
    menu_label = _("Decision e-mails")
    add_view_class = TemplateCreate
    edit_view_class = TemplateEdit
    copy_view_enabled = False
    form_fields = ["decision", "language", "call", "subject", "body"]
    list_display = ["decision", "language", "call", "subject",
                    Column("updated_at", label=_("Updated"), sort_key="updated_at")]
    filterset_class = filters.DecisionEmailTemplateFilterSet
    search_fields = ["subject", "body"]
    list_export = ["decision", "language", "call", "subject", "body", "updated_at"]
    export_filename = "decision-emails"


class ProgrammesViewSetGroup(ViewSetGroup):
    menu_label = _("Programmes")
    menu_icon = "folder-open-inverse"
    menu_order = 210
    items = (
        ProgrammeViewSet("programme_list", url_prefix="programmes/programmes"),
        CallViewSet("programme_calls", url_prefix="programmes/calls"),
        ApplicationViewSet("programme_applications", url_prefix="programmes/applications"),
        ReviewRoundViewSet("programme_rounds", url_prefix="programmes/rounds"),
        ReviewViewSet("programme_reviews", url_prefix="programmes/reviews"),
        ConflictViewSet("programme_conflicts", url_prefix="programmes/conflicts"),
        CohortViewSet("programme_cohorts", url_prefix="programmes/cohorts"),
        DecisionEmailTemplateViewSet("programme_emails", url_prefix="programmes/emails"),
    )


class AddOnlyPolicy(ModelPermissionPolicy):
    """A declared conflict stays: it can be added, never edited or deleted."""

    def user_has_permission(self, user, action):
        return action not in {"change", "delete"} and super().user_has_permission(
            user, action)

