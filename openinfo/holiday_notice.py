"""Reading the State Council's 放假安排 notice (国务院办公厅关于YYYY年部分节假日安排的通知) as pasted text.

Pure functions: text in, holidays and make-up workdays out. The year comes from the title; each numbered
line "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。" gives a name, one range (or
single day) 放假 and a list of days 上班. A later date without a month ("至3日") is in the month before it, one
without a year in the notice's year unless a year was written before it ("2022年12月31日至2023年1月2日").
Other lines (addressees, preamble, closing, signature) are ignored; a numbered line that cannot be read is
an error that quotes it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

TITLE = re.compile(r"关于\s*(\d{4})\s*年\s*(?:部分)?节假日安排")
ITEM = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*(?P<name>[^：:]+?)\s*[：:]\s*(?P<body>.+)$")
DATE = re.compile(r"(?:(?P<year>\d{4})\s*年\s*)?(?:(?P<month>\d{1,2})\s*月\s*)?(?P<day>\d{1,2})\s*日")
ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)")  # weekdays and lunar dates: "（农历腊月二十八、周日）"
CLAUSE = re.compile(r"[。；;，,]")


class NoticeError(ValueError):
    """The text could not be read; the message says which line and why, in words the office understands."""


@dataclass
class ParsedNotice:
    year: int
    holidays: dict = field(default_factory=dict)  # date -> name
    workdays: dict = field(default_factory=dict)  # date -> name

    def rows(self) -> list[tuple[dt.date, str, str]]:
        """As WorkCalendarDay rows (date, kind, name)."""
        rows = [(d, "holiday", n) for d, n in self.holidays.items()]
        rows += [(d, "workday", n) for d, n in self.workdays.items()]
        return sorted(rows)


def _dates(text: str, year: int, line: str) -> list[dt.date]:
    """Every date written in `text`, each inheriting the year and month of the one before it."""
    found, month = [], None
    for m in DATE.finditer(text):
        if m.group("year"):
            year = int(m.group("year"))
        if m.group("month"):
            month = int(m.group("month"))
        if month is None:
            raise NoticeError(f"无法识别此行的月份：“{line}”")
        try:
            found.append(dt.date(year, month, int(m.group("day"))))
        except ValueError:
            raise NoticeError(f"此行有不存在的日期 {year}年{month}月{m.group('day')}日：“{line}”") from None
    return found


def _item(name: str, body: str, year: int, line: str, notice: ParsedNotice) -> None:
    plain = ASIDE.sub("", body)
    read_any = False
    # Dates carry on from clause to clause only through an explicit year; a month is restated in each clause.
    for clause in CLAUSE.split(plain):
        clause = clause.strip()
        if not DATE.search(clause):
            continue  # "共3天", "与周末连休", "不调休", advice without dates
        if "放假" in clause:
            span = clause.split("放假")[0]
            days = _dates(span, year, line)
            if len(days) == 1 and "至" not in span:
                days = days * 2
            if len(days) != 2 or days[1] < days[0] or (days[1] - days[0]).days > 15:
                raise NoticeError(f"无法识别此行的放假日期范围：“{line}”")
            day = days[0]
            while day <= days[1]:
                notice.holidays[day] = name
                day += dt.timedelta(days=1)
        elif "上班" in clause:
            for day in _dates(clause, year, line):
                notice.workdays[day] = name
        else:
            raise NoticeError(f"此行的日期既不是放假也不是上班：“{line}”")
        read_any = True
    if not read_any:
        raise NoticeError(f"此行没有找到放假日期：“{line}”")


def parse_notice(text: str) -> ParsedNotice:
    title = TITLE.search(text or "")
    if not title:
        raise NoticeError("未找到通知标题中的年份，请连同标题“国务院办公厅关于YYYY年部分节假日安排的通知”一起粘贴。")
    notice = ParsedNotice(year=int(title.group(1)))
    for raw in text.splitlines():
        line = raw.strip()
        item = ITEM.match(line)
        if item:
            _item(item.group("name").strip(), item.group("body"), notice.year, line, notice)
    if not notice.holidays:
        raise NoticeError("通知中没有找到“一、元旦：……放假”这样的节日安排行。")
    clash = sorted(set(notice.holidays) & set(notice.workdays))
    if clash:
        raise NoticeError("以下日期既放假又上班，请核对通知：" + "、".join(f"{d:%Y-%m-%d}" for d in clash))
    return notice
