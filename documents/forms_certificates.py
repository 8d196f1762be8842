"""Staff forms for certificates. They parse and check what was typed or uploaded and
hand the service its arguments; issuing and revoking are the services' work."""

import csv
import io

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateInput

from core.models import Centre, Enterprise
from documents.models import Certificate
from documents.services.certificates import Recipient

MAX_CSV_BYTES = 1024 * 1024
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


class DomainErrorFormMixin:
    """Shows a service's DomainError on the field it names, or above the form."""

    # The service's name for a field → this form's name for it.
    domain_field_aliases = {}

    def add_domain_error(self, error):
        field = self.domain_field_aliases.get(error.field, error.field)
        self.add_error(field if field in self.fields else None, error.message)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.full_name:
            return f"{obj.full_name} <{obj.email}>"
        return obj.email


class CertificateDetailsForm(DomainErrorFormMixin, forms.Form):
    """What every certificate of one issuing run shares."""

    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Certificate.Kind.choices)
    title = forms.CharField(
        label=gettext_lazy("What it certifies"), max_length=255,
        help_text=gettext_lazy("Printed large on the certificate, e.g. “Start-up Fest 2026”."),
    )
    subject_label = forms.CharField(
        label=gettext_lazy("Programme, event or training"), max_length=255, required=False,
        help_text=gettext_lazy(
            "Leave empty if the title names it. A person gets one certificate of a kind "
            "for the same programme, event or training: issuing again returns the one "
            "they hold."
        ),
    )
    description = forms.CharField(label=gettext_lazy("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    centre = forms.ModelChoiceField(label=gettext_lazy("Issuing centre"),
                                    queryset=Centre.objects.filter(is_active=True))
    signatory_name = forms.CharField(label=gettext_lazy("Signatory"), max_length=200)
    signatory_title = forms.CharField(label=gettext_lazy("Signatory's title"), max_length=200,
                                      required=False)
    issued_on = forms.DateField(label=gettext_lazy("Date of issue"), widget=AdminDateInput,
                                initial=timezone.localdate)
    expires_on = forms.DateField(label=gettext_lazy("Valid until"), widget=AdminDateInput,
                                 required=False,
                                 help_text=gettext_lazy("Leave empty if it never expires."))
    enterprise = forms.ModelChoiceField(
        label=gettext_lazy("Enterprise"), queryset=Enterprise.objects.all(), required=False,
    )
    send_emails = forms.BooleanField(
        label=gettext_lazy("E-mail each recipient their PDF"), required=False, initial=True,
    )

    def issue_kwargs(self):
        """The arguments of certificates_issue other than recipients and actor."""
        data = self.cleaned_data
        return {name: data[name] for name in (
            "kind", "title", "subject_label", "description", "centre", "signatory_name",
            "signatory_title", "issued_on", "expires_on", "send_emails",
        )}


class CertificateIssueForm(CertificateDetailsForm):
    """One certificate for one person."""

    domain_field_aliases = {"recipients": "recipient_email"}

    recipient_name = forms.CharField(
        label=gettext_lazy("Recipient's name as printed"), max_length=200, required=False,
        help_text=gettext_lazy("May be left empty when an account is chosen: its full name "
                               "is printed then."),
    )
    recipient_email = forms.EmailField(label=gettext_lazy("Recipient's e-mail"),
                                       required=False)
    recipient_user = UserChoiceField(
        label=gettext_lazy("Recipient's account"), required=False,
        queryset=get_user_model().objects.filter(is_active=True).order_by("full_name", "email"),
        help_text=gettext_lazy("Give an e-mail address, an account, or both."),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the certificate"), required=False,
        choices=[("", gettext_lazy("The recipient's own language"))] + list(settings.LANGUAGES),
        help_text=gettext_lazy("Without a choice: the account's language, else Azerbaijani."),
    )

    field_order = [
        "kind", "title", "subject_label", "description", "centre", "signatory_name",
        "signatory_title", "issued_on", "expires_on", "recipient_name", "recipient_email",
        "recipient_user", "language", "enterprise", "send_emails",
    ]

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("recipient_user")
        if not cleaned.get("recipient_name") and user is not None:
            cleaned["recipient_name"] = user.full_name
        if not cleaned.get("recipient_name") and "recipient_name" not in self.errors:
            self.add_error("recipient_name", _("Give the name to print on the certificate."))
        return cleaned

    def recipient_list(self):
        data = self.cleaned_data
        return [Recipient(
            name=data["recipient_name"], email=data["recipient_email"],
            user=data["recipient_user"], enterprise=data["enterprise"],
            language=data["language"],
        )]


def _line_error(number, message):
    return _("Line %(number)s: %(message)s") % {"number": number, "message": message}


class RecipientLines:
    """Reads "Name; e-mail; language" rows into Recipients, collecting one error per bad
    row, each naming its line. A row is a list of cells; the language may be left out."""

    def __init__(self, enterprise=None):
        self.enterprise = enterprise
        self.recipients = []
        self.seen = {}
        self.source = None

    def read(self, numbered_rows, *, source):
        errors = []
        self.source = source
        for number, cells in numbered_rows:
            cells = [cell.strip() for cell in cells]
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            try:
                self.recipients.append(self._recipient(number, cells))
            except ValidationError as error:
                errors.append(_line_error(number, error.message))
        return errors

    def _recipient(self, number, cells):
        if len(cells) > 3:
            raise ValidationError(_(
                "expected “Name; e-mail; language” but found %(count)s parts."
            ) % {"count": len(cells)})
        if len(cells) == 1 and "@" in cells[0]:
            raise ValidationError(_("separate the name, the e-mail address and the "
                                    "language with “;”."))
        name, email, language = (cells + ["", ""])[:3]
        if not name:
            raise ValidationError(_("the name is missing."))
        if not email:
            raise ValidationError(_("the e-mail address of %(name)s is missing.")
                                  % {"name": name})
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(_("“%(email)s” is not an e-mail address.")
                                  % {"email": email}) from None
        language = language.lower() or DEFAULT_LANGUAGE
        if language not in LANGUAGE_CODES:
            raise ValidationError(_("“%(language)s” is not a language of certificates "
                                    "(%(choices)s).") % {"language": language,
                                                         "choices": ", ".join(LANGUAGE_CODES)})
        key = email.lower()
        if key in self.seen:
            source, line = self.seen[key]
            if source == self.source:
                raise ValidationError(_("%(email)s is already on line %(line)s.")
                                      % {"email": email, "line": line})
            raise ValidationError(_("%(email)s is already in the typed list.")
                                  % {"email": email})
        self.seen[key] = (self.source, number)
        return Recipient(name=name, email=email, enterprise=self.enterprise,
                         language=language)


# What a first row of column names may call the e-mail column (az, en, ru).
EMAIL_HEADINGS = {"email", "epoçt", "epoçtünvanı", "почта", "элпочта", "электроннаяпочта"}


def _looks_like_header(cells):
    if len(cells) < 2:
        return False
    heading = "".join(ch for ch in cells[1].lower() if ch.isalnum())
    return heading in EMAIL_HEADINGS


class CertificateBatchIssueForm(CertificateDetailsForm):
    """Certificates for many people at once: typed one a line, uploaded as CSV, or both."""

    # Not stripped, so the line numbers in errors are those the person sees.
    recipients = forms.CharField(
        label=gettext_lazy("Recipients"), required=False, strip=False,
        widget=forms.Textarea(attrs={"rows": 10,
                                     "placeholder": "Leyla Əliyeva; leyla@example.az; az"}),
        help_text=gettext_lazy(
            "One person a line: “Name; e-mail; language”. The language is az, en or ru, "
            "and az when left out."
        ),
    )
    recipients_file = forms.FileField(
        label=gettext_lazy("…or a CSV file"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=gettext_lazy(
            "The same three columns, saved as “CSV UTF-8”; at most 1 MB. A first row of "
            "column names is skipped."
        ),
    )

    def clean_recipients_file(self):
        upload = self.cleaned_data["recipients_file"]
        if not upload:
            return None
        if not upload.name.lower().endswith(".csv"):
            raise ValidationError(_(
                "“%(name)s” is not a CSV file. Save the list as “CSV UTF-8” and upload that."
            ) % {"name": upload.name})
        if upload.size > MAX_CSV_BYTES:
            raise ValidationError(_("The file is larger than 1 MB. Split the list into "
                                    "smaller files."))
        data = upload.read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
        if text is None or "\x00" in text:
            raise ValidationError(_(
                "“%(name)s” is not a CSV text file in UTF-8. Save the list as "
                "“CSV UTF-8” and upload it again."
            ) % {"name": upload.name})
        return text

    def clean(self):
        cleaned = super().clean()
        lines = RecipientLines(enterprise=cleaned.get("enterprise"))
        typed = cleaned.get("recipients") or ""
        errors = lines.read(((number, line.split(";"))
                             for number, line in enumerate(typed.splitlines(), start=1)),
                            source="typed")
        if errors:
            self.add_error("recipients", errors)
        text = cleaned.get("recipients_file")
        if text:
            first_line = text.split("\n", 1)[0]
            delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
            if rows and _looks_like_header(rows[0]):
                rows[0] = []
            errors = lines.read(enumerate(rows, start=1), source="file")
            if errors:
                self.add_error("recipients_file", errors)
        cleaned["recipient_list"] = lines.recipients
        return cleaned

    def recipient_list(self):
        return self.cleaned_data["recipient_list"]


class CertificateRevokeForm(DomainErrorFormMixin, forms.Form):
    # Not required here: the service refuses an empty reason with its own message,
    # shown on this field; the browser asks for it first.
    reason = forms.CharField(
        label=gettext_lazy("Reason for revocation"), required=False,
        widget=forms.Textarea(attrs={"rows": 3, "required": True}),
        help_text=gettext_lazy("Shown to anyone who verifies the certificate."),
    )
