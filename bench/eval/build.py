#!/usr/bin/env python
"""Write the judged evaluation set bench/eval/queries.jsonl from the evaluation corpus.

    .venv/bin/python bench/eval/build.py

Every query comes with a *need*: what the citizen wants, in document fields — topic words (any of
them in the title or 内容概述; a citizen's word is judged by the policy words it means), an issuer
(agency named by its short name), a place (the issuer's place), a year (issued that year or named
in the title), a 发文字号. Each document of the corpus is graded by one rule against that need:

    2  on topic, and issuer/place/year as asked, and valid (有效) — what the citizen wants
    1  on topic, but another issuer/place/year, or no longer valid
    0  otherwise

A 发文字号 query wants that one document whatever its validity. Negative queries name things this
government does not publish; the builder checks that their essential words occur in no document.
Nothing here runs the search: the judgements come from the fields alone.
"""
from __future__ import annotations

import json
import os
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "eval" / "queries.jsonl"
SEED = 17

# Short names citizens write → the issuer they mean (the evaluation's own knowledge, not the portal's).
AGENCIES = {
    "省人社厅": "湖南省人力资源和社会保障厅", "省民政厅": "湖南省民政厅", "省医保局": "湖南省医疗保障局",
    "省住建厅": "湖南省住房和城乡建设厅", "省教育厅": "湖南省教育厅", "省卫健委": "湖南省卫生健康委员会",
    "省财政厅": "湖南省财政厅", "省自然资源厅": "湖南省自然资源厅", "省市场监管局": "湖南省市场监督管理局",
    "省工信厅": "湖南省工业和信息化厅", "省交通厅": "湖南省交通运输厅", "省农业农村厅": "湖南省农业农村厅",
    "省水利厅": "湖南省水利厅", "省商务厅": "湖南省商务厅", "省文旅厅": "湖南省文化和旅游厅",
    "省应急厅": "湖南省应急管理厅", "省公安厅": "湖南省公安厅", "省司法厅": "湖南省司法厅",
    "省统计局": "湖南省统计局", "省生态环境厅": "湖南省生态环境厅", "省科技厅": "湖南省科学技术厅",
    "省退役军人厅": "湖南省退役军人事务厅", "省民宗委": "湖南省民族宗教事务委员会", "省外办": "湖南省人民政府外事办公室",
    "省税务局": "国家税务总局湖南省税务局", "省政府办公厅": "湖南省人民政府办公厅", "省政府": "湖南省人民政府",
    "长沙市人社局": "长沙市人力资源和社会保障局", "长沙市教育局": "长沙市教育局", "长沙公积金中心": "长沙市住房公积金管理中心",
    "长沙市政府": "长沙市人民政府", "长沙市政府办": "长沙市人民政府办公厅", "望城区政府": "长沙市望城区人民政府",
    "萍乡市民政局": "萍乡市民政局", "省地方金融监管局": "湖南省地方金融监督管理局",
}

# Place words in queries → the part of an issuer's name that says its place.
PLACES = {
    "长沙": "长沙市", "长沙市": "长沙市", "望城区": "望城区", "望城": "望城区", "天心区": "天心区", "株洲": "株洲市",
    "湘潭市": "湘潭市", "岳阳": "岳阳市", "衡阳市": "衡阳市", "永州": "永州市", "成都": "成都市", "萍乡市": "萍乡市",
    "萍乡": "萍乡市", "湖南省": "湖南省",
}

# Citizens' words → the policy words that mean the same.
CITIZEN = {
    "失业金": ["失业保险金"], "老年证": ["老年人优待"], "廉租房": ["公共租赁住房"], "公租房": ["公共租赁住房"],
    "低保": ["最低生活保障"], "退休金": ["基本养老金"], "养老金": ["基本养老金"], "医保": ["基本医疗保险", "医疗保障", "城乡居民医保"],
    "公积金": ["住房公积金"], "身份证": ["居民身份证"], "驾照": ["机动车驾驶证", "驾驶证"], "户口": ["户籍管理", "户籍"],
    "高龄补贴": ["高龄津贴"], "五保户": ["特困人员救助供养"], "个体户": ["个体工商户"], "创业贷款": ["创业担保贷款"],
    "看病报销": ["基本医疗保险", "门诊共济", "异地就医"], "异地看病": ["异地就医"], "退伍军人": ["退役军人"],
    "助学金": ["学生资助"], "请律师没钱": ["法律援助"], "带娃补贴": ["育儿补贴"], "托儿所": ["托育服务"],
    "残疾补贴": ["残疾人两项补贴"], "充电桩": ["充电基础设施"], "老人补贴": ["高龄津贴", "养老服务补贴"],
    "扔垃圾": ["垃圾分类"], "老小区改造": ["老旧小区改造"], "找工作": ["就业"], "大学生就业": ["高校毕业生就业", "高校毕业生"],
    "考公务员": ["公务员考录"], "拆迁补偿": ["土地征收"], "房产证": ["不动产登记"], "小孩上学": ["义务教育"],
}

