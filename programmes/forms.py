"""Portal forms of programmes. They only parse and check input; services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from core.models import Enterprise, Region
from programmes.models import SCORE_MAX, SCORE_MIN, Question, Review
from programmes.uploads import pdf_validate

PDF_ACCEPT = {"accept": "application/pdf,.pdf"}


class DomainErrorMixin:
    def add_domain_error(self, error):
        self.add_error(error.field if error.field in self.fields else None, error.message)


def _pdf_field(**kwargs):
    kwargs.setdefault("required", False)
    return forms.FileField(widget=forms.FileInput(attrs=PDF_ACCEPT), **kwargs)


class ApplyForm(DomainErrorMixin, forms.Form):
    """Start an application: for one of my startups, or for a new one."""

    startup = forms.ModelChoiceField(label=_("Startup"), queryset=None, required=False,
                                     empty_label=_("— a new startup —"))
    new_name = forms.CharField(label=_("Name of the new startup"), max_length=160,
                               required=False)
    new_sector = forms.ChoiceField(label=_("Sector"), choices=Enterprise.Sector.choices,
                                   required=False)
    new_region = forms.ChoiceField(label=_("Region"), choices=Region.choices, required=False)

    def __init__(self, *args, startups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["startup"].queryset = startups
        self.fields["startup"].label_from_instance = lambda s: s.enterprise.name
        if startups:
            self.fields["startup"].initial = startups[0].pk

    def clean(self):
        data = super().clean()
        if not data.get("startup") and "startup" not in self.errors:
            missing = [name for name in ("new_name", "new_sector", "new_region")
                       if not data.get(name)]
            for name in missing:
                self.add_error(name, _("Needed for a new startup."))
        return data


class ApplicationForm(DomainErrorMixin, forms.Form):
    """One field per question of the call, named q_<question id>. Nothing is required
    to save a draft; required questions are checked on submission."""

    def __init__(self, *args, questions, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.answers = answers
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = self._field(question, answers.get(question.pk))

    @staticmethod
    def _field(question, answer):
        label = question.label + (" *" if question.required else "")
        common = {"label": label, "help_text": question.help_text, "required": False}
        kind = question.kind
        if kind == Question.Kind.LONG_TEXT:
            field = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=10_000,
                                    **common)
            field.initial = answer.text if answer else ""
        elif kind == Question.Kind.NUMBER:
            field = forms.DecimalField(max_digits=15, decimal_places=2, **common)
            field.initial = answer.number if answer else None
        elif kind == Question.Kind.CHOICE:
            field = forms.ChoiceField(
                choices=[("", "—")] + [(c, c) for c in question.choice_list],
                error_messages={"invalid_choice": _("Choose one of the options.")}, **common)
            field.initial = answer.text if answer else ""
        elif kind == Question.Kind.FILE:
            field = _pdf_field(**common)
            field.current = answer if answer and answer.file else None
        else:
            field = forms.CharField(max_length=500, **common)
            field.initial = answer.text if answer else ""
        field.question = question
        return field

    def clean(self):
        data = super().clean()
        for question in self.questions:
            name = f"q_{question.pk}"
            upload = data.get(name) if question.kind == Question.Kind.FILE else None
            if upload:
                try:
                    pdf_validate(upload, field=name)
                except DomainError as error:
                    self.add_error(name, error.message)
        return data

    def values(self):
        """(typed answers, uploads) keyed by question id, for the service."""
        values, files = {}, {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q_{question.pk}")
            if question.kind == Question.Kind.FILE:
                if value:
                    files[question.pk] = value
            else:
                values[question.pk] = "" if value is None else value
        return values, files


class ReviewForm(DomainErrorMixin, forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Your recommendation"), choices=Review.Recommendation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your recommendation.")})
    comment = forms.CharField(label=_("Comment for the selection committee"),
                              widget=forms.Textarea(attrs={"rows": 5}), required=False,
                              max_length=5000)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scale = [(str(v), str(v)) for v in range(SCORE_MIN, SCORE_MAX + 1)]
        message = _("Choose a score from %(min)s to %(max)s.") % {"min": SCORE_MIN,
                                                                 "max": SCORE_MAX}
        fields = {}
        for criterion in self.criteria:
            field = forms.TypedChoiceField(
                label=f"{criterion.name} (×{criterion.weight})", choices=scale, coerce=int,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
                help_text=criterion.description,
                error_messages={"invalid_choice": message, "required": message})
            field.criterion = criterion
            fields[f"c_{criterion.pk}"] = field
        self.fields = {**fields, **self.fields}

    def scores(self):
        return {c.pk: self.cleaned_data[f"c_{c.pk}"] for c in self.criteria}

    def criterion_fields(self):
        return [self[f"c_{c.pk}"] for c in self.criteria]


class ConflictForm(forms.Form):
    reason = forms.CharField(label=_("Why (seen only by staff)"), max_length=1000,
                             required=False, widget=forms.Textarea(attrs={"rows": 3}))


class EvidenceForm(DomainErrorMixin, forms.Form):
    evidence = forms.CharField(label=_("What you achieved"), max_length=10_000,
                               widget=forms.Textarea(attrs={"rows": 5}))
    file = _pdf_field(label=_("Evidence as a PDF (optional)"))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                pdf_validate(upload, field="file")
            except DomainError as error:
                raise forms.ValidationError(error.message) from error
        return upload


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("Why (optional)"), max_length=1000, required=False)
