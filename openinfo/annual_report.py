"""The 年报 (国办公开办函〔2021〕30号) computed from the data: 表二 from policies + entered figures,
表三 from the requests, 表四 and the texts from AnnualReportEntry."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal

from django.db.models import Count, Q, Sum

from openinfo.models import OUTCOME_GROUPS, AnnualReportEntry, ApplicantType, InfoRequest, RequestPause

COLUMNS = [t.value for t in ApplicantType]  # 自然人, 5 kinds of 法人或其他组织
COLUMN_LABELS = [t.label if t != ApplicantType.OTHER_ORG else "其他" for t in ApplicantType] + ["总计"]


@dataclass
class Row:
    section: str  # "一、…" / "三、本年度办理结果" / "四、…"
    group: str  # "（三）不予公开" for a sub-row, or the row's own label
    item: str  # "1.属于国家秘密", or "" when the group has no sub-rows
    values: list[int]
    key: str = ""


@dataclass
class Table3:
    rows: list[Row]
    check: list[dict]  # per column: new + carried_in vs results + carried_out

    @property
    def balanced(self) -> bool:
        return all(c["ok"] for c in self.check)

    def row(self, key: str) -> Row:
        return next(r for r in self.rows if r.key == key)


@dataclass
class AnnualReport:
    year: int
    department: object
    overview: str = ""
    problems: str = ""
    other_matters: str = ""
    table2_docs: list = field(default_factory=list)  # (label, issued, repealed, in_force)
    figures: dict = field(default_factory=dict)
    table3: Table3 | None = None
    table4: list = field(default_factory=list)  # 15 numbers
    fees_collected: Decimal = Decimal(0)

    @cached_property
    def title(self) -> str:
        if self.department is not None:
            who = self.department.name
        else:
            from portal.models import Department

            root = Department.objects.filter(parent__isnull=True).order_by("sort_order", "id").first()
            who = root.name if root else "本级政府"
        return f"{who}{self.year}年政府信息公开工作年度报告"


def _by_type(qs) -> list[int]:
    counts = dict(qs.values_list("applicant_type").annotate(n=Count("id")).order_by())
    values = [counts.get(c, 0) for c in COLUMNS]
    return values + [sum(values)]


def build_table3(year: int, department=None) -> Table3:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    base = InfoRequest.objects.exclude(received_on__isnull=True)
    if department is not None:
        base = base.filter(department=department)
    not_concluded_before = Q(concluded_on__isnull=True) | Q(concluded_on__gte=start)
    rows = [
        Row("一、本年新收政府信息公开申请数量", "", "", _by_type(base.filter(received_on__range=(start, end))), "new"),
        Row("二、上年结转政府信息公开申请数量", "", "",
            _by_type(base.filter(not_concluded_before, received_on__lt=start)), "carried_in"),
    ]
    concluded = base.filter(concluded_on__range=(start, end))
    per_outcome = {}
    for outcome, kind, n in concluded.values_list("outcome", "applicant_type").annotate(n=Count("id")).order_by():
        per_outcome.setdefault(outcome, {})[kind] = n
    total = [0] * (len(COLUMNS) + 1)
    for group, items in OUTCOME_GROUPS:
        for item, code in items:
            counts = per_outcome.get(code, {})
            values = [counts.get(c, 0) for c in COLUMNS]
            values.append(sum(values))
            total = [a + b for a, b in zip(total, values)]
            rows.append(Row("三、本年度办理结果", group, item or "", values, code))
    rows.append(Row("三、本年度办理结果", "（七）总计", "", total, "total"))
    rows.append(Row("四、结转下年度继续办理", "", "",
                    _by_type(base.filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=end), received_on__lte=end)),
                    "carried_out"))
    table = Table3(rows=rows, check=[])
    new, carried_in, carried_out = table.row("new"), table.row("carried_in"), table.row("carried_out")
    for i, label in enumerate(COLUMN_LABELS):
        left = new.values[i] + carried_in.values[i]
        right = total[i] + carried_out.values[i]
        table.check.append({"column": label, "left": left, "right": right, "ok": left == right})
    return table


def build_table2(year: int, department=None) -> list[tuple[str, int, int, int]]:
    from policies.models import PolicyDocument
    from policies.models.document import DocType, Validity

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    qs = PolicyDocument.objects.public()
    if department is not None:
        qs = qs.filter(issuer=department)
    result = []
    for doc_type in (DocType.RULE, DocType.NORMATIVE):
        docs = qs.filter(doc_type=doc_type)
        issued = docs.filter(issued_date__range=(start, end)).count()
        ended = Q(validity__in=[Validity.REPEALED, Validity.EXPIRED])
        repealed = docs.filter(ended, expiry_date__range=(start, end)).count()
        # In force at the end of the year: issued by then and not ended by then.
        in_force = docs.filter(issued_date__lte=end).exclude(
            Q(expiry_date__lte=end) | (~Q(validity=Validity.VALID) & Q(expiry_date__isnull=True))
        ).count()
        result.append((doc_type.label, issued, repealed, in_force))
    return result


def build_report(year: int, department=None) -> AnnualReport:
    entries = AnnualReportEntry.objects.filter(year=year)
    if department is not None:
        entries = entries.filter(department=department)
    text_row = entries.first() if department is not None else entries.filter(department__isnull=True).first()
    sums = entries.aggregate(**{name: Sum(name) for name in AnnualReportEntry.FIGURE_FIELDS})
    figures = {name: (sums[name] or 0) for name in AnnualReportEntry.FIGURE_FIELDS}
    table4 = []
    for prefix in ("review", "suit", "after"):
        parts = [figures[f"{prefix}_{k}"] for k in ("upheld", "corrected", "other", "pending")]
        table4 += parts + [sum(parts)]
    fees = RequestPause.objects.filter(kind=RequestPause.Kind.FEE, paid_on__year=year)
    if department is not None:
        fees = fees.filter(request__department=department)
    return AnnualReport(
        year=year, department=department,
        overview=getattr(text_row, "overview", ""), problems=getattr(text_row, "problems", ""),
        other_matters=getattr(text_row, "other_matters", ""),
        table2_docs=build_table2(year, department), figures=figures, table3=build_table3(year, department),
        table4=table4, fees_collected=fees.aggregate(s=Sum("fee_amount"))["s"] or Decimal(0),
    )
