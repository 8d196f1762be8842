"""Who may do what in the incubator. Portal querysets are scoped in selectors (another
startup's session or report is simply not found); these predicates name the decisions
views and templates take on an object already in scope."""

import rules
from django.utils import timezone

from core.models import Membership
from incubator.models import Mentor, MentoringSession
from incubator.services.office_hours import cancel_deadline


@rules.predicate
def is_startup_member(user, startup):
    if startup is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, enterprise_id=startup.enterprise_id).exists()


@rules.predicate
def is_mentor(user):
    return user.is_authenticated and Mentor.objects.filter(user=user, is_active=True).exists()


@rules.predicate
def session_is_rateable(user, session):
    return (session is not None and session.status == MentoringSession.Status.PLANNED
            and session.starts_at <= timezone.now())


@rules.predicate
def session_is_cancellable(user, session):
    """A founder may cancel a booked session until the cut-off before it starts."""
    booking = getattr(session, "booking", None) if session is not None else None
    return (booking is not None and session.status == MentoringSession.Status.PLANNED
            and timezone.now() <= cancel_deadline(booking.slot))


def is_session_founder(user, session):
    return session is not None and is_startup_member(user, session.startup)


rules.add_perm("incubator.portal_publish_slots", is_mentor)
rules.add_perm("incubator.portal_rate_session",
               rules.predicate(is_session_founder) & session_is_rateable)
rules.add_perm("incubator.portal_cancel_booking",
               rules.predicate(is_session_founder) & session_is_cancellable)
