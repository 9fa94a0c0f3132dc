"""信息处理费 per 国办函〔2020〕109号 — pure functions, amounts in whole yuan.

Both methods are progressive ("…的部分"): each application or page is priced by the band it falls in.
An agency uses one method for a given application; free by default.
"""
from __future__ import annotations

BY_APPLICATIONS = "applications"
BY_PAGES = "pages"
METHOD_LABELS = {BY_APPLICATIONS: "按件计收", BY_PAGES: "按量计收"}


def application_price(k: int) -> int:
    """Price of an applicant's k-th application in one natural month.
    1–10 free; 11–30 ¥100; then every further block of 10 adds ¥100 (31–40 ¥200, 41–50 ¥300, …)."""
    if k <= 10:
        return 0
    if k <= 30:
        return 100
    return 100 + 100 * ((k - 31) // 10 + 1)


def fee_by_applications(count_in_month: int, *, already: int = 0) -> int:
    """Fee for `count_in_month` applications, after `already` earlier ones in the same month."""
    return sum(application_price(k) for k in range(already + 1, already + count_in_month + 1))


def page_price(p: int) -> int:
    """Price of page p: 1–30 free; 31–100 ¥10; 101–200 ¥20; from 201 ¥40."""
    if p <= 30:
        return 0
    if p <= 100:
        return 10
    if p <= 200:
        return 20
    return 40


def fee_by_pages(pages: int) -> int:
    """Total for one application's pages, e.g. 150 pages → 70×10 + 50×20 = ¥1,700."""
    if pages <= 30:
        return 0
    return (min(pages, 100) - 30) * 10 + max(0, min(pages, 200) - 100) * 20 + max(0, pages - 200) * 40


def compute_fee(method: str, units: int) -> int:
    """The fee for one application. BY_APPLICATIONS: `units` is its ordinal among the applicant's
    applications this natural month (the 25th costs ¥100); BY_PAGES: `units` is its page count."""
    if units < 0:
        raise ValueError("数量不能为负数。")
    if method == BY_APPLICATIONS:
        return application_price(units)
    if method == BY_PAGES:
        return fee_by_pages(units)
    raise ValueError(f"未知的计费方式：{method}")
