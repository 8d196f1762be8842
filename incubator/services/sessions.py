"""Mentoring sessions: recorded by staff (or made by booking a slot), notes by the
mentor, a rating by the founder (core Feedback, service "mentoring")."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from core.models import Feedback, Membership
from core.services import feedback_record
from incubator.models import MentoringSession

MIN_MINUTES, MAX_MINUTES = 15, 480
NOTES_MAX = 10_000
RECORD_DAYS_BACK = 366


@transaction.atomic
def session_create(*, mentor, startup, starts_at, duration_minutes, actor,
                   notes_for_startup="", staff_notes=""):
    """Staff record a session (held or planned) outside office hours."""
    if starts_at is None or timezone.is_naive(starts_at):
        raise DomainError(_("Give the date and time of the session."), field="starts_at")
    if starts_at < timezone.now() - datetime.timedelta(days=RECORD_DAYS_BACK):
        raise DomainError(_("A session can be recorded up to a year back."), field="starts_at")
    if not isinstance(duration_minutes, int) or not (
            MIN_MINUTES <= duration_minutes <= MAX_MINUTES):
        raise DomainError(_("A session lasts from %(min)s to %(max)s minutes.") % {
            "min": MIN_MINUTES, "max": MAX_MINUTES}, field="duration_minutes")
    if Membership.objects.filter(user_id=mentor.user_id,
                                 enterprise_id=startup.enterprise_id).exists():
        raise DomainError(_("A mentor cannot mentor a startup they belong to."),
                          field="startup")
    _check_notes(notes_for_startup, staff_notes)
    session = MentoringSession.objects.create(
        mentor=mentor, startup=startup, starts_at=starts_at, duration_minutes=duration_minutes,
        notes_for_startup=notes_for_startup.strip(), staff_notes=staff_notes.strip(),
        created_by=actor,
    )
    audit_log(session, "wagtail.create", user=actor)
    return session


def _check_notes(*texts):
    if any(len(text or "") > NOTES_MAX for text in texts):
        raise DomainError(_("Keep notes under %(max)s characters.") % {"max": NOTES_MAX})


@transaction.atomic
def session_update_notes(*, session, actor, notes_for_startup=None, staff_notes=None):
    """The mentor's (or staff's) notes. The startup sees only `notes_for_startup`."""
    if session.status == MentoringSession.Status.CANCELLED:
        raise DomainError(_("This session was cancelled; it takes no notes."))
    _check_notes(notes_for_startup, staff_notes)
    changed = []
    for name, value in (("notes_for_startup", notes_for_startup),
                        ("staff_notes", staff_notes)):
        if value is not None and getattr(session, name) != value.strip():
            setattr(session, name, value.strip())
            changed.append(name)
    if changed:
        session.save(update_fields=[*changed, "updated_at"])
        audit_log(session, "wagtail.edit", user=actor, data={"changed": changed})
    return session


@transaction.atomic
def session_rate(*, session, user, rating, comment=""):
    """A founder of the session's startup rates it (1–5) once it has started; rating
    again replaces their earlier rating."""
    if not Membership.objects.filter(user=user, enterprise_id=session.startup.enterprise_id
                                     ).exists():
        raise DomainError(_("Only the startup's team can rate this session."))
    if session.status == MentoringSession.Status.CANCELLED:
        raise DomainError(_("A cancelled session cannot be rated."))
    if session.starts_at > timezone.now():
        raise DomainError(_("You can rate the session once it has taken place."))
    if len(comment or "") > NOTES_MAX:
        raise DomainError(_("Keep the comment under %(max)s characters.") % {"max": NOTES_MAX},
                          field="comment")
    return feedback_record(
        author=user, service=Feedback.Service.MENTORING, rating=rating,
        comment=(comment or "").strip(), subject=session,
        centre=session.startup.enterprise.centre,
    )
