"""Forms of the events app. They only parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.selectors import enterprises_for_user
from events.models import Attendee, StaffMessage
from events.services import AttendeeInput

GENDER_HELP = _("Optional. Used only, anonymously, to report how many women take part.")


class RegistrantForm(forms.Form):
    """The person registering: name and e-mail when a guest (an account brings its own),
    gender (optional), the enterprise they come for."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Your e-mail"))
    gender = forms.ChoiceField(label=_("Gender"), choices=Attendee.Gender.choices,
                               required=False, help_text=GENDER_HELP)
    enterprise = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, required=False,
                                        empty_label=_("Myself only"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if user.is_authenticated else None
        if self.user is not None:
            del self.fields["name"]
            del self.fields["email"]
            self.fields["enterprise"].queryset = enterprises_for_user(self.user)
        else:
            del self.fields["enterprise"]


class CompanionForm(forms.Form):
    """Another person coming on the same registration (a family or a team)."""

    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=Attendee.Gender.choices,
                               required=False)

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Give this person's e-mail: their certificate goes "
                                      "there."))
        if data.get("email") and not data.get("name"):
            self.add_error("name", _("Give this person's name."))
        return data


class BaseCompanionFormSet(forms.BaseFormSet):
    def people(self):
        return [AttendeeInput(name=f.cleaned_data["name"], email=f.cleaned_data["email"],
                              gender=f.cleaned_data.get("gender", ""))
                for f in self.forms if f.cleaned_data.get("name")]


def companion_formset(event, data=None):
    """Empty rows for the people a registrant may bring (the event's largest group, less
    the registrant), or None when one registration is one person. No JavaScript: unused
    rows stay empty."""
    extra = event.max_group_size - 1
    if extra < 1:
        return None
    formset_class = forms.formset_factory(CompanionForm, formset=BaseCompanionFormSet,
                                          extra=extra, max_num=extra, validate_max=True)
    return formset_class(data, prefix="people")


def registration_people(registrant_form, companions, *, user):
    first = AttendeeInput(
        name=registrant_form.cleaned_data.get("name") or (user.get_full_name() if user else ""),
        email=registrant_form.cleaned_data.get("email") or (user.email if user else ""),
        gender=registrant_form.cleaned_data.get("gender", ""),
    )
    return [first, *(companions.people() if companions is not None else [])]


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Ticket code or name"), max_length=80)


class SurveyForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the event?"), coerce=int,
        choices=[(5, _("5 — very satisfied")), (4, "4"), (3, "3"), (2, "2"),
                 (1, _("1 — not satisfied"))],
        widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment (optional)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)


class CertificatesForm(forms.Form):
    signatory_name = forms.CharField(label=_("Signed by"), max_length=200)
    signatory_title = forms.CharField(label=_("Signatory's title"), max_length=200,
                                      required=False)


class StaffMessageForm(forms.Form):
    group = forms.ChoiceField(label=pgettext_lazy("e-mail recipients", "To"),
                              choices=StaffMessage.Group.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}),
                           max_length=20000)

