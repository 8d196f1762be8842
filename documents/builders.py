"""What goes into each kind of document. A builder turns a Document row into a
template and its context; apps that own a kind register a builder for it in their
AppConfig.ready() (documents never imports them)."""

from dataclasses import dataclass

from anyascii import anyascii
from django.utils import timezone
from django.utils.text import slugify

from documents.models import Document

_BUILDERS = {}


@dataclass
class Built:
    template_name: str
    context: dict
    filename: str
    stylesheets: tuple = ()  # static CSS paths, parsed once per process


def register_builder(kind):
    def decorator(fn):
        _BUILDERS[kind] = fn
        return fn

    return decorator


def build(document):
    try:
        builder = _BUILDERS[document.kind]
    except KeyError as exc:
        raise LookupError(f"no builder registered for document kind {document.kind!r}") from exc
    return builder(document)


@register_builder(Document.Kind.ENTERPRISE_PROFILE)
def build_enterprise_profile(document):
    enterprise = document.enterprise
    members = list(enterprise.memberships.select_related("user").order_by("user__full_name"))
    return Built(
        template_name="documents/pdf/enterprise_profile.html",
        context={
            "enterprise": enterprise,
            "members": members,
            "document": document,
            "generated_at": timezone.localtime(),
        },
        filename=f"profile-{slugify(anyascii(enterprise.name)) or enterprise.pk}-{document.pk}.pdf",
    )


@register_builder(Document.Kind.CERTIFICATE)
def build_certificate(document):
    import segno

    from documents.services.certificates import CERTIFICATE_TEMPLATES

    certificate = document.certificate
    url = certificate.get_verification_url()
    # A fixed mask: choosing the "best" of eight costs ~3 ms of pure Python per code,
    # a tenth of a certificate's whole rendering, and any mask decodes (tested with zbar).
    qr = segno.make_qr(url, error="m", mask=0)
    return Built(
        template_name=CERTIFICATE_TEMPLATES[certificate.kind],
        context={
            "certificate": certificate,
            # One pixel per module, drawn unsmoothed (image-rendering: pixelated): sharp
            # at any print size and far cheaper for WeasyPrint than an SVG of rectangles.
            "qr_data_uri": qr.png_data_uri(scale=1, border=2),
            "verify_url_display": url.split("://", 1)[-1],
        },
        filename=f"{certificate.serial}.pdf",
        stylesheets=("documents/pdf/certificate.css",),
    )
