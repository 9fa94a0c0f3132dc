"""Synthetic policy documents in the import format (one dict per document), deterministic per seed."""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from policies.corpus import templates as T
from policies.corpus.issuers import ADDRESSEES, ISSUERS, PLACES
from policies.corpus.phrases import DOC_KINDS, SECTION_HEADS, TOPICS

_NUMERALS = "一二三四五六七八九十"
FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2026, 10, 31)


def _region(issuer: str) -> str:
    for end in ("区", "县", "市", "省"):
        cut = issuer.find(end)
        if 0 < cut <= 8:
            # 长沙市望城区人民政府 → 长沙市望城区; 湖南省财政厅 → 湖南省
            rest = issuer[cut + 1:]
            for inner in ("区", "县"):
                j = rest.find(inner)
                if end == "市" and 0 < j <= 3:
                    return issuer[: cut + 1 + j + 1]
            return issuer[: cut + 1]
    return "我省"


class CorpusGenerator:
    def __init__(self, seed: int = 0):
        self.rng = random.Random(seed)
        self.seed = seed
        names = list(TOPICS)
        self.topic_names = names
        self.topic_weights = [TOPICS[n][0] for n in names]
        self._seq: dict[tuple[str, int], int] = {}
        self.by_topic = {n: [i for i in ISSUERS if not i[2] or n in i[2]] for n in names}

    def documents(self, count: int, *, dup_rate: float = 0.0) -> Iterator[dict]:
        made: list[dict] = []
        for number in range(1, count + 1):
            if made and self.rng.random() < dup_rate:
                doc = self._duplicate(self.rng.choice(made[-500:]), number)
            else:
                doc = self.document(number)
            if dup_rate:
                made.append(doc)
                del made[:-500]
            yield doc

    def _duplicate(self, original: dict, number: int) -> dict:
        """A reprint: the same text (exact) or with one sentence changed (near-duplicate)."""
        doc = dict(original, external_id=f"gen-{self.seed}-{number:07d}")
        if self.rng.random() < 0.5:
            paragraphs = doc["body"].split("</p>")
            i = self.rng.randrange(1, max(2, len(paragraphs) - 2))
            paragraphs[i] = paragraphs[i] + "（根据实际情况作了文字调整）"
            doc["body"] = "</p>".join(paragraphs)
        return doc

    def document(self, number: int) -> dict:
        rng = self.rng
        topic = rng.choices(self.topic_names, self.topic_weights)[0]
        _, subs, subjects, measures = TOPICS[topic]
        subtopic = rng.choice(list(subs))
        terms = subs[subtopic]
        others = [t for s, ts in subs.items() if s != subtopic for t in ts] or list(terms)
        issuer, prefixes, _ = rng.choice(self.by_topic[topic])
        region = _region(issuer)
        written = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
        published = min(written + dt.timedelta(days=rng.choice((0, 1, 2, 3, 5, 7, 10, 15))), LAST_DAY)
        kind = rng.choice(DOC_KINDS)
        slots = {
            "kw": rng.choice(terms), "kw2": rng.choice(terms), "kw3": rng.choice(others),
            "measure": rng.choice(measures), "region": region, "kind": kind, "kind_short": kind[-2:],
            "gov": f"{region}人民政府" if not region.startswith("我") else "省人民政府",
            "year": written.year, "year2": written.year + rng.choice((2, 3, 5)),
        }
        title, core = self._title(issuer, region, rng.choice(subjects), slots, kind)
        slots["core"] = core
        doc_number = ""
        doc_type = rng.choices(("其他文件", "行政规范性文件", "规章"), (60, 35, 5))[0]
        if rng.random() < 0.85 or doc_type != "其他文件":
            prefix = rng.choice(prefixes)
            key = (prefix, written.year)
            self._seq[key] = self._seq.get(key, 0) + rng.randint(1, 3)
            doc_number = f"{prefix}〔{written.year}〕{self._seq[key]}号"
        age = LAST_DAY.year - written.year
        validity = "有效"
        if age >= 4 and rng.random() < 0.25:
            validity = rng.choice(("失效", "废止", "已修订"))
        body = self._body(issuer, slots, topic, terms, others, measures, written)
        category = f"{topic}\\{subtopic}" if subtopic else topic
        return {
            "title": title, "doc_number": doc_number, "issuer": issuer,
            "issued_date": written.isoformat(), "published_date": published.isoformat(),
            "category": category if rng.random() > 0.03 else "",
            "doc_type": doc_type, "validity": validity, "body": body,
            "source_url": f"http://www.example.gov.cn/zwgk/{written.year}/{number}.html",
            "summary": f"{slots['kw']}、{slots['kw2']}有关政策规定。",
            "external_id": f"gen-{self.seed}-{number:07d}",
        }

    def _title(self, issuer, region, subject, slots, kind) -> tuple[str, str]:
        rng = self.rng
        if subject.endswith(("通知", "意见", "决定", "批复")):
            core = f"关于{subject}"
            return core, core
        style = rng.random()
        if style < 0.45:
            core = f"{region}{subject}"
            return f"{issuer}关于印发《{core}》的通知", core
        if style < 0.75:
            core = f"关于{slots['measure']}的{kind}"
            return core, core
        core = f"关于做好{slots['year']}年{slots['kw']}工作的通知"
        return core, core

    def _fill(self, template: str, slots: dict) -> str:
        rng = self.rng
        money0 = rng.randrange(100, 2000, 10)
        values = {
            **slots,
            "place": rng.choice(PLACES), "target": rng.choice(T.TARGETS), "level": rng.choice(T.LEVELS),
            "law": rng.choice(T.LAWS), "dept": rng.choice(T.DEPTS), "dept2": rng.choice(T.DEPTS),
            "dept_short": rng.choice(("人民政府", "财政部门", "主管部门", "民政部门", "人社部门")),
            "pct": rng.choice((60, 70, 75, 80, 85, 90, 95, 98)), "money0": money0,
            "money": money0 + rng.randrange(10, 300, 5), "amount": rng.randrange(50, 50000, 50),
            "count": rng.randrange(1, 300) / 10, "award": rng.randrange(10, 500, 10), "month": rng.randint(1, 12), "n": rng.choice((3, 5, 7, 10, 15)),
            "n2": rng.choice((2, 3, 5)), "n3": rng.choice((20, 30, 45, 60)),
            "date": f"{slots['year']}年{rng.randint(1, 12)}月1日",
        }
        return template.format(**values)

    def _body(self, issuer, slots, topic, terms, others, measures, written) -> str:
        rng = self.rng
        dept = rng.choice(T.DEPTS)
        paragraphs = [rng.choice(ADDRESSEES).format(dept=dept[1:]), self._fill(rng.choice(T.OPENINGS), slots)]
        for index, heads in enumerate(rng.sample(SECTION_HEADS, k=rng.randint(2, 4))):
            paragraphs.append(f"{_NUMERALS[index]}、{rng.choice(heads)}")
            for _ in range(rng.randint(1, 3)):
                sentences = []
                for template in rng.sample(T.SENTENCES, k=rng.randint(2, 4)):
                    local = dict(slots, kw=rng.choice(terms), kw2=rng.choice(others + list(terms)),
                                 measure=rng.choice(measures))
                    sentences.append(self._fill(template, local))
                paragraphs.append("".join(sentences))
        paragraphs.append(self._fill(rng.choice(T.CLOSINGS), slots))
        paragraphs.append(issuer)
        paragraphs.append(f"{written.year}年{written.month}月{written.day}日")
        return "".join(f"<p>{p}</p>" for p in paragraphs)
