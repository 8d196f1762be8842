"""Which application status may follow which. Decisions are final."""

from programmes.models import ApplicationStatus as S

TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.SCREENING, S.REJECTED, S.WITHDRAWN},
    S.SCREENING: {S.IN_REVIEW, S.REJECTED, S.WITHDRAWN},
    S.IN_REVIEW: {S.INTERVIEW, S.ACCEPTED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN},
    S.INTERVIEW: {S.ACCEPTED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN},
    S.WAITLISTED: {S.ACCEPTED, S.REJECTED, S.WITHDRAWN},
    S.ACCEPTED: set(),
    S.REJECTED: set(),
    S.WITHDRAWN: set(),
}
DECISIONS = (S.ACCEPTED, S.WAITLISTED, S.REJECTED)
FINAL = frozenset(status for status, after in TRANSITIONS.items() if not after)
# What staff move applications through by hand (the founder submits and withdraws).
STAFF_TARGETS = (S.SCREENING, S.IN_REVIEW, S.INTERVIEW, *DECISIONS)


def allowed_after(status):
    return TRANSITIONS.get(status, set())


def is_allowed(from_status, to_status):
    return to_status in allowed_after(from_status)
