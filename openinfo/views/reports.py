"""年报 pages: the report of a year (all departments or one) in HTML and Excel."""
from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from openinfo.annual_excel import report_workbook
from openinfo.annual_report import COLUMN_LABELS, build_report
from openinfo.models import AnnualReportEntry, InfoRequest
from portal.models import Department
from portal.params import Params

FIRST_YEAR = 2008  # the first 年报 year under the 2007 条例


def _department(request):
    pk = Params(request.GET).id("department")
    return Department.objects.filter(pk=pk).first() if pk else None


def _years() -> list[int]:
    this = timezone.localdate().year
    years = set(AnnualReportEntry.objects.values_list("year", flat=True))
    years |= {d.year for d in InfoRequest.objects.exclude(received_on=None).dates("received_on", "year")}
    years.add(this - 1)
    return sorted((y for y in years if FIRST_YEAR <= y <= this), reverse=True)


def layout_table3(rows) -> list[dict]:
    """Cells of 表三 with the row spans of the official layout (section → group → item)."""
    result_rows = [r for r in rows if r.section.startswith("三")]
    group_sizes = {}
    for r in result_rows:
        group_sizes[r.group] = group_sizes.get(r.group, 0) + 1
    out, seen_section, seen_groups = [], False, set()
    for r in rows:
        cell = {"row": r, "section": None, "group": None, "item": r.item, "total": r.key in ("total",)}
        if not r.section.startswith("三"):
            cell["section"] = {"label": r.section, "rowspan": 1, "colspan": 3}
        else:
            if not seen_section:
                cell["section"] = {"label": r.section, "rowspan": len(result_rows), "colspan": 1}
                seen_section = True
            if r.group not in seen_groups:
                seen_groups.add(r.group)
                cell["group"] = {"label": r.group, "rowspan": group_sizes[r.group] if r.item else 1,
                                 "colspan": 1 if r.item else 2}
        out.append(cell)
    return out


def report_index(request):
    return redirect("openinfo:annual_report", year=timezone.localdate().year - 1)


def annual_report(request, year: int):
    this = timezone.localdate().year
    if not FIRST_YEAR <= year <= this:
        return render(request, "openinfo/annual_report_missing.html", {"year": year, "years": _years()}, status=404)
    department = _department(request)
    report = build_report(year, department)
    if Params(request.GET).choice("format", ["xlsx"]) == "xlsx":
        response = HttpResponse(report_workbook(report),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(report.title)}.xlsx"
        return response
    context_rows = layout_table3(report.table3.rows)
    context = {
        "report": report, "year": year, "years": _years(), "department": department,
        "departments": Department.objects.all(), "columns": COLUMN_LABELS, "org_columns": COLUMN_LABELS[1:-1],
        "new": report.table3.row("new"), "carried_in": report.table3.row("carried_in"),
        "carried_out": report.table3.row("carried_out"), "t3_rows": context_rows,
        "in_progress": year == this,
    }
    return render(request, "openinfo/annual_report.html", context)
