"""Ticket codes, the signed links in e-mails, and QR images.

A code is 10 characters drawn with `secrets` from an alphabet without look-alikes
(no 0/O, 1/I/L): 31¹⁰ ≈ 8·10¹⁴ codes, so guessing one is hopeless, and it can be read
out or typed from a phone. The QR code holds just the code, so any scanner that types
what it reads works with the check-in page."""

import io
import re
import secrets

import segno
from django.conf import settings
from django.core import signing
from django.urls import reverse

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
_CODE_RE = re.compile(f"[{ALPHABET}]{{{CODE_LENGTH}}}")
TICKET_SALT = "events.ticket"
SURVEY_SALT = "events.survey"


def ticket_code_new():
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def ticket_code_normalise(text):
    """The code in `text` however it was typed or scanned ("abcde-fghjk", " ABCDE FGHJK"),
    or None when it cannot be a ticket code."""
    cleaned = re.sub(r"[\s\-_.]", "", (text or "").upper())
    return cleaned if _CODE_RE.fullmatch(cleaned) else None


def ticket_qr_png(code, *, scale=8):
    buffer = io.BytesIO()
    segno.make(code, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


# --- signed links (no login needed) -------------------------------------------------------

def _token(registration, salt):
    # The code is part of the signed value, so a token names one registration only. No
    # timestamp: the link in every e-mail about a registration is the same, and stays
    # valid as long as the registration.
    return signing.Signer(salt=salt).sign_object(
        {"r": registration.pk, "c": registration.ticket_code}, compress=True)


def ticket_token(registration):
    return _token(registration, TICKET_SALT)


def survey_token(registration):
    return _token(registration, SURVEY_SALT)


def token_load(token, *, salt):
    """(registration id, ticket code) from a token, or None if it was tampered with."""
    try:
        value = signing.Signer(salt=salt).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(value, dict) or not isinstance(value.get("r"), int):
        return None
    return value["r"], str(value.get("c", ""))


def ticket_url(registration):
    return settings.SITE_URL + reverse("events_public:ticket", args=[ticket_token(registration)])


def survey_url(registration):
    return settings.SITE_URL + reverse("events_public:survey", args=[survey_token(registration)])
