"""Forms of the staff workflow screens (decisions, ranking filters, graduation)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.models import Application
from programmes.transitions import DECISIONS, STAFF_TARGETS, allowed_after

S = Application.Status


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(label=_("Note (goes into the decision e-mail)"), required=False,
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    notify = forms.BooleanField(label=_("E-mail a decision to the applicant"), required=False,
                                initial=True)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = allowed_after(application.status)
        self.fields["to_status"].choices = [(s.value, s.label) for s in STAFF_TARGETS
                                            if s in allowed]


class RankingFilterForm(forms.Form):
    ORDER_CHOICES = [
        ("score", _("Score, best first")), ("-score", _("Score, lowest first")),
        ("disagreement", _("Disagreement, highest first")),
        ("progress", _("Reviews done, fewest first")),
        ("name", _("Name, A–Z")), ("-name", _("Name, Z–A")),
    ]
    q = forms.CharField(label=_("Startup"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status"))] + S.choices)
    order = forms.ChoiceField(label=_("Sort by"), required=False, choices=ORDER_CHOICES)
    normalise = forms.ChoiceField(label=_("Scores"), required=False, choices=[
        ("", _("As the round says")), ("1", _("Normalised per reviewer (z)")),
        ("0", _("Raw weighted mean"))])
    flagged = forms.BooleanField(label=_("Only where reviewers disagree"), required=False)
    complete = forms.BooleanField(label=_("Only with every review in"), required=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[
        (s.value, s.label) for s in (S.INTERVIEW, *DECISIONS)])
    applications = forms.ModelMultipleChoiceField(queryset=Application.objects.none(),
                                                  widget=forms.MultipleHiddenInput)
    note = forms.CharField(label=_("Note for the e-mails (optional)"), required=False,
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    send_emails = forms.BooleanField(label=_("E-mail each applicant in their language"),
                                     required=False, initial=True)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = Application.objects.filter(call=call)


class GraduationForm(forms.Form):
    enrolments = forms.ModelMultipleChoiceField(
        label=_("Startups"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one startup.")})
    override_reason = forms.CharField(
        label=_("Reason to graduate without every required milestone"), required=False,
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed only for a startup with required milestones not signed off."))
    issue_certificates = forms.BooleanField(label=_("Issue graduation certificates"),
                                            required=False, initial=True)
    signatory_name = forms.CharField(label=_("Signatory"), max_length=200, required=False)
    signatory_title = forms.CharField(label=_("Signatory's title"), max_length=200,
                                      required=False)

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolments"].queryset = cohort.enrolments.exclude(
            status="withdrawn").select_related("startup__enterprise")
        self.fields["enrolments"].label_from_instance = lambda e: e.startup.enterprise.name

    def clean(self):
        data = super().clean()
        if data.get("issue_certificates") and not (data.get("signatory_name") or "").strip():
            self.add_error("signatory_name", _("Name the person who signs the certificates."))
        return data


class ReviewNoteForm(forms.Form):
    note = forms.CharField(label=_("Note to the startup"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))
