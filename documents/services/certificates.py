"""Issuing, rendering, e-mailing and revoking certificates.

`certificates_issue` is the one entry point other apps use (programmes for graduation,
events for attendance, families for trainings). It writes the registry rows at once and
leaves rendering, e-mailing and the ZIP to one background job per batch, which can run
any number of times: it only does what is still missing.
"""

import logging
import tempfile
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from documents.models import Certificate, CertificateBatch, Document
from documents.pdf import render_pdf
from documents.serials import serial_new

logger = logging.getLogger(__name__)

CERTIFICATE_TEMPLATES = {
    Certificate.Kind.GRADUATION: "documents/pdf/certificates/graduation.html",
    Certificate.Kind.ATTENDANCE: "documents/pdf/certificates/attendance.html",
    Certificate.Kind.TRAINING: "documents/pdf/certificates/training.html",
}
MAX_RECIPIENTS = 5000
PROGRESS_EVERY = 10  # certificates between two progress updates of a batch


@dataclass(frozen=True)
class Recipient:
    """Who receives a certificate: a name as it will be printed, and a user or an
    e-mail address to deliver it to (a guest at an event may have only an address)."""

    name: str
    email: str = ""
    user: object = None
    enterprise: object = None
    language: str = ""

    @property
    def key(self):
        if self.user is not None:
            return f"user:{self.user.pk}"
        return f"email:{self.email.strip().lower()}"


def subject_key_for(subject, label):
    if subject is not None:
        return f"{subject._meta.label_lower}:{subject.pk}"
    return f"label:{label.strip()}"


def _validate_issue(*, kind, title, recipients, centre, signatory_name, issued_on, expires_on):
    if kind not in Certificate.Kind.values:
        raise DomainError(_("Choose a kind of certificate."), field="kind")
    if not title.strip():
        raise DomainError(_("Say what the certificate certifies."), field="title")
    if centre is None:
        raise DomainError(_("Choose the issuing centre."), field="centre")
    if not signatory_name.strip():
        raise DomainError(_("Name the person who signs the certificates."),
                          field="signatory_name")
    if expires_on is not None and expires_on < issued_on:
        raise DomainError(_("The expiry date cannot be before the date of issue."),
                          field="expires_on")
    if not recipients:
        raise DomainError(_("Add at least one recipient."), field="recipients")
    if len(recipients) > MAX_RECIPIENTS:
        raise DomainError(_("A batch holds at most %(max)s recipients.") % {
            "max": MAX_RECIPIENTS}, field="recipients")
    for recipient in recipients:
        if not recipient.name.strip():
            raise DomainError(_("Every recipient needs a name."), field="recipients")
        if recipient.user is None and not recipient.email.strip():
            raise DomainError(
                _("%(name)s needs an e-mail address or an account.") % {"name": recipient.name},
                field="recipients",
            )


