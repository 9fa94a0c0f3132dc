from django.urls import path

from policies import views

app_name = "policies"

urlpatterns = [
    path("", views.policy_list, name="list"),
    path("<id:pk>/", views.policy_detail, name="detail"),
    path("interpretations/", views.interpretation_list, name="interpretation_list"),
    path("interpretations/<id:pk>/", views.interpretation_detail, name="interpretation_detail"),
    path("qa/", views.qa_list, name="qa_list"),
    path("qa/<id:pk>/", views.qa_detail, name="qa_detail"),
    path("guides/", views.guide_list, name="guide_list"),
    path("guides/<id:pk>/", views.guide_detail, name="guide_detail"),
    path("guides/<id:pk>/qr.png", views.guide_qr_png, name="guide_qr_png"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<id:pk>/", views.topic_detail, name="topic_detail"),
    path("topics/<id:pk>/booklet.pdf", views.topic_booklet, name="topic_booklet"),
]
