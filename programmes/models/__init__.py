from programmes.models.application import (
    Answer,
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
)
from programmes.models.cohort import Cohort, Enrolment, Milestone, MilestoneSubmission
from programmes.models.emails import DecisionEmailTemplate
from programmes.models.programme import Call, Programme, Question
from programmes.models.review import (
    SCORE_MAX,
    SCORE_MIN,
    ConflictOfInterest,
    Criterion,
    Review,
    ReviewRound,
    Score,
)

__all__ = [
    "SCORE_MAX", "SCORE_MIN", "Answer", "Application", "ApplicationStatus",
    "ApplicationStatusChange", "Call", "Cohort", "ConflictOfInterest", "Criterion",
    "DecisionEmailTemplate", "Enrolment", "Milestone", "MilestoneSubmission", "Programme",
    "Question", "Review", "ReviewRound", "Score",
]
