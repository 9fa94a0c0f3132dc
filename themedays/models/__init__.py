from .activity import Activity
from .choices import (ActivityForm, Audience, PlanLevel, ProposalStatus, QuestionKind, RegistrationStatus,
                      ResultsVisibility, Stage)
from .plan import Proposal, ThemeDayPlan
from .registration import Registration
from .report import ActivityReport, MediaCoverage, ReportPhoto
from .stats import MonthlyStat
from .survey import Answer, Choice, Question, Response, Survey

__all__ = [
    "Activity", "ActivityForm", "ActivityReport", "Answer", "Audience", "Choice", "MediaCoverage", "MonthlyStat",
    "PlanLevel", "Proposal", "ProposalStatus", "Question", "QuestionKind", "Registration", "RegistrationStatus",
    "ReportPhoto", "Response", "ResultsVisibility", "Stage", "Survey", "ThemeDayPlan",
]
