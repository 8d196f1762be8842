"""Applications: the founder's draft and its answers, submission before the deadline,
withdrawal, and every status change staff make, each logged with who and when."""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from core.models import Membership
from programmes.models import Answer, Application, ApplicationStatusChange, Question
from programmes.transitions import DECISIONS, is_allowed
from programmes.uploads import display_name, pdf_validate

S = Application.Status
SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 10_000
NUMBER_LIMIT = Decimal("1e13")


def _moment(value):
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")


def call_closed_error(call, now):
    if now < call.opens_at:
        return DomainError(_("This call opens on %(when)s (Baku time).") % {
            "when": _moment(call.opens_at)})
    return DomainError(
        _("The call closed on %(when)s (Baku time); late submissions are not accepted.")
        % {"when": _moment(call.closes_at)})


def duplicate_error():
    return DomainError(_("Your startup has already applied to this call. Open that "
                         "application instead of starting a second one."))


def _check_member(user, startup):
    if not Membership.objects.filter(user=user, enterprise_id=startup.enterprise_id).exists():
        raise DomainError(_("You can only apply for a startup you are a member of."))


@transaction.atomic
def application_create(*, call, startup, actor, now=None):
    """A draft application of `startup` to `call`, by a member of the startup. One per
    startup and call (a database constraint backs the check)."""
    now = now or timezone.now()
    _check_member(actor, startup)
    if not call.is_open(now):
        raise call_closed_error(call, now)
    if Application.objects.filter(call=call, startup=startup).exists():
        raise duplicate_error()
    try:
        with transaction.atomic():
            application = Application.objects.create(call=call, startup=startup,
                                                     created_by=actor)
    except IntegrityError as exc:  # created concurrently
        raise duplicate_error() from exc
    ApplicationStatusChange.objects.create(application=application, from_status="",
                                           to_status=S.DRAFT, changed_by=actor, changed_at=now)
    audit_log(application, "wagtail.create", user=actor)
    return application


def _clean_value(question, value):
    """The stored form of one typed answer; DomainError (field "q_<id>") if it is wrong."""
    field = f"q_{question.pk}"
    kind = question.kind
    if kind == Question.Kind.NUMBER:
        if value in (None, ""):
            return {"number": None, "text": ""}
        try:
            number = Decimal(str(value).replace(",", ".").strip())
        except InvalidOperation as exc:
            raise DomainError(_("Enter a number."), field=field) from exc
        if not number.is_finite() or abs(number) >= NUMBER_LIMIT:
            raise DomainError(_("Enter a number."), field=field)
        return {"number": number.quantize(Decimal("0.01")), "text": ""}
    text = str(value or "").strip()
    if kind == Question.Kind.CHOICE and text and text not in question.choice_list:
        raise DomainError(_("Choose one of the options."), field=field)
    limit = LONG_TEXT_MAX if kind == Question.Kind.LONG_TEXT else SHORT_TEXT_MAX
    if len(text) > limit:
        raise DomainError(_("Write at most %(limit)s characters.") % {"limit": limit},
                          field=field)
    return {"text": text, "number": None}


def _editable(application, now):
    if application.status != S.DRAFT:
        raise DomainError(_("Only a draft can be changed; this application is %(status)s.")
                          % {"status": application.get_status_display().lower()})
    if not application.call.is_open(now):
        raise call_closed_error(application.call, now)


def _save_answers(application, *, values, files, now):
    """Check everything, then write; returns the names of the files stored."""
    application = Application.objects.select_for_update().select_related("call").get(
        pk=application.pk)
    _editable(application, now)
    questions = {q.pk: q for q in application.call.questions.all()}
    unknown = (set(values) | set(files)) - set(questions)
    if unknown:
        raise DomainError(_("That question is not part of this call."))
    cleaned = {}
    for question_id, value in values.items():
        question = questions[question_id]
        if question.kind == Question.Kind.FILE:
            continue
        cleaned[question_id] = _clean_value(question, value)
    for question_id, upload in files.items():
        question = questions[question_id]
        if question.kind != Question.Kind.FILE:
            raise DomainError(_("That question does not take a file."),
                              field=f"q_{question_id}")
        pdf_validate(upload, field=f"q_{question_id}")
    existing = {a.question_id: a for a in application.answers.all()}
    for question_id, fields in cleaned.items():
        answer = existing.get(question_id) or Answer(application=application,
                                                     question_id=question_id)
        answer.text, answer.number = fields["text"], fields["number"]
        answer.save()
    stored = []
    try:
        for question_id, upload in files.items():
            answer = existing.get(question_id) or Answer(application=application,
                                                         question_id=question_id)
            answer.file_name = display_name(upload)
            answer.file_size = upload.size
            answer.file.save("upload.pdf", upload, save=False)
            stored.append(answer.file.name)
            answer.save()
    except Exception:
        _delete_files(stored)
        raise
    Application.objects.filter(pk=application.pk).update(updated_at=now)
    return stored


def _delete_files(names):
    storage = Answer._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


@transaction.atomic
def application_save_answers(*, application, actor, values=None, files=None, now=None):
    """Save a draft's answers: `values` maps question ids to typed answers, `files` maps
    question ids of file questions to uploads (PDF only, size-capped, stored privately).
    Everything is checked before anything is written, so a bad answer saves nothing."""
    _save_answers(application, values=values or {}, files=files or {},
                  now=now or timezone.now())
    return application


def application_save_and_submit(*, application, actor, values=None, files=None, now=None):
    """Save the answers and submit, in one transaction: if the submission is refused
    (late, a required answer missing) nothing is saved, not even the files."""
    now = now or timezone.now()
    stored = []
    try:
        with transaction.atomic():
            stored = _save_answers(application, values=values or {}, files=files or {},
                                   now=now)
            return application_submit(application=application, actor=actor, now=now)
    except Exception:
        _delete_files(stored)
        raise


