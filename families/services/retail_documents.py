"""The contract and delivery-note PDFs, made on request: each download is a Document
(what was handed out, in which language, by whom, with its checksum), rendered at once
because it is one small page the person is waiting for."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from documents.builders import build
from documents.models import Document
from documents.pdf import render_pdf
from documents.services.documents import document_store_pdf
from families.models import Delivery, RetailContract

KINDS = {RetailContract: Document.Kind.RETAIL_CONTRACT, Delivery: Document.Kind.DELIVERY_NOTE}


def _title(owner):
    if isinstance(owner, RetailContract):
        return _("Retail contract %(number)s") % {"number": owner.number}
    return _("Delivery note %(number)s") % {"number": owner.number}


def retail_pdf_issue(*, owner, requested_by, language=None):
    """Render the PDF of a contract or a delivery in `language` (the person's by
    default) into a new Document and return it."""
    language = language or getattr(requested_by, "preferred_language", "") or \
        settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with transaction.atomic():
        with translation.override(language):
            title = _title(owner)
        document = Document.objects.create(
            kind=KINDS[type(owner)], title=title, language=language,
            requested_by=requested_by, status=Document.Status.RENDERING, attempts=1,
            owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk)
        built = build(document)
        pdf = render_pdf(built.template_name, built.context, language,
                         stylesheets=built.stylesheets)
        return document_store_pdf(document=document, pdf=pdf, filename=built.filename)
