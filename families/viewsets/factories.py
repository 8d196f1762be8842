"""Staff screens to set up production: factories, lines, shift templates, closures,
booking rules, trainings and training records. Saves go through services/setup.py
and services/shifts.py (closures)."""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from families.filters import LineFilterSet, TrainingRecordFilterSet
from families.forms.staff import ReasonForm, ShiftTemplateForm, TrainingForm
from families.models import (
    BookingRules,
    Closure,
    Factory,
    ProductionLine,
    ShiftTemplate,
    Training,
    TrainingRecord,
)
from families.selectors.factories import (
    factories_for_staff,
    lines_for_staff,
    training_records_for_staff,
    trainings_with_counts,
)
from families.services.setup import (
    FACTORY_FIELDS,
    LINE_FIELDS,
    RULES_FIELDS,
    TEMPLATE_FIELDS,
    TRAINING_FIELDS,
    booking_rules_save,
    factory_save,
    line_save,
    shift_template_save,
    training_record_grant,
    training_record_revoke,
    training_save,
)
from families.services.shifts import CLOSURE_FIELDS, closure_save
from families.viewsets.common import EXPORT_HEADINGS, ServiceCreateView, ServiceEditView
from families.viewsets.families import ActionFormView


def service_views(save):
    """Create and edit views whose save is `save(actor, instance, data)`."""

    class Create(ServiceCreateView):
        def save_with_service(self, data, instance):
            return save(self.request.user, None, data)

    class Edit(ServiceEditView):
        def save_with_service(self, data, instance):
            return save(self.request.user, instance, data)

    return Create, Edit


def _pick(data, names):
    return {name: data[name] for name in names if name in data}


FactoryCreate, FactoryEdit = service_views(
    lambda actor, obj, data: factory_save(actor=actor, factory=obj, **_pick(data, FACTORY_FIELDS)))


class FactoryIndexView(generic.IndexView):
    def get_base_queryset(self):
        return factories_for_staff()


class FactoryViewSet(ModelViewSet):
    model = Factory
    icon = "home"
    menu_label = gettext_lazy("Factories")
    index_view_class = FactoryIndexView
    add_view_class, edit_view_class = FactoryCreate, FactoryEdit
    copy_view_enabled = False
    form_fields = list(FACTORY_FIELDS)
    list_display = ["name", "centre", "is_active",
                    Column("line_count", label=gettext_lazy("Lines"), sort_key="line_count")]
    list_filter = ["is_active", "centre"]
    search_fields = ["name"]
    export_headings = EXPORT_HEADINGS
    list_export = ["name", "slug", "centre", "is_active", "line_count"]
    export_filename = "abad-factories"


def _line_save(actor, obj, data):
    return line_save(actor=actor, line=obj, required_trainings=data.get("required_trainings"),
                     **_pick(data, LINE_FIELDS))


LineCreate, LineEdit = service_views(_line_save)


class LineIndexView(generic.IndexView):
    def get_base_queryset(self):
        return lines_for_staff()


class ProductionLineViewSet(ModelViewSet):
    model = ProductionLine
    icon = "cogs"
    menu_label = gettext_lazy("Production lines")
    index_view_class = LineIndexView
    add_view_class, edit_view_class = LineCreate, LineEdit
    copy_view_enabled = False
    form_fields = [*LINE_FIELDS, "required_trainings"]
    list_display = ["name", "factory", "workstations", "output_unit", "default_technician",
                    Column("training_count", label=gettext_lazy("Trainings required"),
                           sort_key="training_count"), "is_active"]
    filterset_class = LineFilterSet
    search_fields = ["name", "equipment"]
    export_headings = EXPORT_HEADINGS
    list_export = ["name", "slug", "factory", "workstations", "get_output_unit_display",
                   "equipment", "default_technician", "training_count", "is_active"]
    export_filename = "abad-lines"


TemplateCreate, TemplateEdit = service_views(
    lambda actor, obj, data: shift_template_save(actor=actor, template=obj,
                                                 **_pick(data, TEMPLATE_FIELDS)))


class TemplateIndexView(generic.IndexView):
    def get_base_queryset(self):
        return ShiftTemplate.objects.select_related("line__factory").order_by(
            "line__factory__name", "line__name", "starts_at", "pk")


class ShiftTemplateViewSet(ModelViewSet):
    model = ShiftTemplate
    icon = "time"
    menu_label = gettext_lazy("Shift templates")
    index_view_class = TemplateIndexView
    add_view_class, edit_view_class = TemplateCreate, TemplateEdit
    copy_view_enabled = False
    form_fields = list(TEMPLATE_FIELDS)
    list_display = [
        "line",
        Column("weekdays", label=gettext_lazy("Weekdays"), accessor="weekday_labels"),
        "starts_at", "ends_at", "valid_from", "valid_until", "is_active",
    ]
    list_filter = ["line", "is_active"]
    export_headings = EXPORT_HEADINGS
    list_export = ["line", "weekday_labels", "starts_at", "ends_at", "valid_from",
                   "valid_until", "is_active"]
    export_filename = "abad-shift-templates"

    def get_form_class(self, for_update=False):
        return ShiftTemplateForm


