from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.models import Enterprise
from core.services import user_update_profile


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )

    def signup(self, request, user):
        user_update_profile(
            user=user,
            full_name=self.cleaned_data["full_name"],
            preferred_language=self.cleaned_data["preferred_language"],
        )


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    phone = forms.RegexField(
        label=_("Phone"), max_length=32, required=False, regex=r"^\+?[0-9 ()-]{7,20}$",
        error_messages={"invalid": _("Enter a phone number such as +994 50 123 45 67.")},
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES,
    )


class EnterpriseForm(forms.ModelForm):
    """The profile a member edits in the portal. The model's clean() holds the rules
    (no founding date in the future), so the form and the service agree."""

    class Meta:
        model = Enterprise
        fields = ["name", "region", "centre", "sector", "founded_on", "women_led",
                  "employees", "description"]
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
