"""Demo data for the 主题日 programme (idempotent: natural keys, update_or_create).

Hunan's 2023 plan (44 proposals, 30 chosen, reports with photos), 望城区's 2023 plan with its
实施方案, this year's plan with activities around today (so the calendar and registration are
live), next year's call for proposals in every review state, and two surveys with answers.
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from portal.models import Department, PublishStatus, User
from themedays import demo_data as data
from themedays.demo_images import activity_photo
from themedays.models import (Activity, ActivityReport, MediaCoverage, Proposal, ProposalStatus, ReportPhoto,
                              ThemeDayPlan)
from themedays.services.stats import refresh_monthly_stats

TZ = timezone.get_current_timezone()


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def _published(at: dt.datetime, reviewer) -> dict:
    return {"status": PublishStatus.PUBLISHED, "published_at": at, "reviewer": reviewer}


def _plan(*, year, level, department, title, reviewer, **fields) -> ThemeDayPlan:
    plan, _ = ThemeDayPlan.objects.update_or_create(
        year=year, level=level, department=department,
        defaults={"title": title, **_published(_at(dt.date(year, 3, 1), 9), reviewer), **fields},
    )
    return plan


def _activity(plan, department, *, title, form, start, hours, place, summary, audiences, reviewer,
              serial=None, **extra) -> Activity:
    activity, _ = Activity.objects.update_or_create(
        plan=plan, title=title,
        defaults={
            "department": department, "form": form, "summary": summary, "body": f"<p>{summary}</p>",
            "start_at": start, "end_at": start + dt.timedelta(hours=hours), "place": place, "audiences": audiences,
            "contact_phone": department.phone, "plan_serial": serial,
            **_published(min(start - dt.timedelta(days=20), timezone.now()), reviewer), **extra,
        },
    )
    return activity


def _proposal(plan, department, *, topic, month, form, summary, status, note="", activity=None, reviewer=None,
              serial=1) -> Proposal:
    reviewed = status in (ProposalStatus.SELECTED, ProposalStatus.REJECTED)
    proposal, _ = Proposal.objects.update_or_create(
        plan=plan, department=department, topic=topic,
        defaults={"month": month, "form": form, "summary": summary, "status": status, "review_note": note,
                  "contact_name": "信息公开科", "contact_phone": department.phone, "serial": serial,
                  "activity": activity, "reviewed_by": reviewer if reviewed else None,
                  "reviewed_at": min(_at(dt.date(plan.year, 3, 31), 17), timezone.now()) if reviewed else None,
                  "submitted_at": min(_at(dt.date(plan.year, 3, 20), 10), timezone.now())
                  if status != ProposalStatus.DRAFT else None},
    )
    return proposal


def _report(activity, *, attendance, collected, adopted, reviewer, seed: int) -> ActivityReport:
    title = f"{activity.department.display_name}开展“{activity.title}”政务公开主题日活动"
    published = activity.end_at + dt.timedelta(days=1)
    report, _ = ActivityReport.objects.update_or_create(
        activity=activity, title=title,
        defaults={
            "department": activity.department, "summary": activity.summary[:200],
            "body": (f"<p>{timezone.localtime(activity.start_at):%-m月%-d日}，{activity.department.name}在{activity.place}"
                     f"开展“{activity.title}”政务公开主题日活动。{activity.summary}</p>"
                     f"<p>活动共收集意见建议{collected}条，经梳理研究，采纳{adopted}条，并将在后续工作中持续改进。</p>"),
            "attendance": attendance or None, "suggestions_collected": collected, "suggestions_adopted": adopted,
            **_published(published, reviewer),
        },
    )
    captions = [f"{activity.title}活动现场", f"工作人员向参加人员解读相关政策"]
    for order, caption in enumerate(captions):
        if not report.photos.filter(caption=caption).exists():
            photo = ReportPhoto(report=report, caption=caption, sort_order=order)
            photo.image.save(f"td-{seed}-{order}.jpg", activity_photo(activity.title, seed=seed, scene=order), save=False)
            photo.save()
    outlet, url = data.MEDIA[seed % len(data.MEDIA)]
    MediaCoverage.objects.update_or_create(
        report=report, outlet=outlet,
        defaults={"title": f"{activity.department.display_name}举办{activity.get_form_display()}活动", "url": url,
                  "published_on": published.date()},
    )
    return report


def seed_2023(departments, office) -> dict:
    province = departments["430000-01"]
    plan = _plan(year=2023, level="province", department=province, reviewer=office,
                 title="湖南省2023年“政务公开主题日”活动计划安排表", doc_number="湘政务公开办发〔2023〕1号",
                 scheme_title="湖南省“政务公开主题日”活动实施方案", scheme=data.PROVINCE_SCHEME,
                 proposal_deadline=dt.date(2023, 3, 29), start_month=3, goal_per_month=2)
    skip_reports = {"医疗服务价格政策问卷调查", "全省经济运行情况数据发布与解读"}
    activities = []
    for serial, row in enumerate(data.ACTIVITIES_2023, start=1):
        month, day, hour, code, form, title, place, summary, audiences, attendance, collected, adopted = row
        department = departments[code]
        extra = {}
        if title in data.CANCELLED_2023:
            extra = {"cancelled_at": _at(dt.date(2023, month, day - 3), 18), "cancel_reason": data.CANCELLED_2023[title]}
        activity = _activity(plan, department, title=title, form=form, start=_at(dt.date(2023, month, day), hour),
                             hours=2 if form != "field_study" else 4, place=place, summary=summary,
                             audiences=audiences, reviewer=office, serial=serial, **extra)
        _proposal(plan, department, topic=title, month=month, form=form, summary=summary,
                  status=ProposalStatus.SELECTED, activity=activity, reviewer=office)
        if not extra and title not in skip_reports:
            _report(activity, attendance=attendance, collected=collected, adopted=adopted, reviewer=office, seed=serial)
        activities.append(activity)
    for month, code, form, topic, note in data.REJECTED_2023:
        _proposal(plan, departments[code], topic=topic, month=month, form=form, summary=f"{topic}。", note=note,
                  status=ProposalStatus.REJECTED, reviewer=office, serial=2)
    return {"plan": plan, "activities": activities}


def seed_wangcheng(departments, office) -> int:
    office_dept = departments["430112-01"]
    plan = _plan(year=2023, level="district", department=office_dept, reviewer=office,
                 title="长沙市望城区2023年“政务公开主题日”活动计划安排表", doc_number="望政务公开办函〔2023〕4号",
                 scheme_title="长沙市望城区2023年“政务公开主题日”活动实施方案", scheme=data.WANGCHENG_SCHEME,
                 proposal_deadline=dt.date(2023, 3, 29), start_month=4, goal_per_month=1)
    for serial, row in enumerate(data.WANGCHENG_2023, start=1):
        month, day, hour, form, title, place, summary, audiences, attendance, collected, adopted = row
        activity = _activity(plan, office_dept, title=title, form=form, start=_at(dt.date(2023, month, day), hour),
                             hours=2, place=place, summary=summary, audiences=audiences, reviewer=office, serial=serial)
        _proposal(plan, office_dept, topic=title, month=month, form=form, summary=summary,
                  status=ProposalStatus.SELECTED, activity=activity, reviewer=office, serial=serial)
        _report(activity, attendance=attendance, collected=collected, adopted=adopted, reviewer=office, seed=100 + serial)
    return len(data.WANGCHENG_2023)


# Activity title word → words of the related policies' titles (policies.demo, when it has run).
POLICY_LINKS = [
    ("生态文明", "生态文明建设"), ("税", "税费优惠"), ("法律", "法律援助"), ("医保", "医疗保险"), ("医保", "门诊共济"),
    ("医保", "异地就医"), ("公积金", "住房公积金"), ("养老", "养老服务补贴"), ("家庭医生", "家庭医生签约"),
    ("学生资助", "学生资助"), ("老旧小区", "老旧小区改造"), ("不动产", "不动产登记"), ("最低生活保障", "最低生活保障"),
    ("安全生产", "安全生产"), ("就业", "就业"), ("统计", "经济普查"), ("营商环境", "优化营商环境"),
]


def link_policies() -> int:
    from policies.models import PolicyDocument

    linked = 0
    for activity in Activity.objects.all():
        needles = [needle for word, needle in POLICY_LINKS if word in activity.title]
        policies = [p for needle in needles for p in PolicyDocument.objects.public().filter(title__contains=needle)[:2]]
        activity.related_policies.set(policies)
        linked += bool(policies)
    return linked


def seed() -> dict:
    from themedays import demo_live

    departments = {d.code: d for d in Department.objects.all()}
    office = User.objects.filter(username="office").first()
    y2023 = seed_2023(departments, office)
    district = seed_wangcheng(departments, office)
    live = demo_live.seed_current(departments, office)
    proposals = demo_live.seed_next_year(departments, office)
    surveys = demo_live.seed_surveys(departments, office, y2023["activities"], live["past"])
    stats = refresh_monthly_stats()
    linked = link_policies()
    return {"with_policies": linked, "activities_2023": len(y2023["activities"]), "district": district, "current": len(live["all"]),
            "next_year_proposals": proposals, "survey_responses": surveys, "stat_rows": stats}