ClosureCreate, ClosureEdit = service_views(
    lambda actor, obj, data: closure_save(actor=actor, closure=obj,
                                          **_pick(data, CLOSURE_FIELDS)))


class ClosureViewSet(ModelViewSet):
    model = Closure
    icon = "date"
    menu_label = gettext_lazy("Closures and holidays")
    add_view_class, edit_view_class = ClosureCreate, ClosureEdit
    copy_view_enabled = False
    form_fields = list(CLOSURE_FIELDS)
    list_display = ["reason", "kind", "factory", "line", "starts_on", "ends_on"]
    list_filter = ["kind", "factory"]
    search_fields = ["reason"]
    export_headings = EXPORT_HEADINGS
    list_export = ["reason", "get_kind_display", "factory", "line", "starts_on", "ends_on"]
    export_filename = "abad-closures"


RulesCreate, RulesEdit = service_views(
    lambda actor, obj, data: booking_rules_save(actor=actor, rules=obj,
                                                **_pick(data, RULES_FIELDS)))


class RulesIndexView(generic.IndexView):
    def get_base_queryset(self):
        return BookingRules.objects.select_related("factory", "line").order_by("pk")


class BookingRulesViewSet(ModelViewSet):
    model = BookingRules
    icon = "list-ul"
    menu_label = gettext_lazy("Booking rules")
    index_view_class = RulesIndexView
    add_view_class, edit_view_class = RulesCreate, RulesEdit
    copy_view_enabled = False
    form_fields = list(RULES_FIELDS)
    list_display = ["__str__",
                    "max_days_ahead", "min_notice_hours", "quota_per_week", "quota_per_month",
                    "cancel_cutoff_hours", "no_show_limit", "suspension_days",
                    "waitlist_hold_hours"]


TrainingCreate, TrainingEdit = service_views(
    lambda actor, obj, data: training_save(actor=actor, training=obj,
                                           **_pick(data, TRAINING_FIELDS)))


class TrainingIndexView(generic.IndexView):
    def get_base_queryset(self):
        return trainings_with_counts()


class TrainingViewSet(ModelViewSet):
    model = Training
    icon = "tasks"
    menu_label = gettext_lazy("Trainings")
    index_view_class = TrainingIndexView
    add_view_class, edit_view_class = TrainingCreate, TrainingEdit
    copy_view_enabled = False
    form_fields = list(TRAINING_FIELDS)
    list_display = ["name", "code",
                    Column("holders", label=gettext_lazy("People trained"), sort_key="holders")]
    search_fields = ["name", "code"]
    export_headings = EXPORT_HEADINGS
    list_export = ["name", "code", "holders"]

    def get_form_class(self, for_update=False):
        return TrainingForm


class RecordCreate(ServiceCreateView):
    def save_with_service(self, data, instance):
        return training_record_grant(user=data["user"], training=data["training"],
                                     completed_on=data["completed_on"], note=data["note"],
                                     actor=self.request.user)


class RecordIndexView(generic.IndexView):
    def get_base_queryset(self):
        return training_records_for_staff()


class RecordInspectView(generic.InspectView):
    def get_header_buttons(self):
        buttons = list(super().get_header_buttons())
        if self.object.revoked_at is None and \
                self.request.user.has_perm("families.change_trainingrecord"):
            buttons.append(HeaderButton(
                _("Revoke"), url=reverse("families_admin:record_revoke", args=[self.object.pk]),
                icon_name="cross"))
        return buttons


class TrainingRecordViewSet(ModelViewSet):
    model = TrainingRecord
    icon = "success"
    menu_label = gettext_lazy("Training records")
    index_view_class = RecordIndexView
    add_view_class = RecordCreate
    inspect_view_class = RecordInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["user", "training", "completed_on", "note"]
    inspect_view_fields = ["user", "training", "completed_on", "note", "granted_by",
                           "created_at", "revoked_at", "revoked_by", "revoke_reason"]
    list_display = ["user", "training", "completed_on", "granted_by", "revoked_at"]
    filterset_class = TrainingRecordFilterSet
    search_fields = ["user__full_name", "user__email"]
    export_headings = EXPORT_HEADINGS
    list_export = ["user", "user.email", "training", "completed_on", "granted_by", "revoked_at",
                   "revoke_reason"]
    export_filename = "abad-training-records"


class RecordRevokeView(ActionFormView):
    permission = "families.change_trainingrecord"
    form_class = ReasonForm
    submit_label = gettext_lazy("Revoke the record")
    index_url_name = "abad_training_records:index"
    index_label = gettext_lazy("Training records")

    def get_object(self):
        return get_object_or_404(training_records_for_staff(), pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("Revoke %(record)s") % {"record": self.object}

    def perform(self, data):
        return training_record_revoke(record=self.object, actor=self.request.user,
                                      reason=data["reason"])

    def success_message(self, result):
        return _("The training record was revoked.")

    def get_success_url(self, result):
        return reverse("abad_training_records:inspect", args=[self.object.pk])


urlpatterns = [
    path("training-records/<int:pk>/revoke/", RecordRevokeView.as_view(), name="record_revoke"),
]
