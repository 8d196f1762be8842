"""Portal forms of the incubator. They parse and present; the rules live in the
services, whose DomainError lands on the field it names (add_domain_error)."""

import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Centre, Enterprise
from incubator.models import OfficeHourSlot, Startup
from incubator.services.startups import STARTUP_EDITABLE_FIELDS

ENTERPRISE_FIELDS = ("name", "region", "centre", "sector", "founded_on", "women_led",
                     "employees", "description")
DURATIONS = ((15, _("15 minutes")), (30, _("30 minutes")), (45, _("45 minutes")),
             (60, _("1 hour")), (90, _("1.5 hours")), (120, _("2 hours")))


class DomainErrorFormMixin:
    def add_domain_error(self, error):
        self.add_error(error.field if error.field in self.fields else None, error.message)

    def add_validation_error(self, error):
        """A model ValidationError from a service: keyed errors on their fields."""
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StartupProfileForm(DomainErrorFormMixin, forms.Form):
    """The startup's own fields (stage, technology, pitch, public-profile opt-in...)."""

    field_names = STARTUP_EDITABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(Startup, fields=STARTUP_EDITABLE_FIELDS,
                                                  widgets={"pitch": forms.Textarea(
                                                      attrs={"rows": 5})}))
        self.fields["public_profile"].help_text = _(
            "Your name, sector, region, stage, pitch and website appear in the public "
            "startup directory on the website.")


class StartupForm(StartupProfileForm):
    """A whole startup: the enterprise's profile and the startup's fields."""

    field_names = ENTERPRISE_FIELDS + STARTUP_EDITABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        startup_fields = dict(self.fields)
        self.fields.clear()
        self.fields.update(forms.fields_for_model(
            Enterprise, fields=ENTERPRISE_FIELDS,
            widgets={"founded_on": _date_widget(),
                     "description": forms.Textarea(attrs={"rows": 4})},
        ))
        self.fields["centre"].queryset = Centre.objects.filter(
            programme=Centre.Programme.INNOLAND, is_active=True).order_by("name")
        self.fields.update(startup_fields)

    def service_kwargs(self):
        return {name: self.cleaned_data[name] for name in self.field_names}


class BookingForm(DomainErrorFormMixin, forms.Form):
    startup = forms.ModelChoiceField(label=_("For which startup"), queryset=Startup.objects.none(),
                                     empty_label=None)
    topic = forms.CharField(label=_("What would you like to discuss?"), required=False,
                            max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, startups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["startup"].queryset = startups
        self.fields["startup"].label_from_instance = lambda s: s.enterprise.name


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=255)


class SlotForm(DomainErrorFormMixin, forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts at"), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    duration_minutes = forms.TypedChoiceField(label=_("Duration"), choices=DURATIONS,
                                              coerce=int, initial=30)
    mode = forms.ChoiceField(label=_("Mode"), choices=OfficeHourSlot.Mode.choices,
                             widget=forms.RadioSelect, initial=OfficeHourSlot.Mode.ONLINE)
    link = forms.CharField(label=_("Meeting link (online)"), required=False, max_length=500)
    place = forms.CharField(label=_("Place (in person)"), required=False, max_length=255)


class SessionNotesForm(DomainErrorFormMixin, forms.Form):
    notes_for_startup = forms.CharField(
        label=_("Notes for the startup"), required=False, max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The startup's team sees these."))
    staff_notes = forms.CharField(
        label=_("Notes for staff only"), required=False, max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only you and the agency's staff see these."))


class RatingForm(DomainErrorFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the session?"), coerce=int, widget=forms.RadioSelect,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
    )
    comment = forms.CharField(label=_("Comment (optional)"), required=False, max_length=10_000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class MonthField(forms.DateField):
    """A month typed as YYYY-MM (an <input type="month">), cleaned to its first day."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%m.%Y"]
    default_error_messages = {"invalid": _("Enter a month such as 2026-03.")}


class ImpactReportForm(DomainErrorFormMixin, forms.Form):
    month = MonthField(label=_("Month"))
    revenue = forms.DecimalField(label=_("Revenue in the month (₼)"), max_digits=14,
                                 decimal_places=2)
    users = forms.IntegerField(label=_("Users or customers at the end of the month"))
    employees = forms.IntegerField(label=_("Employees at the end of the month"))
    capital_raised = forms.DecimalField(label=_("Capital raised in the month (₼)"),
                                        max_digits=14, decimal_places=2, initial=Decimal("0"))
    comment = forms.CharField(label=_("Comment (optional)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def clean_month(self):
        month = self.cleaned_data["month"]
        return month.replace(day=1) if month else month

    @classmethod
    def initial_for(cls, report=None, month=None):
        if report is None:
            return {"month": month, "capital_raised": Decimal("0")}
        return {name: getattr(report, name) for name in
                ("month", "revenue", "users", "employees", "capital_raised", "comment")}


def parse_month(text):
    """A `?month=YYYY-MM` parameter as the month's first day, or None."""
    try:
        return datetime.datetime.strptime(text or "", "%Y-%m").date()
    except ValueError:
        return None
