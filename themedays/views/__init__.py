from .activities import activity_detail, registration_done, registration_lookup
from .calendar import activity_ics, calendar_ics, calendar_page
from .pages import index, plan_detail, plan_xlsx, stats_page
from .reports import report_detail, report_list
from .surveys import survey_detail, survey_list, survey_results

__all__ = [
    "activity_detail", "activity_ics", "calendar_ics", "calendar_page", "index", "plan_detail", "plan_xlsx",
    "registration_done", "registration_lookup", "report_detail", "report_list", "stats_page", "survey_detail",
    "survey_list", "survey_results",
]