@transaction.atomic
def application_start(*, call, actor, startup=None, new_startup=None, now=None):
    """Start a draft for one of the person's startups, or for a new startup created
    with it (`new_startup`: name, sector, region); both or neither are saved."""
    now = now or timezone.now()
    if startup is None:
        if not new_startup:
            raise DomainError(_("Choose your startup or name a new one."), field="startup")
        if not call.is_open(now):
            raise call_closed_error(call, now)
        from programmes.services.startups import startup_create_for_founder

        startup = startup_create_for_founder(founder=actor, centre=call.programme.centre,
                                             **new_startup)
    return application_create(call=call, startup=startup, actor=actor, now=now)


def missing_required(application):
    """The required questions of the call that the application leaves unanswered."""
    answers = {a.question_id: a for a in application.answers.all()}
    return [q for q in application.call.questions.all()
            if q.required and (q.pk not in answers or answers[q.pk].is_empty)]


def _transition(application, to_status, *, actor, now, note="", notify=False):
    """Move one application on, if the rules allow it, with a conditional UPDATE so two
    people changing it at once cannot both win. Logs the change."""
    from_status = application.status
    if not is_allowed(from_status, to_status):
        raise DomainError(
            _("%(ref)s is %(from)s and cannot become %(to)s.") % {
                "ref": application.reference,
                "from": S(from_status).label.lower(), "to": S(to_status).label.lower()},
            field="status",
        )
    extra = {}
    if to_status == S.SUBMITTED:
        extra["submitted_at"] = now
    if to_status in DECISIONS:
        extra["decided_at"] = now
    updated = Application.objects.filter(pk=application.pk, status=from_status).update(
        status=to_status, updated_at=now, **extra)
    if not updated:
        raise DomainError(_("%(ref)s was changed by someone else meanwhile; reload the page "
                            "and try again.") % {"ref": application.reference})
    for name, value in extra.items():
        setattr(application, name, value)
    application.status = to_status
    change = ApplicationStatusChange.objects.create(
        application=application, from_status=from_status, to_status=to_status,
        changed_by=actor, changed_at=now, note=note.strip(), notify=notify,
    )
    audit_log(application, "yuva.application_status", user=actor,
              data={"from": from_status, "to": to_status})
    return change


@transaction.atomic
def application_submit(*, application, actor, now=None):
    """Submit a draft before the call closes, with every required question answered."""
    now = now or timezone.now()
    application = Application.objects.select_for_update().select_related("call").get(
        pk=application.pk)
    if application.status != S.DRAFT:
        raise DomainError(_("This application was already submitted."))
    if not application.call.is_open(now):
        raise call_closed_error(application.call, now)
    missing = missing_required(application)
    if missing:
        raise DomainError(
            _("Answer every required question before submitting: %(questions)s.") % {
                "questions": "; ".join(q.label for q in missing)},
            field=f"q_{missing[0].pk}",
        )
    return _transition(application, S.SUBMITTED, actor=actor, now=now)


@transaction.atomic
def application_withdraw(*, application, actor, note="", now=None):
    now = now or timezone.now()
    application = Application.objects.select_for_update().get(pk=application.pk)
    return _transition(application, S.WITHDRAWN, actor=actor, now=now, note=note)


@transaction.atomic
def application_transition(*, application, to_status, actor, note="", notify=False,
                           now=None):
    """One status change by staff (screening, review, interview, a decision). With
    `notify`, a decision is e-mailed to the applicant after commit."""
    now = now or timezone.now()
    application = Application.objects.select_for_update().get(pk=application.pk)
    change = _transition(application, to_status, actor=actor, now=now, note=note,
                         notify=notify and to_status in DECISIONS)
    _notify([change])
    return change


def _notify(changes):
    notified = [c.pk for c in changes if c.notify]
    if notified:
        from programmes.tasks import decision_emails_send_task

        decision_emails_send_task.delay_on_commit(notified)


@transaction.atomic
def applications_transition(*, applications, to_status, actor, note="", notify=False,
                            now=None):
    """Move many applications to `to_status` at once, or none: if one of them may not
    make that step, nothing changes. With `notify`, each applicant gets the decision
    e-mail (after commit, in their language). Returns the status changes."""
    now = now or timezone.now()
    ids = [a.pk for a in applications]
    if not ids:
        raise DomainError(_("Choose at least one application."))
    if to_status not in S.values:
        raise DomainError(_("Choose a status."), field="status")
    locked = list(Application.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    refused = [a for a in locked if not is_allowed(a.status, to_status)]
    if refused:
        raise DomainError(
            _("Nothing was changed: %(refs)s cannot become %(to)s.") % {
                "refs": ", ".join(f"{a.reference} ({a.get_status_display().lower()})"
                                  for a in refused[:10]) + ("…" if len(refused) > 10 else ""),
                "to": S(to_status).label.lower()},
            field="status",
        )
    changes = [_transition(a, to_status, actor=actor, now=now, note=note,
                           notify=notify and to_status in DECISIONS) for a in locked]
    _notify(changes)
    return changes


def applications_decide(*, applications, decision, actor, note="", send_emails=True,
                        now=None):
    """Accept, waitlist or reject in bulk; the applicants are e-mailed from the
    decision templates in their language."""
    if decision not in DECISIONS:
        raise DomainError(_("Choose accept, waitlist or reject."), field="decision")
    return applications_transition(applications=applications, to_status=decision,
                                   actor=actor, note=note, notify=send_emails, now=now)
