from events.models.event import AgendaItem, Event, Speaker
from events.models.messaging import RegistrationEmail, StaffMessage
from events.models.registration import Attendee, Registration

__all__ = ["AgendaItem", "Attendee", "Event", "Registration", "RegistrationEmail", "Speaker",
           "StaffMessage"]
