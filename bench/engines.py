#!/usr/bin/env python
"""The two search engines side by side on one PostgreSQL database: Whoosh and PostgreSQL (RUM).

    .venv/bin/python bench/engines.py --corpus laws     # 26,196 real law articles
    .venv/bin/python bench/engines.py --corpus large    # 200,000 generated documents (long)

The corpus is loaded once into a database of its own (portal_bench_<corpus> on the PostgreSQL of
DATABASE_URL, default 127.0.0.1:5432), then each engine's index is fully rebuilt (timed; size on
disk: the Whoosh directory, or the search table with its indexes). The same 200 mixed queries as
bench/search_latency.py go through portal.search.service.search() (the path of /search/ and
/api/search/: query understanding, the engine, retries, rows loaded, snippets) with each engine,
after a warm-up pass; the icontains scan of the same words is the baseline. Wall-clock times (the
PostgreSQL engine's work happens in the server process, so CPU time of this process would hide
it). Figures go to bench/out/engines-<corpus>.json; bench/RESULTS.md is written by hand from them.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import search_latency as base  # noqa: E402


def setup(corpus: str) -> str:
    from urllib.parse import urlparse, urlunparse

    import psycopg

    server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = f"portal_bench_{corpus}"
    parts = urlparse(server)
    with psycopg.connect(urlunparse(parts._replace(path="/postgres")), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    base.OUT.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = urlunparse(parts._replace(path=f"/{name}"))
    os.environ["SEARCH_INDEX_DIR"] = str(base.OUT / f"whoosh-pg-{corpus}")
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return name


def use_engine(name: str) -> None:
    from django.conf import settings
    from haystack import connections

    settings.HAYSTACK_CONNECTIONS = {"default": {**settings.SEARCH_ENGINES[name], "PATH": str(settings.SEARCH_INDEX_DIR)}}
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.reload("default")


def size_on_disk(engine: str) -> int:
    from django.conf import settings
    from django.db import connection

    if engine == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_searchdocument')")
            return cursor.fetchone()[0]
    real = os.path.realpath(settings.SEARCH_INDEX_DIR)
    return int(subprocess.run(["du", "-sb", real], capture_output=True, text=True).stdout.split()[0])


def measure(corpus: str, engines: list[str], rebuild: bool) -> dict:
    from portal.search import engines as search_engines
    from portal.search import service

    documents = base.load_corpus(corpus)
    queries = None  # picked from the Whoosh index's words (bench/search_latency.py), once it is built
    report = {"corpus": corpus, "documents": documents, "queries": base.QUERIES, "machine": base.machine(),
              "date": time.strftime("%Y-%m-%d %H:%M"), "engines": {}}
    per_query = {}
    for engine in engines:
        use_engine(engine)
        entry = {}
        if rebuild or not search_engines.current().ready():
            started = time.perf_counter()
            built = search_engines.rebuild()
            entry["rebuild_seconds"] = round(time.perf_counter() - started, 1)
            entry["rebuild_workers"] = built.workers
        entry["size_bytes"] = size_on_disk(engine)
        if queries is None:
            use_engine("whoosh")
            if not search_engines.current().ready():
                search_engines.rebuild()
            queries = base.make_queries(random.Random(base.SEED))
            use_engine(engine)
        cold, _ = base.timed(service.search, queries[0][1], type_name="policy", log=False)
        for _, query in queries:
            service.search(query, type_name="policy", log=False)
        samples, by_kind, counts = [], {}, []
        for kind, query in queries:
            seconds, results = base.timed(service.search, query, type_name="policy", log=False)
            samples.append(seconds)
            by_kind.setdefault(kind, []).append(seconds)
            counts.append(results.count)
            per_query.setdefault(query, {})[engine] = {"count": results.count, "fallback": results.fallback,
                                                     "top": [item.obj.pk for item in results.items[:10]]}
        entry.update({"cold_first_query_ms": round(cold * 1000, 1), "service": base.summary(samples),
                      "by_kind_p95": {k: base.summary(v)["p95"] for k, v in sorted(by_kind.items())},
                      "fallbacks": sum(1 for q in per_query.values() if q[engine]["fallback"]),
                      "zero_result_queries": sum(1 for c in counts if c == 0)})
        report["engines"][engine] = entry
    like = [base.timed(base.icontains_ids, query)[0] for _, query in queries]
    report["icontains"] = base.summary(like)
    if len(engines) == 2:
        same_count = sum(1 for q in per_query.values() if q[engines[0]]["count"] == q[engines[1]]["count"])
        overlap = [len(set(q[engines[0]]["top"]) & set(q[engines[1]]["top"])) / max(1, len(q[engines[0]]["top"]))
                   for q in per_query.values() if q[engines[0]]["top"]]
        report["agreement"] = {"distinct_queries": len(per_query), "same_count": same_count, "top10_overlap_mean": round(sum(overlap) / max(1, len(overlap)), 3)}
    report["load_average"] = os.getloadavg()
    (base.OUT / f"engines-{corpus}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", choices=sorted(base.CORPORA), default="laws")
    parser.add_argument("--engines", default="whoosh,postgres")
    parser.add_argument("--no-rebuild", action="store_true", help="reuse the indexes of an earlier run")
    args = parser.parse_args()
    setup(args.corpus)
    report = measure(args.corpus, args.engines.split(","), rebuild=not args.no_rebuild)
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
