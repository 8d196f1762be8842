from incubator.models.impact import ImpactReminder, ImpactReport
from incubator.models.mentor import Mentor, MentorAssignment
from incubator.models.office_hours import OfficeHourSlot, SlotBooking
from incubator.models.session import MentoringSession
from incubator.models.startup import Startup

__all__ = ["ImpactReminder", "ImpactReport", "Mentor", "MentorAssignment", "MentoringSession",
           "OfficeHourSlot", "SlotBooking", "Startup"]
