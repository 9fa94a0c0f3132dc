from django.urls import path

from openinfo import views

app_name = "openinfo"

urlpatterns = [
    path("", views.home, name="home"),
    path("apply/", views.apply, name="apply"),
    path("apply/done/", views.apply_done, name="apply_done"),
    path("track/", views.track, name="track"),
    path("track/result/", views.track_result, name="track_result"),
    path("track/logout/", views.track_logout, name="track_logout"),
    path("track/file/<id:pk>/", views.track_file, name="track_file"),
    path("annual-report/", views.report_index, name="annual_report_index"),
    path("annual-report/<id:year>/", views.annual_report, name="annual_report"),
    path("letters/", views.letter_list, name="letter_list"),
    path("letters/write/", views.letter_write, name="letter_write"),
    path("letters/done/", views.letter_done, name="letter_done"),
    path("letters/track/", views.letter_track, name="letter_track"),
    path("letters/track/result/", views.letter_track_result, name="letter_track_result"),
    path("letters/statistics/", views.letter_statistics, name="letter_statistics"),
    path("letters/<text:number>/", views.letter_detail, name="letter_detail"),
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/<id:pk>/", views.consultation_detail, name="consultation_detail"),
    path("powers/", views.power_list, name="power_list"),
    path("powers/export/", views.power_export, name="power_export"),
    path("powers/<id:pk>/", views.power_detail, name="power_detail"),
    path("departments/", views.department_list, name="department_list"),
    path("departments/<id:pk>/", views.department_detail, name="department_detail"),
    path("guides/", views.guide_list, name="guide_list"),
    path("guides/<id:pk>/", views.guide_detail, name="guide_detail"),
]
