"""Forms of the family portal. They only parse input; the services decide."""

import datetime

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Region
from families.models import HouseholdMember, ProductionLine, ServiceRequest, Trade
from families.uploads import MAX_BYTES


class ApplicationForm(forms.Form):
    business_name = forms.CharField(label=_("Name of the family business"), max_length=160)
    trade = forms.ChoiceField(label=_("What the family makes"), choices=Trade.choices)
    products = forms.CharField(label=_("Your products, in a few words"),
                               widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    region = forms.ChoiceField(label=_("Region"), choices=Region.choices)
    settlement = forms.CharField(label=_("Village or town"), max_length=120)
    women_led = forms.BooleanField(label=_("The business is led by a woman"), required=False)
    relation = forms.ChoiceField(label=_("Your place in the household"),
                                 choices=HouseholdMember.Relation.choices)
    gender = forms.ChoiceField(label=_("Your gender"), choices=HouseholdMember.Gender.choices)
    birth_year = forms.IntegerField(label=_("Your birth year"), required=False,
                                    min_value=1900, max_value=2100)
    role = forms.CharField(label=_("Your role in the business"), max_length=150,
                           required=False)
    help_needed = forms.MultipleChoiceField(
        label=_("What help do you need?"), choices=ServiceRequest.Kind.choices,
        widget=forms.CheckboxSelectMultiple, required=False,
    )
    help_note = forms.CharField(label=_("Tell us more about the help you need"),
                                widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                max_length=2000)


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    relation = forms.ChoiceField(label=_("Relation"), required=False,
                                 choices=[("", "—"), *HouseholdMember.Relation.choices])
    gender = forms.ChoiceField(label=_("Gender"), required=False,
                               choices=[("", "—"), *HouseholdMember.Gender.choices])
    birth_year = forms.IntegerField(label=_("Birth year"), required=False, min_value=1900,
                                    max_value=2100)
    role = forms.CharField(label=_("Role in the business"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail (for portal access)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("name") and not (data.get("relation") and data.get("gender")):
            raise forms.ValidationError(_("Say how this person is related and their gender."))
        return data


MemberFormSet = formset_factory(MemberForm, extra=4, max_num=8)


class ServiceRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("What do you need help with?"),
                             choices=ServiceRequest.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Describe what you need"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=5000)
    attachment = forms.FileField(
        label=_("Attachment (PDF, JPEG or PNG, at most 10 MB)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    max_bytes = MAX_BYTES


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("How satisfied are you with this service?"),
                                    coerce=int, choices=[(i, str(i)) for i in range(5, 0, -1)],
                                    widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class CalendarFilterForm(forms.Form):
    month = forms.CharField(required=False)
    line = forms.ModelChoiceField(label=_("Production line"), required=False,
                                  queryset=ProductionLine.objects.none(),
                                  empty_label=_("All lines"))

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines

    def clean_month(self):
        value = self.cleaned_data.get("month") or ""
        try:
            return datetime.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            return timezone.localdate().replace(day=1)
