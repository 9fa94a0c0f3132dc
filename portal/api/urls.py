from django.urls import path

from portal.api import resources  # noqa: F401  (registers the resources)
from portal.api import views

urlpatterns = [
    path("", views.api_index, name="api_index"),
    path("schema/", views.schema, name="api_schema"),
    path("docs/", views.docs, name="api_docs"),
    path("<slug:name>/", views.resource_list, name="api_list"),
    path("<slug:name>/<text:pk>/", views.resource_detail, name="api_detail"),
]
