"""The part of the demo that moves with the calendar: this year's activities around today,
next year's proposals in every state, registrations and the two surveys."""
from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from themedays.demo import _activity, _at, _plan, _proposal, _report
from themedays.models import (Answer, Choice, ProposalStatus, Question, Registration, RegistrationStatus, Response,
                              Survey)
from themedays.services.registration import new_number
from themedays.services.surveys import browser_key

# (days from today, hour, department, form, title, place, summary, audiences, registration settings)
CURRENT = [
    (-58, 9, "430000-13", "policy_release", "安全生产咨询日：安全生产法进广场", "长沙烈士公园东门广场",
     "设置政务公开专题展区和咨询台，现场解读安全生产法，接受群众问询。", ["public", "media"], {}),
    (-33, 9, "430000-07", "site_visit", "“便民办税春风行动”现场体验", "长沙市天心区税务局办税服务厅",
     "邀请特约监督员体验新电子税务局和“非接触式”办税流程。", ["npc", "cppcc", "media"], {}),
    (-12, 14, "430000-09", "symposium", "家庭医生签约服务满意度座谈", "湖南省卫生健康委员会会议室",
     "听取群众代表对家庭医生签约服务的评价和建议。", ["public", "npc"], {}),
    (1, 9, "430000-14", "open_day", "中国统计开放日：走进统计数据发布", "湖南省统计局统计数据发布厅",
     "参观统计数据采集、审核、发布流程，了解统计法和统计数据的查询方法。", ["public", "student", "media"],
     {"capacity": 40, "people": 6}),
    (3, 9, "430000-08", "site_visit", "法律问题我来答：12348热线开放体验", "湖南省司法厅12348热线呼叫中心",
     "现场观摩热线值班律师接听群众咨询，体验公共法律服务，可现场提出法律问题。", ["public", "media"],
     {"capacity": 30, "people": 9}),
    (6, 9, "430000-06", "site_visit", "不动产登记便民服务现场观摩", "长沙市不动产登记中心",
     "现场观摩不动产登记“一窗办理”和“带押过户”流程。", ["public", "business"],
     {"capacity": 20, "people": 3, "cancel": "因登记系统升级改造，活动取消，改期安排将另行公告。"}),
    (9, 14, "430000-15", "symposium", "“金芙蓉”跃升行动企业座谈会", "湖南省地方金融监督管理局三楼会议室",
     "与拟上市企业代表、专家学者座谈，解读企业上市扶持政策。", ["business", "expert", "npc", "cppcc"],
     {"capacity": 4, "people": 4, "waiting": 2}),
    (16, 9, "430000-05", "open_day", "生态环境监测开放日", "湖南省生态环境监测中心",
     "参观大气颗粒物移动监测走航车、移动式水质自动监测车，体验便携式监测仪器操作。", ["public", "student", "business"],
     {"capacity": 25, "opens_in": 5}),
    (24, 15, "430000-11", "live", "医保待遇政策直播解读", "湖南省医疗保障局演播室（线上直播）",
     "直播解读门诊共济保障、异地就医备案等医保待遇政策，在线回答网友提问。", ["public"],
     {"live": "https://live.example.gov.cn/hnybj"}),
]

DEMO_IDENTITIES = ["public", "student", "media", "business"]


