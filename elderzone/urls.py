from django.urls import path

from elderzone.views import audio, care, mailbox, pages

app_name = "elderzone"

urlpatterns = [
    path("", pages.home, name="home"),
    path("policies/", pages.policy_list, name="policy_list"),
    path("policies/<id:pk>/", pages.policy_detail, name="policy_detail"),
    path("interpretations/", pages.interpretation_list, name="interpretation_list"),
    path("interpretations/<id:pk>/", pages.interpretation_detail, name="interpretation_detail"),
    path("services/", pages.service_list, name="service_list"),
    path("services/<id:pk>/", pages.service_detail, name="service_detail"),
    path("services/<id:pk>/qr.png", pages.service_qr, name="service_qr"),
    path("life/", pages.life_list, name="life_list"),
    path("life/<id:pk>/", pages.life_detail, name="life_detail"),
    path("notices/", pages.notice_list, name="notice_list"),
    path("notices/<id:pk>/", pages.notice_detail, name="notice_detail"),
    path("notices/site/<id:pk>/", pages.site_notice_detail, name="site_notice_detail"),
    path("map/", care.care_map, name="map"),
    path("mailbox/", mailbox.mailbox_home, name="mailbox"),
    path("mailbox/write/", mailbox.mailbox_write, name="mailbox_write"),
    path("mailbox/sent/", mailbox.mailbox_sent, name="mailbox_sent"),
    path("mailbox/lookup/", mailbox.mailbox_lookup, name="mailbox_lookup"),
    path("audio/<slug:kind>/<id:pk>/", audio.audio, name="audio"),
    path("speech/", audio.speech, name="speech"),
]
