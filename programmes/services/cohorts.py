"""Cohorts: enrolling accepted startups, milestone evidence and sign-off, graduation
with certificates issued in one batch."""

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from core.models import Membership
from documents.models import Certificate
from documents.services.certificates import Recipient, certificates_issue
from programmes.models import Application, Enrolment, MilestoneSubmission
from programmes.uploads import display_name, pdf_validate

EVIDENCE_MAX = 10_000


@transaction.atomic
def cohort_save(*, cohort, actor):
    """Create or change a cohort with its milestones (a Wagtail form's unsaved instance)."""
    created = cohort.pk is None
    try:
        cohort.save()
    except ProtectedError as exc:
        raise DomainError(_("A milestone that already has evidence cannot be removed."),
                          field="milestones") from exc
    audit_log(cohort, "wagtail.create" if created else "wagtail.edit", user=actor)
    return cohort


@transaction.atomic
def cohort_enrol(*, cohort, applications, actor):
    """Enrol the startups of accepted applications (to this cohort's programme)."""
    ids = [a.pk for a in applications]
    if not ids:
        raise DomainError(_("Choose at least one accepted application."))
    applications = list(Application.objects.select_for_update().filter(pk__in=ids)
                        .select_related("call", "startup__enterprise").order_by("pk"))
    for application in applications:
        if (application.status != Application.Status.ACCEPTED
                or application.call.programme_id != cohort.programme_id):
            raise DomainError(_("%(ref)s is not an accepted application to %(programme)s.")
                              % {"ref": application.reference,
                                 "programme": cohort.programme})
    enrolments = []
    for application in applications:
        try:
            with transaction.atomic():
                enrolments.append(Enrolment.objects.create(
                    cohort=cohort, startup_id=application.startup_id,
                    application=application, enrolled_by=actor))
        except IntegrityError as exc:
            raise DomainError(_("%(startup)s is already enrolled.") % {
                "startup": application.startup}) from exc
    audit_log(cohort, "yuva.cohort_enrolled", user=actor,
              data={"enrolments": [e.pk for e in enrolments]})
    return enrolments


@transaction.atomic
def milestone_evidence_submit(*, enrolment, milestone, actor, evidence, upload=None,
                              now=None):
    """A member of the startup submits (or, after it was returned, resubmits) evidence
    for a milestone; an optional PDF goes to the private storage."""
    now = now or timezone.now()
    if not Membership.objects.filter(user=actor,
                                     enterprise_id=enterprise_id_of(enrolment)).exists():
        raise DomainError(_("Only the startup's members can submit its evidence."))
    if enrolment.status != Enrolment.Status.ACTIVE:
        raise DomainError(_("This startup is no longer active in the cohort."))
    if milestone.cohort_id != enrolment.cohort_id:
        raise DomainError(_("That milestone belongs to another cohort."))
    evidence = (evidence or "").strip()
    if not evidence:
        raise DomainError(_("Describe what you achieved."), field="evidence")
    if len(evidence) > EVIDENCE_MAX:
        raise DomainError(_("Write at most %(limit)s characters.") % {"limit": EVIDENCE_MAX},
                          field="evidence")
    if upload is not None:
        pdf_validate(upload, field="file")
    submission = MilestoneSubmission.objects.select_for_update().filter(
        enrolment=enrolment, milestone=milestone).first()
    if submission is not None and submission.status == MilestoneSubmission.Status.SIGNED_OFF:
        raise DomainError(_("This milestone is already signed off."))
    if submission is None:
        submission = MilestoneSubmission(enrolment=enrolment, milestone=milestone)
    submission.status = MilestoneSubmission.Status.SUBMITTED
    submission.evidence = evidence
    submission.submitted_by = actor
    submission.submitted_at = now
    if upload is not None:
        submission.file_name = display_name(upload)
        submission.file_size = upload.size
        submission.file.save("evidence.pdf", upload, save=False)
    submission.save()
    audit_log(submission, "yuva.milestone_submitted", user=actor)
    return submission


def enterprise_id_of(enrolment):
    return enrolment.startup.enterprise_id


def _review(submission, *, status, actor, note, now):
    submission = MilestoneSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != MilestoneSubmission.Status.SUBMITTED:
        raise DomainError(_("This evidence is not waiting for a sign-off."))
    submission.status = status
    submission.reviewed_by = actor
    submission.reviewed_at = now
    submission.staff_note = note.strip()
    submission.save(update_fields=["status", "reviewed_by", "reviewed_at", "staff_note"])
    return submission


@transaction.atomic
def milestone_sign_off(*, submission, actor, note="", now=None):
    submission = _review(submission, status=MilestoneSubmission.Status.SIGNED_OFF,
                         actor=actor, note=note, now=now or timezone.now())
    audit_log(submission, "yuva.milestone_signed_off", user=actor)
    return submission


