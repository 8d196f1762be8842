"""Writes of the events app: keyword-only functions, one transaction each, raising
core.errors.DomainError with a message for the person. Split by topic."""

from events.services.checkin import event_mark_no_shows, registration_check_in
from events.services.emails import email_send, emails_retry, emails_send
from events.services.events import event_cancel, event_save
from events.services.post_event import (
    event_certificates_issue,
    event_survey_send,
    reminders_send,
    staff_message_send,
    survey_answer,
)
from events.services.registration import (
    AttendeeInput,
    registration_approve,
    registration_cancel,
    registration_create,
    registration_decline,
)
from events.services.waitlist import (
    registration_offer_accept,
    registration_offer_decline,
    waitlist_process,
)

__all__ = [
    "AttendeeInput", "email_send", "emails_retry", "emails_send", "event_cancel",
    "event_certificates_issue", "event_mark_no_shows", "event_save", "event_survey_send",
    "registration_approve", "registration_cancel", "registration_check_in",
    "registration_create", "registration_decline", "registration_offer_accept",
    "registration_offer_decline", "reminders_send", "staff_message_send", "survey_answer",
    "waitlist_process",
]
