from django.shortcuts import render

from portal import page_tags
from portal.pagination import paginate, query_without_page
from portal.params import Params
from portal.selectors import public_or_preview
from themedays.models import ActivityReport
from themedays.selectors.activities import activity_departments, report_list as select_reports


def report_list(request):
    department = Params(request.GET).id("department")
    page = paginate(request, select_reports(department=department), per_page=12)
    return render(request, "themedays/report_list.html", {
        "page": page, "querystring": query_without_page(request), "departments": activity_departments(),
        "department": department,
    })


def report_detail(request, pk: int):
    report, is_preview = public_or_preview(
        ActivityReport.objects.select_related("activity", "department").prefetch_related("photos", "media_links"),
        pk, request.user,
    )
    return render(request, "themedays/report_detail.html", {
        "page_tags": page_tags.for_article(request, report),
        "report": report, "activity": report.activity, "is_preview": is_preview,
    })