def seed_current(departments, office) -> dict:
    today = timezone.localdate()
    first = today + dt.timedelta(days=CURRENT[0][0])
    plan = _plan(year=today.year, level="province", department=departments["430000-01"], reviewer=office,
                 title=f"湖南省{today.year}年“政务公开主题日”活动计划安排表",
                 doc_number=f"湘政务公开办发〔{today.year}〕1号", scheme_title="湖南省“政务公开主题日”活动实施方案",
                 scheme=_scheme(), start_month=first.month if first.year == today.year else 1, goal_per_month=2,
                 proposal_deadline=dt.date(today.year, 3, 29))
    past, everything = [], []
    for serial, (offset, hour, code, form, title, place, summary, audiences, reg) in enumerate(CURRENT, start=1):
        day = today + dt.timedelta(days=offset)
        start = _at(day, hour, 30 if hour == 9 else 0)
        extra = {"registration_required": "capacity" in reg, "capacity": reg.get("capacity"),
                 "live_url": reg.get("live", ""), "max_party_size": 3, "cancel_reason": reg.get("cancel", ""),
                 "registration_opens_at": _at(today + dt.timedelta(days=reg["opens_in"]), 9) if "opens_in" in reg else None,
                 "cancelled_at": _at(today - dt.timedelta(days=1), 17) if "cancel" in reg else None}
        activity = _activity(plan, departments[code], title=title, form=form, start=start, hours=2, place=place,
                             summary=summary, audiences=audiences, reviewer=office, serial=serial, **extra)
        _proposal(plan, departments[code], topic=title, month=day.month, form=form, summary=summary,
                  status=ProposalStatus.SELECTED, activity=activity, reviewer=office)
        if offset < 0:
            _report(activity, attendance=30 + serial * 7, collected=10 + serial, adopted=5 + serial // 2,
                    reviewer=office, seed=200 + serial)
            past.append(activity)
        _registrations(activity, people=reg.get("people", 0), waiting=reg.get("waiting", 0), seed=serial)
        everything.append(activity)
    return {"plan": plan, "past": past, "all": everything}


def _scheme() -> str:
    from themedays.demo_data import PROVINCE_SCHEME

    return PROVINCE_SCHEME


def _registrations(activity, *, people: int, waiting: int, seed: int) -> None:
    """Synthetic registrants (演示 names, 139-0000 numbers): fills `people` places, then `waiting`."""
    rng = random.Random(seed)
    count, index = 0, 0
    while count < people:
        size = min(rng.choice([1, 1, 2]), people - count)
        _registrant(activity, index, size, RegistrationStatus.CONFIRMED, rng)
        count += size
        index += 1
    for _ in range(waiting):
        _registrant(activity, index, 1, RegistrationStatus.WAITLISTED, rng)
        index += 1


def _registrant(activity, index: int, size: int, status: str, rng) -> None:
    phone = f"1390000{activity.pk % 100:02d}{index:02d}"
    Registration.objects.update_or_create(
        activity=activity, phone=phone,
        defaults={"name": f"演示报名{index + 1:02d}", "identity": rng.choice(DEMO_IDENTITIES), "party_size": size,
                  "status": status},
        create_defaults={"number": new_number(), "name": f"演示报名{index + 1:02d}",
                         "identity": rng.choice(DEMO_IDENTITIES), "party_size": size, "status": status},
    )


NEXT_YEAR = [  # (department, month, form, topic, status, note)
    ("430000-02", 3, "field_study", "财政支持乡村振兴项目实地调研", ProposalStatus.SUBMITTED, ""),
    ("430000-03", 4, "site_visit", "“湘易办”社保服务现场体验", ProposalStatus.SUBMITTED, ""),
    ("430000-05", 6, "open_day", "六五环境日生态环境监测开放", ProposalStatus.SUBMITTED, ""),
    ("430000-12", 5, "policy_release", "义务教育招生入学政策发布", ProposalStatus.SELECTED, "主题聚焦群众关切，入选。"),
    ("430000-10", 7, "symposium", "住房公积金缴存政策座谈", ProposalStatus.REJECTED, "与省直公积金中心活动重复，建议合并。"),
    ("430000-04", 9, "survey", "养老服务需求问卷调查", ProposalStatus.DRAFT, ""),
]


def seed_next_year(departments, office) -> int:
    year = timezone.localdate().year + 1
    plan = _plan(year=year, level="province", department=departments["430000-01"], reviewer=office,
                 title=f"湖南省{year}年“政务公开主题日”活动计划安排表", doc_number="",
                 scheme_title="关于征集政务公开主题日活动主题的通知", scheme=_scheme(), start_month=3,
                 proposal_deadline=timezone.localdate() + dt.timedelta(days=20), goal_per_month=2)
    for code, month, form, topic, status, note in NEXT_YEAR:
        _proposal(plan, departments[code], topic=topic, month=month, form=form, status=status, note=note,
                  summary=f"{topic}：结合本单位主责主业，面向企业群众“面对面”解读、“互动式”公开。",
                  reviewer=office if status in (ProposalStatus.SELECTED, ProposalStatus.REJECTED) else None)
    return len(NEXT_YEAR)


