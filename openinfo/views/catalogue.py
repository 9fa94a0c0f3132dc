"""权责清单, 机构职能目录, 信息公开指南/制度."""
from __future__ import annotations

import io
from urllib.parse import quote

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from openinfo.models import GuidePage, PowerItem
from portal import page_tags
from portal.models import Department
from portal.pagination import paginate, query_without_page
from portal.params import Params
from portal.selectors import public_or_preview

EXPORT_COLUMNS = [("code", "事项编码"), ("name", "事项名称"), ("kind", "事项类型"), ("subject", "实施主体"),
                  ("department", "所属机构"), ("legal_basis", "法律依据"), ("responsibilities", "责任事项"),
                  ("accountability", "追责情形"), ("remarks", "备注")]


def _powers(request):
    qs = PowerItem.objects.public().select_related("department")
    params = Params(request.GET)
    q, kind, department = params.text("q"), params.choice("kind", PowerItem.Kind.values), params.id("department")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q) | Q(legal_basis__icontains=q)
                       | Q(subject__icontains=q))
    if kind:
        qs = qs.filter(kind=kind)
    if department:
        qs = qs.filter(department_id=department)
    return qs, {"q": q, "kind": kind, "department": str(department or "")}


def power_list(request):
    qs, filters = _powers(request)
    context = {
        "page": paginate(request, qs, 20), "querystring": query_without_page(request), "filters": filters,
        "kinds": PowerItem.Kind.choices,
        "departments": Department.objects.filter(poweritem__status="published").distinct(),
        "export_query": query_without_page(request),
    }
    return render(request, "openinfo/power_list.html", context)


def power_detail(request, pk: int):
    item, preview = public_or_preview(PowerItem.objects.select_related("department"), pk, request.user)
    return render(request, "openinfo/power_detail.html", {
        "page_tags": page_tags.for_article(request, item), "item": item, "preview": preview,
    })


def power_export(request):
    qs, _ = _powers(request)
    wb = Workbook()
    ws = wb.active
    ws.title = "权责清单"
    ws.append([label for _, label in EXPORT_COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for item in qs:
        ws.append([item.code, item.name, item.get_kind_display(), item.subject, item.department.name,
                   item.legal_basis, item.responsibilities, item.accountability, item.remarks])
    for col, width in zip("ABCDEFGHI", (16, 30, 10, 20, 20, 50, 40, 40, 16)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('权责清单')}.xlsx"
    return response


def department_list(request):
    roots = Department.objects.filter(parent__isnull=True).prefetch_related("children")
    return render(request, "openinfo/department_list.html", {"roots": roots})


def department_detail(request, pk: int):
    department = get_object_or_404(Department, pk=pk)
    context = {
        "dept": department, "children": department.children.all(),
        "guide": GuidePage.objects.public().filter(department=department, kind=GuidePage.Kind.GUIDE).first(),
        "power_count": PowerItem.objects.public().filter(department=department).count(),
    }
    return render(request, "openinfo/department_detail.html", context)


def guide_list(request):
    pages = GuidePage.objects.public().select_related("department")
    return render(request, "openinfo/guide_list.html", {
        "guides": [p for p in pages if p.kind == GuidePage.Kind.GUIDE],
        "systems": [p for p in pages if p.kind == GuidePage.Kind.SYSTEM],
    })


def guide_detail(request, pk: int):
    page, preview = public_or_preview(GuidePage.objects.select_related("department"), pk, request.user)
    return render(request, "openinfo/guide_detail.html", {
        "page_tags": page_tags.for_article(request, page), "guide": page, "preview": preview,
    })