QUESTION_FORMS = ("怎么申请", "需要什么材料", "多少钱", "在哪里办", "申请条件是什么", "标准是多少")

HOMOPHONES = {"保": "宝", "险": "显", "养": "样", "金": "今", "申": "深", "障": "账", "房": "方", "积": "机", "疗": "聊",
              "救": "就", "助": "住", "贷": "代", "款": "宽", "登": "灯", "证": "正", "政": "正", "户": "护", "籍": "级"}

# Things this government does not publish (another authority's service, or nothing of the state's):
# the essential words, which must occur in no document, then the query.
NEGATIVE = [
    (["护照"], "护照加急办理"), (["签证"], "签证延期怎么办"), (["征信"], "个人征信报告查询"), (["彩票"], "彩票中奖领奖"),
    (["航班"], "航班延误赔偿"), (["话费"], "手机话费充值"), (["股票"], "股票开户流程"), (["高考分数线"], "高考分数线查询"),
    (["驾考"], "驾考科目三预约"), (["ETC"], "ETC办理"), (["宠物"], "宠物狗办证"), (["离婚"], "离婚冷静期"),
    (["外卖"], "外卖骑手保险"), (["演唱会"], "演唱会门票"), (["二手车"], "二手车过户"), (["信用卡"], "信用卡逾期"),
    (["网约车"], "网约车驾驶员证"), (["天气预报"], "明天天气预报"),
]


def on_topic(doc, words) -> bool:
    where = doc.title + doc.summary
    return any(w in where for w in words)


def grade(doc, need: dict) -> int:
    if need.get("doc_number"):
        from policies.docnumber import normalize_doc_number

        return 2 if normalize_doc_number(doc.doc_number) == normalize_doc_number(need["doc_number"]) else 0
    words = need.get("words")
    issuer = need.get("issuer")
    if words:
        if not on_topic(doc, words):
            return 0
    elif not (issuer and doc.issuer == issuer):
        return 0
    right = doc.valid
    if issuer and doc.issuer != issuer:
        right = False
    if need.get("place") and need["place"] not in doc.issuer:
        right = False
    if need.get("year") and doc.year != need["year"] and f"{need['year']}年" not in doc.title:
        right = False
    return 2 if right else 1


def topic_words(docs) -> list[str]:
    """Policy words of the corpus: the generator's topic terms and the words of demo titles that they include."""
    from policies.corpus.phrases import TOPICS

    words = sorted({t for _, subs, _, _ in TOPICS.values() for ts in subs.values() for t in ts if len(t) >= 3})
    return [w for w in words if sum(1 for d in docs if on_topic(d, [w])) >= 1]


def pinyin_of(word: str, initials: bool = False) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(word, style=Style.FIRST_LETTER if initials else Style.NORMAL))


