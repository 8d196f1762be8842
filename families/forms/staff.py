"""Forms of the families back office. They parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from core.models import Centre, Enterprise
from families.filters import staff_users
from families.models import (
    WEEKDAYS,
    Family,
    ProductionLot,
    ServiceRequest,
    ShiftTemplate,
    Training,
    Unit,
)
from families.selectors.factories import training_event_choices
from families.services.shifts import technicians


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255,
                             widget=forms.Textarea(attrs={"rows": 3}))


class AcceptApplicationForm(forms.Form):
    adviser = forms.ModelChoiceField(label=_("Adviser"), required=False, queryset=None)
    centre = forms.ModelChoiceField(label=_("ABAD centre"), required=False, queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = staff_users()
        self.fields["centre"].queryset = Centre.objects.filter(
            programme=Centre.Programme.ABAD, is_active=True)


class FamilyCreateForm(WagtailAdminModelForm):
    class Meta:
        model = Family
        fields = ["enterprise", "trade", "trade_detail", "settlement", "stage", "adviser"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.filter(
            kind=Enterprise.Kind.FAMILY, family__isnull=True).order_by("name")
        self.fields["adviser"].queryset = staff_users()


class FamilyEditForm(WagtailAdminModelForm):
    class Meta:
        model = Family
        fields = ["trade", "trade_detail", "settlement", "stage", "adviser"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = staff_users()


class ShiftTemplateForm(WagtailAdminModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ShiftTemplate
        fields = ["line", "weekdays", "starts_at", "ends_at", "valid_from", "valid_until",
                  "is_active"]


class TrainingForm(WagtailAdminModelForm):
    event_ids = forms.TypedMultipleChoiceField(
        label=_("Training events that count"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Attending one of these events (from Events) completes the training."))

    class Meta:
        model = Training
        fields = ["name", "code", "description", "event_ids"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = training_event_choices()
        if choices:
            self.fields["event_ids"].choices = choices
        else:
            del self.fields["event_ids"]


class AssignForm(forms.Form):
    adviser = forms.ModelChoiceField(label=_("Adviser"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = staff_users()


class RequestStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[
        (ServiceRequest.Status.IN_PROGRESS, ServiceRequest.Status.IN_PROGRESS.label),
        (ServiceRequest.Status.WAITING, ServiceRequest.Status.WAITING.label),
    ])
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)


class TargetDateForm(forms.Form):
    target_date = forms.DateField(label=_("Target date"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))


class CloseRequestForm(forms.Form):
    note = forms.CharField(label=_("Closing note for the family"), required=False,
                           max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class TechnicianForm(forms.Form):
    technician = forms.ModelChoiceField(label=_("Technician"), required=False, queryset=None,
                                        empty_label=_("Nobody"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["technician"].queryset = technicians()


class SuspensionCreateForm(forms.Form):
    family = forms.ModelChoiceField(label=_("Family business"),
                                    queryset=Family.objects.select_related("enterprise"))
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=365, initial=14)
    reason = forms.CharField(label=_("Reason"), max_length=255)


class LotForm(forms.Form):
    product = forms.CharField(label=_("Product"), max_length=200)
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=12, decimal_places=3)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    lot_code = forms.CharField(label=_("Lot code"), max_length=40)
    quality = forms.ChoiceField(label=_("Quality check"), choices=ProductionLot.Quality.choices,
                                widget=forms.RadioSelect, initial=ProductionLot.Quality.PASSED)
    quality_note = forms.CharField(label=_("Quality note"), required=False, max_length=1000)
    sign_off = forms.BooleanField(
        label=_("I supervised this production and sign off this lot"), required=True)


class ReportFilterForm(forms.Form):
    date_from = forms.DateField(label=pgettext_lazy("date range", "From"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=pgettext_lazy("date range", "To"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    factory = forms.ModelChoiceField(label=_("Factory"), required=False, queryset=None)
    line = forms.ModelChoiceField(label=_("Production line"), required=False, queryset=None)

    def __init__(self, *args, **kwargs):
        from families.models import Factory, ProductionLine

        super().__init__(*args, **kwargs)
        self.fields["factory"].queryset = Factory.objects.order_by("name")
        self.fields["line"].queryset = ProductionLine.objects.order_by("name")
