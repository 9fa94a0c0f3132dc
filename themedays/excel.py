"""Excel workbooks: the public 计划安排表 and a department's registration list."""
from __future__ import annotations

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from themedays.rules import mask_phone

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safe(value):
    """Text that a spreadsheet would run as a formula (=, +, -, @) is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _workbook(title: str, header: list[str], rows: list[list], widths: list[int]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(v) for v in row])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plan_workbook(plan, activities) -> bytes:
    header = ["序号", "责任单位", "活动主题", "活动时间（月份）", "活动形式", "活动简介", "状态"]
    rows = []
    for number, activity in enumerate(activities, start=1):
        start = timezone.localtime(activity.start_at)
        rows.append([number, activity.department.name, activity.title, f"{start.month}月",
                     activity.get_form_display(), activity.summary, activity.current_stage.label])
    return _workbook(plan.title, header, rows, [6, 26, 36, 14, 12, 60, 10])


def registrations_workbook(activity, registrations) -> bytes:
    """For the department's check-in desk. Phones are masked: confirmation number + last digits
    identify a registrant at the door, and a lost file does not leak anyone's number."""
    header = ["确认号", "姓名", "手机号码（脱敏）", "身份", "人数", "状态", "报名时间", "候补转正时间"]
    rows = []
    for reg in registrations:
        rows.append([
            reg.number, reg.name, mask_phone(reg.phone), reg.get_identity_display(), reg.party_size,
            reg.get_status_display(), f"{timezone.localtime(reg.created_at):%Y-%m-%d %H:%M}",
            f"{timezone.localtime(reg.promoted_at):%Y-%m-%d %H:%M}" if reg.promoted_at else "",
        ])
    start = timezone.localtime(activity.start_at)
    return _workbook(f"{activity.title}（{start:%Y-%m-%d}）报名名单", header, rows, [14, 12, 16, 10, 6, 10, 18, 18])
