"""The contact form: Wagtail's form builder (submissions in the admin) with spam
protection that needs no JavaScript and no third party: a honeypot field, a signed
time token (too fast or too old is refused), and a rate limit per address."""

from django import forms
from django.conf import settings
from django.core import signing
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel

from core.ratelimit import client_ip, ratelimit_hit

TOKEN_SALT = "cms.contact-form"  # noqa: S105 - a signing salt, not a secret
TOKEN_MAX_AGE = 24 * 60 * 60
HONEYPOT = "website"
TOKEN = "form_token"  # noqa: S105 - a field name
SUBMISSIONS_PER_WINDOW = 5
WINDOW_SECONDS = 10 * 60
REFUSED = _("Your message could not be sent. Please reload the page and try again.")


def form_token(now=None):
    now = timezone.now() if now is None else now
    return signing.dumps(int(now.timestamp()), salt=TOKEN_SALT)


class SpamProtectedForm(BaseForm):
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[TOKEN].initial = form_token()
        self.fields[HONEYPOT].widget.attrs.update(autocomplete="off", tabindex="-1")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT):
            raise forms.ValidationError(REFUSED, code="honeypot")
        try:
            issued = signing.loads(cleaned.get(TOKEN) or "", salt=TOKEN_SALT,
                                   max_age=TOKEN_MAX_AGE)
        except signing.BadSignature:
            raise forms.ValidationError(REFUSED, code="token") from None
        age = timezone.now().timestamp() - issued
        if age < settings.YUVA_FORM_MIN_SECONDS or age > TOKEN_MAX_AGE:
            raise forms.ValidationError(REFUSED, code="too_fast")
        cleaned.pop(HONEYPOT, None)
        cleaned.pop(TOKEN, None)
        return cleaned


class SpamProtectedFormBuilder(FormBuilder):
    def get_form_class(self):
        return type("ContactForm", (SpamProtectedForm,), self.formfields)


class ContactFormField(AbstractFormField):
    page = ParentalKey("cms.ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(AbstractEmailForm):
    form_builder = SpamProtectedFormBuilder
    intro = models.TextField(_("introduction"), blank=True)
    thank_you_text = models.TextField(_("thank-you text"), blank=True)

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
            FieldPanel("subject"),
        ], heading=_("E-mail")),
    ]
    subpage_types = []

    class Meta:
        verbose_name = _("contact page")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and not ratelimit_hit(
                key=f"cms-contact:{client_ip(request)}", limit=SUBMISSIONS_PER_WINDOW,
                period=WINDOW_SECONDS):
            context = self.get_context(request)
            context["form"] = self.get_form(page=self, user=request.user)
            context["refused"] = _("Too many messages were sent from your address. "
                                   "Please try again in a few minutes.")
            return TemplateResponse(request, self.get_template(request), context, status=429)
        return super().serve(request, *args, **kwargs)