def _survey(department, office, *, title, intro, opens, closes, visibility, activity, questions) -> Survey:
    survey, _ = Survey.objects.update_or_create(
        department=department, title=title,
        defaults={"intro": intro, "opens_at": opens, "closes_at": closes, "results_visibility": visibility,
                  "activity": activity, "status": "published", "published_at": opens, "reviewer": office},
    )
    for order, (text, kind, options) in enumerate(questions, start=1):
        question, _ = Question.objects.update_or_create(survey=survey, order=order,
                                                        defaults={"text": text, "kind": kind, "required": kind != "text"})
        for position, option in enumerate(options, start=1):
            Choice.objects.update_or_create(question=question, text=option, defaults={"order": position})
    return survey


def _answers(survey, *, count: int, seed: int, texts: list[str]) -> int:
    rng = random.Random(seed)
    questions = list(survey.questions.prefetch_related("choices"))
    for n in range(count):
        response, created = Response.objects.get_or_create(survey=survey, browser_key=browser_key(f"demo-{seed}-{n}"))
        if not created:
            continue
        for question in questions:
            choices = list(question.choices.all())
            if question.kind == "single":
                weights = [len(choices) - i for i in range(len(choices))]
                Answer.objects.create(response=response, question=question, choice=rng.choices(choices, weights)[0])
            elif question.kind == "multiple":
                for choice in rng.sample(choices, rng.randint(1, min(3, len(choices)))):
                    Answer.objects.create(response=response, question=question, choice=choice)
            elif texts and n % 4 == 0:
                Answer.objects.create(response=response, question=question, text=texts[(n // 4) % len(texts)])
    return survey.responses.count()


def seed_surveys(departments, office, activities_2023, past_current) -> int:
    elder = next(a for a in activities_2023 if a.title == "养老服务政策知晓度问卷调查")
    first = _survey(departments["430000-04"], office, title="养老服务政策知晓度问卷调查",
                    intro="为了解养老服务政策知晓度和老年人实际需求，特开展本次问卷调查。问卷匿名填写，约需 2 分钟。",
                    opens=_at(dt.date(2023, 8, 15), 9), closes=_at(dt.date(2023, 9, 15), 18),
                    visibility="after_close", activity=elder, questions=[
                        ("您是否了解本省养老服务补贴政策？", "single", ["非常了解", "比较了解", "听说过", "不了解"]),
                        ("您主要通过哪些渠道了解养老政策？（可多选）", "multiple",
                         ["政府网站", "社区宣传栏", "电视广播", "微信公众号", "亲友告知"]),
                        ("您最需要哪类养老服务？", "single", ["助餐服务", "上门医疗", "日间照料", "文化娱乐"]),
                        ("您对养老服务还有哪些意见建议？", "text", []),
                    ])
    today = timezone.localdate()
    second = _survey(departments["430000-01"], office, title="政务公开主题日活动满意度调查",
                     intro="感谢您关注政务公开主题日活动。请对今年的活动作出评价，结果实时公布。",
                     opens=_at(today - dt.timedelta(days=20), 9), closes=_at(today + dt.timedelta(days=20), 18),
                     visibility="live", activity=past_current[-1] if past_current else None, questions=[
                         ("您对今年政务公开主题日活动的总体评价是？", "single", ["非常满意", "满意", "一般", "不满意"]),
                         ("您希望今后多开展哪些形式的活动？（可多选）", "multiple",
                          ["实地调研", "现场观摩", "座谈交流", "政策发布", "直播解读"]),
                         ("您对主题日活动有什么建议？", "text", []),
                     ])
    texts = ["希望社区多开展政策宣讲。", "建议增加周末场次，方便上班族参加。", "希望解读更通俗易懂。"]
    return _answers(first, count=48, seed=1, texts=texts) + _answers(second, count=27, seed=2, texts=texts)