def _create_certificate(**fields):
    """Insert with a fresh serial; a serial collision (about one in 10¹¹) draws again."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(serial=serial_new(), **fields)
        except IntegrityError:
            duplicate = Certificate.objects.filter(
                kind=fields["kind"], subject_key=fields["subject_key"],
                recipient_key=fields["recipient_key"], revoked_at__isnull=True,
            ).first()
            if duplicate is not None:  # issued concurrently by someone else
                return duplicate
    raise DomainError(_("Could not draw a free serial number; try again."))


@transaction.atomic
def certificates_issue(*, kind, title, recipients, centre, signatory_name, actor,
                       issued_on=None, expires_on=None, description="", subject=None,
                       subject_label="", signatory_title="", send_emails=True):
    """Issue certificates to `recipients` (a list of Recipient) and start one background
    job that renders their PDFs, e-mails each recipient and builds a ZIP for staff.

    A recipient who already holds a live certificate of this kind for this subject gets
    the existing one back, not a duplicate; after a revocation a new one is issued.
    Returns the CertificateBatch; its `certificate_ids` lists every certificate of the
    request, new or existing."""
    issued_on = issued_on or timezone.localdate()
    _validate_issue(kind=kind, title=title, recipients=recipients, centre=centre,
                    signatory_name=signatory_name, issued_on=issued_on,
                    expires_on=expires_on)
    subject_key = subject_key_for(subject, subject_label or title)
    subject_fields = {}
    if subject is not None:
        subject_fields = {"subject_type": ContentType.objects.get_for_model(subject),
                          "subject_id": subject.pk}
    batch = CertificateBatch.objects.create(
        kind=kind, title=title, created_by=actor, send_emails=send_emails,
    )
    existing = {
        cert.recipient_key: cert
        for cert in Certificate.objects.filter(
            kind=kind, subject_key=subject_key, revoked_at__isnull=True,
            recipient_key__in=[r.key for r in recipients],
        )
    }
    ids = []
    for recipient in recipients:
        certificate = existing.get(recipient.key)
        if certificate is None:
            language = recipient.language or (
                recipient.user.preferred_language if recipient.user is not None else ""
            ) or settings.LANGUAGE_CODE
            certificate = _create_certificate(
                kind=kind, recipient_name=recipient.name.strip(),
                recipient_email=(recipient.email or getattr(recipient.user, "email", "")).strip(),
                recipient_user=recipient.user, recipient_key=recipient.key,
                enterprise=recipient.enterprise, title=title.strip(),
                description=description.strip(), subject_key=subject_key,
                subject_label=subject_label.strip(), centre=centre,
                signatory_name=signatory_name.strip(), signatory_title=signatory_title.strip(),
                issued_on=issued_on, expires_on=expires_on, language=language,
                batch=batch, issued_by=actor, **subject_fields,
            )
            existing[recipient.key] = certificate
        if certificate.pk not in ids:
            ids.append(certificate.pk)
    batch.certificate_ids = ids
    batch.total = len(ids)
    batch.save(update_fields=["certificate_ids", "total"])
    audit_log(batch, "yuva.certificates_issued", user=actor, data={"count": len(ids)})
    from documents.tasks import certificate_batch_run_task

    certificate_batch_run_task.delay_on_commit(batch.pk)
    return batch


def certificate_render(*, certificate, requested_by=None):
    """Render the certificate's PDF into its Document, unless it already has a ready one.
    Returns the Document."""
    document = certificate.document
    if document is not None and document.is_ready:
        return document
    if document is None:
        document = Document.objects.create(
            kind=Document.Kind.CERTIFICATE, status=Document.Status.RENDERING,
            title=f"{certificate.title} — {certificate.recipient_name}",
            enterprise=certificate.enterprise, language=certificate.language,
            requested_by=requested_by, owner_type=ContentType.objects.get_for_model(Certificate),
            owner_id=certificate.pk, attempts=1,
        )
        Certificate.objects.filter(pk=certificate.pk).update(document=document)
        certificate.document = document
    document.certificate = certificate  # the builder reads it; saves a query per PDF
    from documents.builders import build

    built = build(document)
    pdf = render_pdf(built.template_name, built.context, document.language,
                     stylesheets=built.stylesheets)
    from documents.services.documents import document_store_pdf

    return document_store_pdf(document=document, pdf=pdf, filename=built.filename)


def certificate_email(*, certificate):
    """E-mail the recipient their PDF, once. Returns True if a message was sent now."""
    if certificate.emailed_at is not None or not certificate.recipient_email:
        return False
    document = certificate.document
    if document is None or not document.is_ready:
        return False
    with translation.override(certificate.language):
        context = {"certificate": certificate,
                   "verify_url": certificate.get_verification_url()}
        subject = _("Your certificate: %(title)s") % {"title": certificate.title}
        body = render_to_string("documents/email/certificate.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[certificate.recipient_email])
    with document.file.open("rb") as handle:
        message.attach(document.filename, handle.read(), "application/pdf")
    # Mark first, in its own statement: a crash after sending must not send twice.
    marked = Certificate.objects.filter(pk=certificate.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now(),
    )
    if not marked:
        return False
    message.send()
    return True


def certificate_batch_run(*, batch_id):
    """The batch job: render what is not rendered, e-mail who has not been e-mailed,
    then build the ZIP. Safe to run again after a failure or twice at once."""
    claimed = CertificateBatch.objects.filter(
        pk=batch_id, status__in=[CertificateBatch.Status.QUEUED, CertificateBatch.Status.FAILED],
    ).update(status=CertificateBatch.Status.RUNNING, error="", failed=0)
    if not claimed:
        logger.info("certificate batch %s is not waiting to run; skipping", batch_id)
        return None
    batch = CertificateBatch.objects.get(pk=batch_id)
    certificates = (
        Certificate.objects.filter(pk__in=batch.certificate_ids)
        .select_related("centre", "enterprise", "document", "recipient_user")
        .order_by("pk")
    )
    rendered = emailed = failed = 0
    errors = []
    for certificate in certificates:
        try:
            certificate_render(certificate=certificate, requested_by=batch.created_by)
            rendered += 1
            if batch.send_emails and certificate_email(certificate=certificate):
                emailed += 1
        except Exception as exc:
            logger.exception("certificate %s failed", certificate.serial)
            failed += 1
            errors.append(f"{certificate.serial}: {type(exc).__name__}: {exc}")
            if certificate.document_id:
                Document.objects.filter(pk=certificate.document_id).update(
                    status=Document.Status.FAILED, error=str(exc)[:2000],
                )
        if (rendered + failed) % PROGRESS_EVERY == 0:
            CertificateBatch.objects.filter(pk=batch_id).update(
                rendered=rendered, failed=failed, emailed=emailed,
            )
    CertificateBatch.objects.filter(pk=batch_id).update(
        rendered=rendered, failed=failed, emailed=emailed,
    )
    if failed:
        CertificateBatch.objects.filter(pk=batch_id).update(
            status=CertificateBatch.Status.FAILED, error="\n".join(errors)[:10000],
        )
        return CertificateBatch.objects.get(pk=batch_id)
    return certificate_batch_zip(batch=CertificateBatch.objects.get(pk=batch_id))


def certificate_batch_zip(*, batch):
    """One ZIP of every PDF in the batch, for staff to download. Written through a
    temporary file, so a batch of thousands does not sit in memory."""
    certificates = (
        Certificate.objects.filter(pk__in=batch.certificate_ids)
        .select_related("document").order_by("pk")
    )
    with tempfile.TemporaryFile() as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_STORED) as archive:
            for certificate in certificates:
                with certificate.document.file.open("rb") as handle:
                    archive.writestr(f"{certificate.serial}.pdf", handle.read())
        spool.seek(0)
        with transaction.atomic():
            batch.zip_file.save(f"batch-{batch.pk}.zip", File(spool), save=False)
            batch.status = CertificateBatch.Status.DONE
            batch.finished_at = timezone.now()
            batch.save(update_fields=["zip_file", "status", "finished_at"])
    return batch


@transaction.atomic
def certificate_batch_retry(*, batch, actor):
    updated = CertificateBatch.objects.filter(
        pk=batch.pk, status=CertificateBatch.Status.FAILED,
    ).update(status=CertificateBatch.Status.QUEUED)
    if not updated:
        raise DomainError(_("Only a failed batch can be retried."))
    audit_log(batch, "yuva.certificate_batch_retry", user=actor)
    from documents.tasks import certificate_batch_run_task

    certificate_batch_run_task.delay_on_commit(batch.pk)
    batch.refresh_from_db()
    return batch


@transaction.atomic
def certificate_revoke(*, certificate, reason, actor):
    """Revoke: the record and its PDF stay; verification says revoked, when and why."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for revoking the certificate."), field="reason")
    updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason, revoked_by=actor,
    )
    if not updated:
        raise DomainError(_("This certificate is already revoked."))
    certificate.refresh_from_db()
    audit_log(certificate, "yuva.certificate_revoked", user=actor, data={"reason": reason})
    return certificate
