"""Demo data of openinfo: a year of 依申请公开 cases in every state and outcome, letters, consultations,
a 权责清单, 信息公开指南 and 年报 figures. Idempotent: every row has a natural key (tracking number,
code, title), and a case that already exists is left alone, so running twice changes nothing.

Demo cases YSQ-2025-9000NN / YSQ-2026-9000NN have the query code 90000000NN (NN = the same two digits).
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from openinfo import services
from openinfo.demo_content import seed_annual, seed_consultations, seed_guides, seed_letters, seed_powers
from openinfo.demo_ids import fake_credit_code, fake_id_card
from openinfo.models import InfoRequest, Outcome, RequestEvent
from openinfo.models.common import hash_query_code
from openinfo.services.requests import refresh_deadline
from portal.models import Department, User

D = dt.date
O = Outcome

# (serial, department code, applicant type, received, plan) — plan is a list of (step, args); step names
# map to services. Received dates are the Art. 31 receipt dates; the last cases are still open today.
CASES = [
    (1, "430000-02", "natural", D(2024, 12, 16), [("reply", O.PUBLIC, D(2025, 1, 10))]),
    (2, "430000-03", "business", D(2024, 12, 23), [("extend", D(2025, 1, 15)), ("reply", O.PARTIAL, D(2025, 2, 20))]),
    (3, "430000-04", "natural", D(2025, 1, 6), [("reply", O.PUBLIC, D(2025, 1, 20))]),
    (4, "430000-02", "natural", D(2025, 1, 20), [("reply", O.NONE_HELD, D(2025, 2, 18))]),
    (5, "430000-06", "legal", D(2025, 2, 10), [("reply", O.DENY_THIRD, D(2025, 3, 5))]),
    (6, "430000-02", "research", D(2025, 2, 24), [("reply", O.PUBLIC, D(2025, 3, 10))]),
    (7, "430000-05", "natural", D(2025, 3, 3), [("reply", O.DENY_SECRET, D(2025, 3, 28))]),
    (8, "430000-03", "natural", D(2025, 3, 17), [("correction", D(2025, 3, 20)), ("corrected", D(2025, 4, 1)),
                                                  ("reply", O.PUBLIC, D(2025, 4, 22))]),
    (9, "430000-04", "welfare", D(2025, 3, 31), [("reply", O.DENY_LAW, D(2025, 4, 25))]),
    (10, "430000-02", "natural", D(2025, 4, 14), [("reply", O.DENY_SAFETY, D(2025, 5, 9))]),
    (11, "430000-06", "business", D(2025, 4, 28), [("consult", D(2025, 5, 6), D(2025, 5, 20)),
                                                   ("reply", O.PARTIAL, D(2025, 6, 6))]),
    (12, "430000-03", "natural", D(2025, 5, 12), [("reply", O.DENY_INTERNAL, D(2025, 6, 3))]),
    (13, "430000-05", "natural", D(2025, 5, 26), [("reply", O.DENY_PROCESS, D(2025, 6, 18))]),
    (14, "430000-08", "legal", D(2025, 6, 9), [("reply", O.DENY_ENFORCEMENT, D(2025, 7, 1))]),
    (15, "430000-06", "natural", D(2025, 6, 23), [("reply", O.DENY_QUERY, D(2025, 7, 10))]),
    (16, "430000-02", "business", D(2025, 7, 7), [("reply", O.NONE_CREATE, D(2025, 7, 30))]),
    (17, "430000-04", "natural", D(2025, 7, 21), [("correction", D(2025, 7, 25)), ("corrected", D(2025, 8, 4)),
                                                   ("reply", O.NONE_UNCLEAR, D(2025, 8, 29))]),
    (18, "430000-03", "natural", D(2025, 8, 4), [("reply", O.REFUSE_PETITION, D(2025, 8, 15))]),
    (19, "430000-02", "natural", D(2025, 8, 18), [("reply", O.REFUSE_REPEAT, D(2025, 8, 29))]),
    (20, "430000-09", "research", D(2025, 9, 1), [("reply", O.REFUSE_PUBLICATION, D(2025, 9, 12))]),
    (21, "430000-10", "natural", D(2025, 9, 15), [("reply", O.REFUSE_MASS, D(2025, 10, 14))]),
    (22, "430000-11", "natural", D(2025, 9, 26), [("reply", O.REFUSE_CONFIRM, D(2025, 10, 20))]),
    (23, "430000-03", "natural", D(2025, 10, 13), [("correction", D(2025, 10, 16)), ("abandon", D(2025, 11, 10))]),
    (24, "430000-06", "business", D(2025, 10, 20), [("fee", "pages", 150, D(2025, 10, 27)),
                                                    ("abandon", D(2025, 11, 26))]),
    (25, "430000-02", "other_org", D(2025, 11, 3), [("reply", O.OTHER, D(2025, 11, 20))]),
    (26, "430000-04", "natural", D(2025, 11, 10), [("withdraw", D(2025, 11, 18))]),
    (27, "430000-05", "welfare", D(2025, 11, 24), [("fee", "applications", 12, D(2025, 12, 1)),
                                                   ("paid", D(2025, 12, 5)), ("reply", O.PUBLIC, D(2025, 12, 24))]),
    (28, "430000-02", "natural", D(2025, 12, 15), [("extend", D(2026, 1, 9)), ("reply", O.PUBLIC, D(2026, 2, 6))]),
    (29, "430000-03", "business", D(2025, 12, 22), [("reply", O.PARTIAL, D(2026, 1, 16))]),
    (30, "430000-06", "natural", D(2025, 12, 29), [("reply", O.PUBLIC, D(2026, 1, 23))]),
]


def cases_2026(today: dt.date) -> list:
    """Open cases relative to today, so the queue always shows overdue, due-soon and paused ones."""
    def back(days):
        return today - dt.timedelta(days=days)

    return [
        (1, "430000-02", "natural", back(120), [("reply", O.PUBLIC, back(95))]),
        (2, "430000-03", "legal", back(60), [("reply", O.PARTIAL, back(35))]),
        (3, "430000-02", "natural", back(40), []),                                   # overdue
        (4, "430000-02", "business", back(26), []),                                  # due soon
        (5, "430000-03", "natural", back(10), []),                                   # running
        (6, "430000-04", "natural", back(12), [("correction", back(9))]),           # 待补正
        (7, "430000-06", "research", back(20), [("consult", back(8), None)]),        # 第三方征求意见
        (8, "430000-05", "business", back(15), [("fee", "pages", 320, back(5))]),    # 待缴费
        (9, "430000-02", "natural", back(25), [("extend", back(6))]),               # 已延期
        (10, "430000-04", "natural", None, []),                                       # 网上提交、待确认
        # Received this month and extended: the 40 working days run past the entered calendar years (from
        # December on, or any month of a year not entered yet), so the demo shows a 暂定 deadline.
        (11, "430000-03", "natural", today.replace(day=1), [("extend", today)]),
    ]


DESCRIPTIONS = [
    "湘财预〔2024〕15号文件及其附件中关于省级财政专项资金分配的明细表",
    "2024年度本单位“三公”经费预算执行情况",
    "长沙市岳麓区某地块国有土地使用权出让的批准文件",
    "2024年全省城乡居民最低生活保障标准调整的通知",
    "某建设项目环境影响评价报告书及批复文件",
    "本人父亲养老保险缴费记录对应的政策依据文件",
]


def _applicant(serial: int, kind: str, year: int) -> dict:
    natural = kind == "natural"
    return {
        "applicant_type": kind,
        "name": f"{'张李王刘陈杨'[serial % 6]}{'建华明丽伟芳'[serial % 5]}" if natural else f"湖南示例{serial}号有限公司",
        "contact_person": "" if natural else "赵经办",
        "id_type": "id_card" if natural else "credit_code",
        "id_number": fake_id_card(year * 100 + serial) if natural else fake_credit_code(year * 100 + serial),
        "phone": f"1380731{year % 100:02d}{serial:02d}",
        "email": "",
        "address": f"长沙市岳麓区示例路{serial}号",
        "postcode": "410006",
        "description": DESCRIPTIONS[serial % len(DESCRIPTIONS)],
        "delivery": ["email", "post", "pickup", "online"][serial % 4],
        "medium": "electronic" if serial % 3 else "paper",
    }


def _run(req: InfoRequest, plan: list, actor) -> None:
    for step, *args in plan:
        req.refresh_from_db()
        if step == "reply":
            services.request_reply(req=req, actor=actor, outcome=args[0], replied_on=args[1],
                                   reply_text=f"经审查，{args[0].label}。具体见答复书。")
            services.document_draft(req=req, kind="reply", actor=actor)
        elif step == "extend":
            services.request_extend(req=req, actor=actor, reason="需调取多个处室的档案并逐页核对", approver="刘主任",
                                    approved_on=args[0])
        elif step == "correction":
            services.request_ask_correction(req=req, actor=actor, notice_on=args[0],
                                            items="请写明所需文件的名称、文号或形成时间。")
            services.document_draft(req=req, kind="correction", actor=actor)
        elif step == "corrected":
            services.request_receive_correction(req=req, actor=actor, corrected_on=args[0])
        elif step == "consult":
            services.request_consult(req=req, actor=actor, started=args[0], note="涉及第三方企业商业信息")
            if args[1]:
                services.request_resume(req=req, actor=actor, ended=args[1], note="第三方不同意公开部分内容")
        elif step == "fee":
            services.request_fee_notice(req=req, actor=actor, method=args[0], units=args[1], notice_on=args[2])
        elif step == "paid":
            services.request_resume(req=req, actor=actor, ended=args[0], note="申请人已缴费")
        elif step == "abandon":
            services.request_abandon(req=req, actor=actor, on=args[0])
        elif step == "withdraw":
            services.request_withdraw(req=req, actor=actor, on=args[0], note="申请人来电撤回")


def _case(year: int, serial: int, code: str, kind: str, received, plan, departments, actors) -> None:
    number = f"YSQ-{year}-9000{serial:02d}"
    if InfoRequest.objects.filter(tracking_number=number).exists():
        return
    department = departments[code]
    submitted = received or timezone.localdate()
    req = InfoRequest.objects.create(
        tracking_number=number, query_code_hash=hash_query_code(f"90000000{serial:02d}"), department=department,
        channel="online" if serial % 3 else "in_person", **_applicant(serial, kind, year),
    )
    at = timezone.make_aware(dt.datetime.combine(submitted, dt.time(9, 30)))
    InfoRequest.objects.filter(pk=req.pk).update(submitted_at=at)
    req.refresh_from_db()
    RequestEvent.objects.create(request=req, on=submitted, action="提交申请", public_text="申请已提交。")
    if received:
        services.request_accept(req=req, actor=actors.get(code), confirmed_on=received)
        _run(req, plan, actors.get(code))
    else:
        refresh_deadline(req)


@transaction.atomic
def seed() -> dict:
    departments = {d.code: d for d in Department.objects.all()}
    if "430000-02" not in departments:
        return {"openinfo": "skipped: run portal.demo first"}
    office = User.objects.filter(username="office").first()
    actors = {code: office for code in departments}
    for code, username in (("430000-02", "reviewer_finance"), ("430000-03", "reviewer_hrss"),
                           ("430000-04", "reviewer_civil")):
        actors[code] = User.objects.filter(username=username).first() or office
    for serial, code, kind, received, plan in CASES:
        _case(2025, serial, code, kind, received, plan, departments, actors)
    for serial, code, kind, received, plan in cases_2026(timezone.localdate()):
        _case(timezone.localdate().year, serial, code, kind, received, plan, departments, actors)
    counts = {"requests": InfoRequest.objects.filter(tracking_number__contains="-9000").count()}
    counts.update(seed_guides(departments))
    counts.update(seed_powers(departments))
    counts.update(seed_consultations(departments))
    counts.update(seed_letters(departments, actors))
    counts.update(seed_annual(departments))
    return counts