@transaction.atomic
def milestone_return(*, submission, actor, note, now=None):
    if not (note or "").strip():
        raise DomainError(_("Say what is missing, so the startup can complete it."),
                          field="note")
    submission = _review(submission, status=MilestoneSubmission.Status.RETURNED,
                         actor=actor, note=note, now=now or timezone.now())
    audit_log(submission, "yuva.milestone_returned", user=actor)
    return submission


def missing_milestones(enrolments):
    """{enrolment id: [required milestones not signed off]} for the given enrolments."""
    enrolments = list(enrolments)
    signed = set(MilestoneSubmission.objects.filter(
        enrolment__in=enrolments, status=MilestoneSubmission.Status.SIGNED_OFF,
    ).values_list("enrolment_id", "milestone_id"))
    required = {}
    for enrolment in enrolments:
        if enrolment.cohort_id not in required:
            required[enrolment.cohort_id] = list(
                enrolment.cohort.milestones.filter(required=True))
    return {
        e.pk: [m for m in required[e.cohort_id] if (e.pk, m.pk) not in signed]
        for e in enrolments
    }


@transaction.atomic
def cohort_graduate(*, cohort, enrolments, actor, override_reason="", signatory_name="",
                    signatory_title="", issue_certificates=True, now=None):
    """Graduate startups of `cohort`: each needs every required milestone signed off, or
    an explicit reason to graduate it anyway (kept on the enrolment). Then issue the
    graduation certificates, one per member of each startup, in one batch (already
    graduated startups get theirs again only if missing). All or nothing.
    Returns the CertificateBatch, or None."""
    now = now or timezone.now()
    ids = [e.pk for e in enrolments]
    if not ids:
        raise DomainError(_("Choose at least one startup."))
    locked = list(Enrolment.objects.select_for_update().filter(pk__in=ids, cohort=cohort)
                  .select_related("startup__enterprise", "cohort").order_by("pk"))
    if len(locked) != len(set(ids)):
        raise DomainError(_("Choose startups of this cohort."))
    if any(e.status == Enrolment.Status.WITHDRAWN for e in locked):
        raise DomainError(_("A withdrawn startup cannot graduate."))
    override_reason = (override_reason or "").strip()
    to_graduate = [e for e in locked if e.status == Enrolment.Status.ACTIVE]
    missing = missing_milestones(to_graduate)
    lacking = [e for e in to_graduate if missing[e.pk]]
    if lacking and not override_reason:
        raise DomainError(
            _("Nothing was changed: %(startups)s have not had every required milestone "
              "signed off. Give a reason to graduate them anyway.") % {
                "startups": ", ".join(
                    f"{e.startup.enterprise.name} ({', '.join(m.title for m in missing[e.pk])})"
                    for e in lacking)},
            field="override_reason")
    for enrolment in to_graduate:
        enrolment.status = Enrolment.Status.GRADUATED
        enrolment.graduated_at = now
        enrolment.graduated_by = actor
        enrolment.graduation_override_reason = override_reason if missing[enrolment.pk] else ""
        enrolment.save(update_fields=["status", "graduated_at", "graduated_by",
                                      "graduation_override_reason"])
        audit_log(enrolment, "yuva.graduated", user=actor,
                  data={"override": bool(enrolment.graduation_override_reason)})
    if not issue_certificates:
        return None
    return _issue_certificates(cohort=cohort, enrolments=locked, actor=actor,
                               signatory_name=signatory_name,
                               signatory_title=signatory_title)


def _issue_certificates(*, cohort, enrolments, actor, signatory_name, signatory_title):
    enterprise_ids = [e.startup.enterprise_id for e in enrolments]
    members = (Membership.objects.filter(enterprise_id__in=enterprise_ids)
               .select_related("user").order_by("enterprise_id", "pk"))
    by_enterprise = {e.startup.enterprise_id: e.startup.enterprise for e in enrolments}
    recipients = [
        Recipient(name=m.user.full_name or m.user.email, email=m.user.email, user=m.user,
                  enterprise=by_enterprise[m.enterprise_id],
                  language=m.user.preferred_language)
        for m in members if m.user.is_active
    ]
    if not recipients:
        raise DomainError(_("These startups have no members to receive a certificate."))
    programme = cohort.programme
    batch = certificates_issue(
        kind=Certificate.Kind.GRADUATION, title=f"{programme.name} — {cohort.name}",
        recipients=recipients, centre=programme.centre, signatory_name=signatory_name,
        signatory_title=signatory_title, actor=actor, subject=cohort,
        subject_label=programme.name,
    )
    Enrolment.objects.filter(pk__in=[e.pk for e in enrolments]).update(certificate_batch=batch)
    return batch
