"""Public certificate verification: /verify/, /verify/<serial>/ and its JSON twin.

Anyone may look a certificate up, so lookups are rate limited per client address,
and an unknown serial costs more than a known one: typing one's own serial is easy,
walking the serial space is not."""

import hashlib

from django import forms
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.ratelimit import client_ip, ratelimit_hit
from documents.selectors import certificate_by_serial
from documents.serials import serial_normalise

LOOKUPS_PER_MINUTE = 30
UNKNOWN_SERIAL_COST = 5
MAX_CHECK_UPLOAD = 10 * 1024 * 1024


class SerialForm(forms.Form):
    serial = forms.CharField(label=gettext_lazy("Serial number"), max_length=40,
                             widget=forms.TextInput(attrs={"autocomplete": "off",
                                                           "placeholder": "YUVA-XXXX-XXXX"}))

    def clean_serial(self):
        serial = serial_normalise(self.cleaned_data["serial"])
        if serial is None:
            raise forms.ValidationError(_(
                "A serial number looks like YUVA-7K3M-Q9PX: the letters YUVA and eight "
                "letters or digits (no 0, 1, I, L, O or U)."
            ))
        return serial


class GenuineFileForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("The PDF you were given"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CHECK_UPLOAD:
            raise forms.ValidationError(_(
                "This file is larger than 10 MB; a Yuva certificate is much smaller, so it "
                "cannot be the genuine file."
            ))
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("This is not a PDF file."))
        return upload


def _limited(request, cost=1):
    return not ratelimit_hit(key=f"verify:{client_ip(request)}", limit=LOOKUPS_PER_MINUTE,
                             period=60, cost=cost)


def _too_many(request, *, as_json=False):
    message = _("Too many look-ups from your address. Please wait a minute and try again.")
    if as_json:
        return JsonResponse({"error": message}, status=429)
    return render(request, "documents/verify/ratelimited.html", {"message": message},
                  status=429)


@never_cache
def verify_form(request):
    form = SerialForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("verify:certificate", serial=form.cleaned_data["serial"])
    return render(request, "documents/verify/form.html", {"form": form})


def _lookup(request, serial, *, as_json=False):
    """(certificate or None, canonical serial or None, a ready response or None)."""
    canonical = serial_normalise(serial)
    if canonical is None:
        return None, None, None
    if _limited(request):
        return None, canonical, _too_many(request, as_json=as_json)
    certificate = certificate_by_serial(canonical)
    if certificate is None and _limited(request, cost=UNKNOWN_SERIAL_COST - 1):
        return None, canonical, _too_many(request, as_json=as_json)
    return certificate, canonical, None


@never_cache
@require_http_methods(["GET", "POST"])
def verify_certificate(request, serial):
    certificate, canonical, response = _lookup(request, serial)
    if response is not None:
        return response
    if certificate is None:
        return render(request, "documents/verify/unknown.html", {
            "serial": canonical or serial, "malformed": canonical is None,
            "form": SerialForm(),
        }, status=404)
    if canonical != serial:
        return redirect("verify:certificate", serial=canonical)
    check = None
    form = GenuineFileForm()
    if request.method == "POST":
        form = GenuineFileForm(request.POST, request.FILES)
        if form.is_valid():
            digest = hashlib.sha256()
            for chunk in form.cleaned_data["file"].chunks():
                digest.update(chunk)
            genuine = (certificate.document is not None
                       and certificate.document.sha256 == digest.hexdigest())
            check = {"genuine": genuine, "sha256": digest.hexdigest()}
    return render(request, "documents/verify/certificate.html", {
        "certificate": certificate, "status": certificate.status, "form": form,
        "check": check, "today": timezone.localdate(),
    })


@never_cache
def verify_certificate_json(request, serial):
    certificate, canonical, response = _lookup(request, serial, as_json=True)
    if response is not None:
        return response
    if certificate is None:
        return JsonResponse({"serial": canonical or serial, "status": "unknown"}, status=404)
    document = certificate.document
    return JsonResponse({
        "serial": certificate.serial,
        "status": certificate.status,
        "kind": certificate.kind,
        "recipient": certificate.recipient_name,
        "title": certificate.title,
        "issued_on": certificate.issued_on.isoformat(),
        "expires_on": certificate.expires_on.isoformat() if certificate.expires_on else None,
        "issuing_centre": certificate.centre.name,
        "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
        "revocation_reason": certificate.revoked_reason or None,
        "sha256": document.sha256 if document is not None and document.is_ready else None,
        "verification_url": certificate.get_verification_url(),
    })
