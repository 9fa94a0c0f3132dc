"""A URLconf for the analytics burst test: a trivial HTML page, so 1,000 requests through the real
middleware stack take seconds; what is measured is the counting, not template rendering."""
from django.contrib import admin
from django.http import HttpResponse
from django.urls import path


def plain_page(request, n):
    return HttpResponse(f"<!DOCTYPE html><html><head><title>第{n}页 - 阳光政务</title></head><body>ok</body></html>")


# admin stays routed: middleware of the stack reverses its URLs on every request.
urlpatterns = [path("page/<int:n>/", plain_page, name="plain_page"), path("admin/", admin.site.urls)]
