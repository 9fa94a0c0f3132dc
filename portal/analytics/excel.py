"""The monthly 数据分析 report as an Excel workbook (one sheet per dashboard table)."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")
BOLD = Font(bold=True)


def _sheet(book, title: str, caption: str, headers: list[str], rows: list[list]) -> None:
    sheet = book.create_sheet(title)
    sheet.append([caption])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
    for row in rows:
        sheet.append(row)
    if not rows:
        sheet.append(["（本月无数据）"])
    for index, header in enumerate(headers, start=1):
        width = max([len(str(header))] + [len(str(r[index - 1])) for r in rows if len(r) >= index] + [6])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, width * 2 + 2)
    sheet.freeze_panes = "A3"


def monthly_workbook(data: dict, *, site_name: str) -> bytes:
    period = data["period"]
    book = Workbook()
    summary = book.active
    summary.title = "概况"
    summary.append([f"{site_name} 数据分析月报（{period.label}）"])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append(["统计区间", f"{period.start:%Y-%m-%d} 至 {period.end:%Y-%m-%d}"])
    summary.append(["页面访问量（次）", data["total"]])
    busiest = max(data["by_day"], key=lambda item: item[1], default=None)
    if busiest and busiest[1]:
        summary.append(["访问量最高的一天", f"{busiest[0]:%Y-%m-%d}（{busiest[1]} 次）"])
    summary.append(["说明", "访问量按页面计数，不记录访问者的 IP 地址或任何个人信息。"])
    summary.column_dimensions["A"].width = 22
    summary.column_dimensions["B"].width = 50

    _sheet(book, "每日访问", f"每日页面访问量（{period.label}）", ["日期", "访问量（次）"],
           [[f"{day:%Y-%m-%d}", n] for day, n in data["by_day"]])
    _sheet(book, "栏目访问", f"各栏目访问量（{period.label}）", ["栏目", "访问量（次）"],
           [[name, n] for name, n in data["by_section"]])
    _sheet(book, "热门页面", f"访问量最高的页面（{period.label}）", ["页面标题", "地址", "栏目", "访问量（次）"],
           [[p["title"], p["path"], p["section"], p["views"]] for p in data["top_pages"]])
    if data["searches"] is not None:
        _sheet(book, "热门搜索", f"搜索次数最多的词（{period.label}）", ["搜索词", "次数"],
               [[q, n] for q, n in data["searches"]["top"]])
        _sheet(book, "无结果搜索", f"没有搜到结果的词（{period.label}）", ["搜索词", "次数"],
               [[q, n] for q, n in data["searches"]["zero"]])
    if data["openinfo"] is not None:
        _sheet(
            book, "依申请公开与信箱", f"各部门依申请公开与政务信箱办理情况（{period.label}；逾期为截至导出时）",
            ["部门", "申请收到", "申请答复", "申请逾期", "来信收到", "来信答复", "来信逾期"],
            [[r["department"], r["requests_received"], r["requests_answered"], r["requests_overdue"],
              r["letters_received"], r["letters_answered"], r["letters_overdue"]] for r in data["openinfo"]],
        )
    if data["themedays"] is not None:
        _sheet(book, "主题日活动", f"各部门政务公开主题日活动（{period.label}）",
               ["部门", "活动数", "已举办", "已取消", "发布报道"],
               [[r["department"], r["total"], r["held"], r["cancelled"], r["reports"]] for r in data["themedays"]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
