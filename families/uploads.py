"""Attachments families and advisers exchange: PDF, JPEG or PNG, recognised by their
content (not their name), at most 10 MB."""

import filetype
from django.utils.translation import gettext as _

from core.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
ALLOWED = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def check_attachment(upload):
    """Return (content type, extension) of an uploaded file, or raise DomainError."""
    if upload.size > MAX_BYTES:
        raise DomainError(_("The file is too large: at most 10 MB."), field="attachment")
    if upload.size == 0:
        raise DomainError(_("The file is empty."), field="attachment")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED:
        raise DomainError(_("Attach a PDF, JPEG or PNG file."), field="attachment")
    return kind.mime, ALLOWED[kind.mime]
