from django.urls import path

from themedays import views
from themedays.feeds import ReportFeed

app_name = "themedays"

urlpatterns = [
    path("", views.index, name="index"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar.ics", views.calendar_ics, name="calendar_ics"),
    path("activities/<id:pk>/", views.activity_detail, name="activity"),
    path("activities/<id:pk>.ics", views.activity_ics, name="activity_ics"),
    path("registration/", views.registration_lookup, name="lookup"),
    path("registration/done/", views.registration_done, name="registration_done"),
    path("plans/<id:pk>/", views.plan_detail, name="plan"),
    path("plans/<id:pk>/schedule.xlsx", views.plan_xlsx, name="plan_xlsx"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<id:pk>/", views.report_detail, name="report"),
    path("feed/", ReportFeed(), name="feed"),
    path("surveys/", views.survey_list, name="surveys"),
    path("surveys/<id:pk>/", views.survey_detail, name="survey"),
    path("surveys/<id:pk>/results/", views.survey_results, name="survey_results"),
    path("stats/", views.stats_page, name="stats"),
]
