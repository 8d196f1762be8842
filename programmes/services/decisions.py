"""Decision e-mails: from the editable templates (a call's own, else the default one),
in the applicant's language, else built-in wording; sent once per status change."""

import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from programmes.models import Application, ApplicationStatusChange, DecisionEmailTemplate

S = Application.Status
PLACEHOLDER = re.compile(r"\{(applicant|startup|call|programme|note)\}")


def builtin_template(decision, language):
    """The wording used when staff have not written a template: (subject, body)."""
    with translation.override(language):
        subject = {
            S.ACCEPTED: _("Your application to {call} was accepted"),
            S.WAITLISTED: _("Your application to {call} is on the waiting list"),
            S.REJECTED: _("Your application to {call}"),
        }[decision]
        opening = {
            S.ACCEPTED: _("Congratulations: {startup} has been accepted to {programme}. "
                          "We will write to you soon about the start of the cohort."),
            S.WAITLISTED: _("{startup} is on the waiting list for {programme}. We will "
                            "write to you as soon as a place becomes free."),
            S.REJECTED: _("Thank you for applying with {startup}. We are sorry: this "
                          "time your application to {programme} was not accepted. You "
                          "are welcome to apply to our next calls."),
        }[decision]
        body = "\n\n".join([_("Dear {applicant},"), opening, "{note}",
                            _("The INNOLAND team")])
    return subject, body


def template_for(*, call, decision, language):
    """(subject, body) for this call, decision and language."""
    rows = {
        row.call_id: row for row in DecisionEmailTemplate.objects.filter(
            Q(call=call) | Q(call__isnull=True), decision=decision, language=language)
    }
    row = rows.get(call.pk) or rows.get(None)
    if row is not None:
        return row.subject, row.body
    return builtin_template(decision, language)


def fill(text, values):
    """Replace the known placeholders only: staff text may hold other braces."""
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), text)


def recipient_of(application):
    """The applicant: who created the application (else the startup's first owner)."""
    if application.created_by is not None and application.created_by.is_active:
        return application.created_by
    owner = application.startup.enterprise.memberships.filter(role="owner").select_related(
        "user").order_by("pk").first()
    return owner.user if owner else None


def decision_email_render(*, change, recipient=None):
    """(subject, body, language) of the decision e-mail for one status change."""
    application = change.application
    recipient = recipient or recipient_of(application)
    language = (recipient.preferred_language if recipient else "") or settings.LANGUAGE_CODE
    subject, body = template_for(call=application.call, decision=change.to_status,
                                 language=language)
    values = {
        "applicant": recipient.get_full_name() if recipient else "",
        "startup": application.startup.enterprise.name,
        "call": application.call.title,
        "programme": application.call.programme.name,
        "note": change.note,
    }
    body = re.sub(r"\n{3,}", "\n\n", fill(body, values)).strip() + "\n"
    return fill(subject, values).replace("\n", " ").strip(), body, language


def decision_email_send(*, change_id):
    """Send the decision e-mail of one status change, once. Returns True if sent now."""
    change = (ApplicationStatusChange.objects
              .select_related("application__call__programme", "application__created_by",
                              "application__startup__enterprise")
              .filter(pk=change_id).first())
    if change is None or not change.notify or change.notified_at is not None:
        return False
    recipient = recipient_of(change.application)
    if recipient is None or not recipient.email:
        return False
    subject, body, _language = decision_email_render(change=change, recipient=recipient)
    # Mark first, in its own statement: a crash after sending must not send twice.
    marked = ApplicationStatusChange.objects.filter(
        pk=change.pk, notified_at__isnull=True).update(notified_at=timezone.now())
    if not marked:
        return False
    try:
        EmailMessage(subject=subject, body=body, to=[recipient.email]).send()
    except Exception:
        # Not sent after all: leave it waiting, so running the task again sends it.
        ApplicationStatusChange.objects.filter(pk=change.pk).update(notified_at=None)
        raise
    return True


def decision_emails_pending(*, call=None):
    """Status changes whose decision e-mail has not gone out (yet, or after a failure)."""
    pending = ApplicationStatusChange.objects.filter(notify=True, notified_at__isnull=True)
    if call is not None:
        pending = pending.filter(application__call=call)
    return pending


def decision_emails_retry(*, call=None):
    """Queue the e-mails still waiting; returns how many."""
    from programmes.tasks import decision_emails_send_task

    ids = list(decision_emails_pending(call=call).values_list("pk", flat=True))
    if ids:
        decision_emails_send_task.delay_on_commit(ids)
    return len(ids)
