"""Checking people in at the door, and marking who did not come."""

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from events.formatting import when_text
from events.models import Registration
from events.tickets import ticket_code_normalise

S = Registration.Status
Attendance = Registration.Attendance


@dataclass(frozen=True)
class CheckIn:
    registration_id: int
    name: str
    size: int
    checked_in_at: object
    checked_in_by: object


_SET = ('UPDATE "events_registration" SET "checked_in_at" = %s, "checked_in_by_id" = %s, '
        '"attendance" = %s ')
_WHERE = ('AND "event_id" = %s AND "status" = %s AND "checked_in_at" IS NULL '
          'RETURNING "id", "name", "size"')
CLAIM_SQL = {
    "ticket_code": _SET + 'WHERE "ticket_code" = %s ' + _WHERE,
    "id": _SET + 'WHERE "id" = %s ' + _WHERE,
}


def _claim(*, column, value, event_id, actor, now):
    """The conditional UPDATE, returning what the door shows (one statement, one round
    trip): (id, name, size) if this call checked the registration in, else None.

    Raw SQL only for RETURNING, which Django's update() lacks; PostgreSQL and SQLite
    (3.35+) both have it. The WHERE clause is the whole guarantee against counting
    anyone twice: only a confirmed registration of this event not yet checked in."""
    sql = CLAIM_SQL[column]
    params = [connection.ops.adapt_datetimefield_value(now), getattr(actor, "pk", None),
              Attendance.ATTENDED, value, event_id, S.CONFIRMED]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _refusal(registration):
    """Why a registration of this event cannot be checked in (a translated message)."""
    if registration.checked_in_at is not None:
        by = registration.checked_in_by
        return _("%(name)s was already checked in at %(when)s by %(staff)s. Not counted "
                 "again.") % {"name": registration.name,
                             "when": when_text(registration.checked_in_at),
                             "staff": by.get_full_name() if by else _("someone")}
    return {
        S.PENDING_APPROVAL: _("%(name)s's registration is still waiting for approval: no "
                              "place yet."),
        S.WAITLISTED: _("%(name)s is on the waiting list and has no place."),
        S.OFFERED: _("%(name)s was offered a place but has not confirmed it."),
        S.CANCELLED: _("%(name)s's registration was cancelled."),
        S.DECLINED: _("%(name)s's registration was declined."),
    }.get(registration.status, _("%(name)s cannot be checked in.")) % {
        "name": registration.name}


def registration_check_in(*, event, actor, code=None, registration_id=None, now=None):
    """Check in the ticket `code` (as typed or scanned) or the registration chosen from a
    name search, for `event` (an Event or its id). Raises DomainError with a message for
    the door: not a ticket code, unknown ticket, another event's ticket, no place, or
    already checked in (when and by whom).

    The only write is one conditional UPDATE (`... WHERE checked_in_at IS NULL AND status
    = 'confirmed'`), atomic by itself, so of several staff checking in the same ticket at
    once exactly one succeeds. Who checked in whom and when is kept on the registration
    (checked_in_at, checked_in_by) rather than in a second audit row: the door is the
    one place where every millisecond of a request is felt (benchmarks/events.py)."""
    now = now or timezone.now()
    event_id = getattr(event, "pk", event)
    if registration_id is None:
        normalised = ticket_code_normalise(code)
        if normalised is None:
            raise DomainError(_("“%(code)s” is not a ticket code. A ticket code has 10 letters "
                                "and digits, e.g. K7M2P-Q9XAR.") % {"code": (code or "")[:40]},
                              field="code")
        column, value = "ticket_code", normalised
    else:
        column, value = "id", registration_id
    claimed = _claim(column=column, value=value, event_id=event_id, actor=actor, now=now)
    if claimed is not None:
        pk, name, size = claimed
        return CheckIn(registration_id=pk, name=name, size=size, checked_in_at=now,
                       checked_in_by=actor)
    # Not checked in now: say why (the slow path, only for refusals).
    registration = (Registration.objects.filter(**{column: value})
                    .select_related("event", "checked_in_by").first())
    if registration is None:
        raise DomainError(_("No ticket has this code. Check it, or search by name."),
                          field="code")
    if registration.event_id != event_id:
        raise DomainError(_("This ticket is for another event: %(event)s.") % {
            "event": registration.event.title}, field="code")
    raise DomainError(_refusal(registration), field="code")


@transaction.atomic
def event_mark_no_shows(*, event, actor=None, now=None):
    """After the event: every confirmed registration not checked in is a no-show.
    Idempotent; returns how many were marked now."""
    now = now or timezone.now()
    if event.ends_at > now:
        raise DomainError(_("No-shows can be marked once the event is over."))
    marked = Registration.objects.filter(
        event=event, status=S.CONFIRMED, checked_in_at__isnull=True,
        attendance=Attendance.UNKNOWN,
    ).update(attendance=Attendance.NO_SHOW)
    type(event).objects.filter(pk=event.pk, no_shows_marked_at__isnull=True).update(
        no_shows_marked_at=now)
    if marked:
        audit_log(event, "yuva.event_no_shows_marked", user=actor, data={"count": marked})
    return marked
