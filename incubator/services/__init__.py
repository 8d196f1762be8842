"""Writes of the incubator: keyword-only, one transaction each, DomainError (or a
field-keyed ValidationError from the model's own validation) with a readable message."""

from incubator.services.impact import (
    IMPACT_REPORTING_STARTUPS,
    impact_reminder_send,
    impact_reminders_enqueue,
    impact_report_file,
)
from incubator.services.mentors import (
    assignment_create,
    assignment_end,
    mentor_create,
    mentor_update,
)
from incubator.services.notices import booking_notice_retry, booking_notice_send
from incubator.services.office_hours import (
    booking_cancel,
    booking_create,
    cancel_deadline,
    slot_cancel,
    slot_publish,
)
from incubator.services.sessions import session_create, session_rate, session_update_notes
from incubator.services.startups import (
    startup_create,
    startup_profile_create,
    startup_profile_ensure,
    startup_update,
)

__all__ = [
    "IMPACT_REPORTING_STARTUPS", "assignment_create", "assignment_end", "booking_cancel",
    "booking_create", "booking_notice_retry", "booking_notice_send", "cancel_deadline",
    "impact_reminder_send", "impact_reminders_enqueue", "impact_report_file", "mentor_create",
    "mentor_update", "session_create", "session_rate", "session_update_notes", "slot_cancel",
    "slot_publish", "startup_create", "startup_profile_create", "startup_profile_ensure",
    "startup_update",
]
