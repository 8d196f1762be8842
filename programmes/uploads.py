"""Uploaded files of applicants and cohorts: PDF only (checked by content, not by name),
size-capped, stored on the private storage under a name that says nothing."""

import os

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.errors import DomainError

PDF_MAGIC = b"%PDF-"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def max_upload_bytes():
    return getattr(settings, "YUVA_PROGRAMMES_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES)


def pdf_validate(upload, *, field=None):
    """Refuse anything that is not a PDF of at most max_upload_bytes(). Reads only the
    first bytes; leaves the file at its start."""
    limit = max_upload_bytes()
    if upload.size > limit:
        raise DomainError(
            _("%(name)s is too large: files may be at most %(limit)s.") % {
                "name": upload.name, "limit": filesizeformat(limit)},
            field=field,
        )
    if upload.size == 0:
        raise DomainError(_("%(name)s is empty.") % {"name": upload.name}, field=field)
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise DomainError(
            _("%(name)s is not a PDF file. Upload your document as a PDF.") % {
                "name": upload.name},
            field=field,
        )


def display_name(upload):
    """The person's file name, without any path, for showing back to them."""
    return os.path.basename(upload.name or "")[:255] or "document.pdf"