def make_queries(docs) -> list[dict]:
    rng = random.Random(SEED)
    words = topic_words(docs)
    issuers = {d.issuer for d in docs}
    by_issuer = {}
    for d in docs:
        for w in words:
            if w in d.title + d.summary:
                by_issuer.setdefault(d.issuer, set()).add(w)
    specs = []
    for alias, full in sorted(AGENCIES.items()):
        if full not in issuers:
            continue
        specs.append(("agency", alias, {"issuer": full}))
        for w in sorted(rng.sample(sorted(by_issuer.get(full, ())), k=min(2, len(by_issuer.get(full, ()))))):
            query = f"{alias} {w}" if rng.random() < 0.5 else f"{alias}{w}"
            specs.append(("agency", query, {"issuer": full, "words": [w]}))
    place_words = sorted(PLACES)
    for _ in range(40):
        place = rng.choice(place_words)
        have = sorted({w for i, ws in by_issuer.items() if PLACES[place] in i for w in ws})
        if not have:
            continue
        w = rng.choice(have)
        query = rng.choice((f"{place}{w}", f"{place} {w}"))
        specs.append(("place_year", query, {"words": [w], "place": PLACES[place]}))
    for _ in range(30):
        doc = rng.choice(docs)
        ws = [w for w in words if w in doc.title + doc.summary]
        if not ws or not doc.year:
            continue
        w = rng.choice(ws)
        form = rng.random()
        if form < 0.5:
            specs.append(("place_year", f"{doc.year}年{w}", {"words": [w], "year": doc.year}))
        else:
            place = next((p for p, where in PLACES.items() if where in doc.issuer and len(p) > 2), None)
            if place is None:
                specs.append(("place_year", f"{w} {doc.year}", {"words": [w], "year": doc.year}))
            else:
                need = {"words": [w], "year": doc.year, "place": PLACES[place]}
                specs.append(("place_year", f"{place}{doc.year}年{w}", need))
    for citizen, policy in sorted(CITIZEN.items()):
        specs.append(("citizen_words", citizen, {"words": policy}))
    question_subjects = sorted(CITIZEN.items()) + [(w, [w]) for w in words]
    for _ in range(30):
        subject, policy = rng.choice(question_subjects)
        specs.append(("question", f"{subject}{rng.choice(QUESTION_FORMS)}", {"words": policy}))
    numbered = [d for d in docs if d.doc_number]
    for doc in rng.sample(numbered, 24):
        number = doc.doc_number
        m = re.match(r"(.+?)〔(\d{4})〕(\d+)号", number)
        variants = [number]
        if m:
            prefix, year, seq = m.groups()
            variants += [f"{prefix}[{year}]{seq}号", f"{prefix}({year}){seq}号", f"{prefix}{year}{seq}号",
                         f"{prefix}〔{year}〕{seq}"]
        specs.append(("doc_number", rng.choice(variants), {"doc_number": number}))
    pool = [w for w in words if 3 <= len(w) <= 6] + ["公共租赁住房", "住房公积金", "最低生活保障"]
    for w in rng.sample(pool, 18):
        spaced = " ".join(pinyin_of(ch) for ch in w) if rng.random() < 0.3 else pinyin_of(w)
        specs.append(("pinyin", spaced, {"words": [w]}))
    for w in rng.sample(pool, 10):
        specs.append(("initials", pinyin_of(w, initials=True), {"words": [w]}))
    for short, meant in (("gzf", ["公共租赁住房"]), ("gjj", ["住房公积金"]), ("ylj", ["基本养老金"]), ("db", ["最低生活保障"]),
                         ("yb", ["基本医疗保险", "医疗保障", "城乡居民医保"]), ("yl", ["养老服务", "基本养老金", "基本养老保险"])):
        specs.append(("initials", short, {"words": meant}))
    typo_pool = [w for w in pool if any(ch in HOMOPHONES for ch in w)]
    for w in rng.sample(typo_pool, min(20, len(typo_pool))):
        spots = [i for i, ch in enumerate(w) if ch in HOMOPHONES]
        i = rng.choice(spots)
        specs.append(("typo", w[:i] + HOMOPHONES[w[i]] + w[i + 1:], {"words": [w]}))
    out, seen = [], set()
    for kind, query, need in specs:
        if query in seen:
            continue
        seen.add(query)
        judged = {d.key: g for d in docs if (g := grade(d, need))}
        if not any(g == 2 for g in judged.values()):
            continue  # nothing the citizen wants is in the corpus: not a fair positive query
        out.append({"id": f"q{len(out) + 1:03d}", "kind": kind, "query": query, "need": need, "judgements": judged})
    for essentials, query in NEGATIVE:
        if any(e in d.title + d.summary + d.text for d in docs for e in essentials):
            continue  # the corpus does publish something about it
        out.append({"id": f"q{len(out) + 1:03d}", "kind": "negative", "query": query, "need": {"absent": essentials},
                    "judgements": {}})
    return out


def main() -> None:
    import tempfile

    # Always a fresh SQLite file of its own, whatever DATABASE_URL says: the corpus must never land in a real database.
    with tempfile.TemporaryDirectory(prefix="evalset-build-") as scratch:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(scratch) / 'corpus.sqlite3'}"
        os.environ["SEARCH_INDEX_DIR"] = str(Path(scratch) / "whoosh")
        os.environ.pop("REDIS_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
        import django

        django.setup()
        from bench.eval import corpus

        corpus.build()
        docs = corpus.documents()
    queries = make_queries(docs)
    with open(OUT, "w", encoding="utf-8") as handle:
        for q in queries:
            handle.write(json.dumps(q, ensure_ascii=False, sort_keys=True) + "\n")
    kinds = {}
    for q in queries:
        kinds[q["kind"]] = kinds.get(q["kind"], 0) + 1
    print(f"{len(docs)} documents, {len(queries)} queries: {kinds}")


if __name__ == "__main__":
    main()
