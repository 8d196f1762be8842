from incubator.models.mentor import Mentor, MentorAssignment
from incubator.models.startup import Startup

__all__ = ["Mentor", "MentorAssignment", "Startup"]
