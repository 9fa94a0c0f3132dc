"""The 年报 as an Excel workbook (openpyxl), laid out like the official 表二/表三/表四."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from openinfo.annual_report import COLUMN_LABELS, AnnualReport

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def _box(ws, first_row: int, last_row: int, last_col: int) -> None:
    for row in ws.iter_rows(min_row=first_row, max_row=last_row, max_col=last_col):
        for cell in row:
            cell.border = BOX
            if cell.alignment.horizontal is None:
                cell.alignment = CENTER


def _text_sheet(wb, report: AnnualReport) -> None:
    ws = wb.active
    ws.title = "正文"
    ws.column_dimensions["A"].width = 110
    ws.append([report.title])
    ws["A1"].font = Font(bold=True, size=16)
    for heading, text in (("一、总体情况", report.overview), ("五、存在的主要问题及改进情况", report.problems),
                          ("六、其他需要报告的事项", report.other_matters)):
        ws.append([heading])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        for para in (text or "（无）").splitlines():
            ws.append([para])
            ws.cell(ws.max_row, 1).alignment = LEFT
    ws.append([f"本年度收取信息处理费 {report.fees_collected:.2f} 元。"])


def _table2(wb, report: AnnualReport) -> None:
    ws = wb.create_sheet("二、主动公开")
    ws.append(["第二十条第（一）项", "", "", ""])
    ws.merge_cells("A1:D1")
    ws.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
    for label, issued, repealed, in_force in report.table2_docs:
        ws.append([label, issued, repealed, in_force])
    f = report.figures
    ws.append(["第二十条第（五）项", "", "", ""])
    ws.merge_cells(f"A{ws.max_row}:D{ws.max_row}")
    ws.append(["信息内容", "本年处理决定数量", "", ""])
    ws.merge_cells(f"B{ws.max_row}:D{ws.max_row}")
    ws.append(["行政许可", f["licensing"], "", ""])
    ws.merge_cells(f"B{ws.max_row}:D{ws.max_row}")
    ws.append(["第二十条第（六）项", "", "", ""])
    ws.merge_cells(f"A{ws.max_row}:D{ws.max_row}")
    ws.append(["信息内容", "本年处理决定数量", "", ""])
    ws.merge_cells(f"B{ws.max_row}:D{ws.max_row}")
    for label, key in (("行政处罚", "penalties"), ("行政强制", "enforcement")):
        ws.append([label, f[key], "", ""])
        ws.merge_cells(f"B{ws.max_row}:D{ws.max_row}")
    ws.append(["第二十条第（八）项", "", "", ""])
    ws.merge_cells(f"A{ws.max_row}:D{ws.max_row}")
    ws.append(["信息内容", "本年收费金额（单位：万元）", "", ""])
    ws.merge_cells(f"B{ws.max_row}:D{ws.max_row}")
    ws.append(["行政事业性收费", float(f["fees_wan"]), "", ""])
    ws.merge_cells(f"B{ws.max_row}:D{ws.max_row}")
    for col, width in zip("ABCD", (24, 18, 18, 18)):
        ws.column_dimensions[col].width = width
    _box(ws, 1, ws.max_row, 4)


def _table3(wb, report: AnnualReport) -> None:
    ws = wb.create_sheet("三、申请情况")
    n = len(COLUMN_LABELS)
    last = get_column_letter(3 + n)
    ws.append(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况"] + [""] * (n - 1))
    ws.merge_cells("A1:C3")
    ws.merge_cells(f"D1:{last}1")
    ws.append(["", "", "", "自然人", "法人或其他组织"] + [""] * (n - 3) + ["总计"])
    ws.merge_cells("D2:D3")
    ws.merge_cells(f"E2:{get_column_letter(3 + n - 1)}2")
    ws.merge_cells(f"{last}2:{last}3")
    ws.append(["", "", "", ""] + COLUMN_LABELS[1:-1] + [""])
    start = ws.max_row + 1
    spans = {}
    for row in report.table3.rows:
        ws.append([row.section, row.group, row.item] + row.values)
        r = ws.max_row
        if row.section.startswith("三"):
            spans.setdefault("三", [r, r])[1] = r
            if row.item:
                spans.setdefault(row.group, [r, r])[1] = r
            else:
                ws.merge_cells(f"B{r}:C{r}")
        else:
            ws.merge_cells(f"A{r}:C{r}")
    for key, (a, b) in spans.items():
        col = "A" if key == "三" else "B"
        if b > a:
            ws.merge_cells(f"{col}{a}:{col}{b}")
    ws.append([])
    ws.append(["勾稽关系校验（一+二 = 三+四）"] + [""] * 2 + [
        f"{c['left']}={c['right']}" + ("" if c["ok"] else " 不平") for c in report.table3.check])
    for col, width in (("A", 14), ("B", 16), ("C", 40)):
        ws.column_dimensions[col].width = width
    _box(ws, 1, ws.max_row - 2, 3 + n)
    for r in range(start, ws.max_row - 1):
        for c in (1, 2, 3):
            ws.cell(r, c).alignment = LEFT


def _table4(wb, report: AnnualReport) -> None:
    ws = wb.create_sheet("四、复议诉讼")
    parts = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    ws.append(["行政复议"] + [""] * 4 + ["行政诉讼"] + [""] * 9)
    ws.merge_cells("A1:E2")
    ws.merge_cells("F1:O1")
    ws.append([""] * 5 + ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4)
    ws.merge_cells("F2:J2")
    ws.merge_cells("K2:O2")
    ws.append(parts * 3)
    ws.append(report.table4)
    _box(ws, 1, 4, 15)


def report_workbook(report: AnnualReport) -> bytes:
    wb = Workbook()
    _text_sheet(wb, report)
    _table2(wb, report)
    _table3(wb, report)
    _table4(wb, report)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
