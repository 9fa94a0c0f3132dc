from .annual import AnnualReportEntry
from .calendar import WorkCalendarDay
from .catalogue import GuidePage, PowerItem
from .common import TrackingCounter
from .consultations import Consultation, ConsultationComment, ConsultationFile
from .documents import NUMBER_WORDS, DocKind, DocumentTemplate, RequestDocument
from .letters import Letter
from .outcomes import OUTCOME_GROUPS, Outcome
from .requests import (
    CLOSED_STATUSES, ApplicantType, Channel, Delivery, IdType, InfoRequest, Medium, RequestEvent, RequestFile,
    RequestPause, RequestStatus,
)

__all__ = [
    "AnnualReportEntry", "ApplicantType", "CLOSED_STATUSES", "Channel", "Consultation", "ConsultationComment",
    "ConsultationFile", "Delivery", "DocKind", "DocumentTemplate", "GuidePage", "IdType", "InfoRequest", "Letter",
    "Medium", "NUMBER_WORDS", "OUTCOME_GROUPS", "Outcome", "PowerItem", "RequestDocument", "RequestEvent",
    "RequestFile", "RequestPause", "RequestStatus", "TrackingCounter", "WorkCalendarDay",
]
