#!/usr/bin/env python
"""Search quality on the judged evaluation set (bench/eval/queries.jsonl), per engine.

    .venv/bin/python bench/search_quality.py                       # SQLite file, Whoosh
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/search_quality.py                   # its own PG database, Whoosh and PostgreSQL

The evaluation corpus (bench/eval/corpus.py: seed_demo + generated documents) is built in a
throw-away database — a temporary SQLite file, or on PostgreSQL a database of its own name
(--db-name, created anew and dropped afterwards) — and the judgements are checked against it (the builder's
rule is applied again and must give the file's grades). Each engine's index is rebuilt, every query goes
through portal.search.service.search() restricted to policy documents (the policy library's path
on /search/?type=policy and /api/search/), and the top 10 are scored: nDCG@10, Recall@10 and MRR
per kind and overall (positive queries), and the result count of the negative queries.
Figures go to bench/out/search-quality.json; bench/RESULTS.md is written by hand from them.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from statistics import mean, median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from bench.eval import build as judged  # noqa: E402
from bench.eval.metrics import ndcg_at, recall_at, reciprocal_rank  # noqa: E402

OUT = ROOT / "bench" / "out"
FEW = 3  # the bound on what a negative query may show


def drop_database(server: str, db_name: str) -> None:
    from urllib.parse import urlparse, urlunparse

    import psycopg

    with psycopg.connect(urlunparse(urlparse(server)._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')


def setup(db_name: str, scratch: str) -> list[str]:
    """Point Django at a fresh database and index directory; returns the engines to measure."""
    from urllib.parse import urlparse, urlunparse

    server = os.environ.get("DATABASE_URL", "")
    os.environ["SEARCH_INDEX_DIR"] = str(Path(scratch) / "whoosh")
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    if server.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlparse(server)
        drop_database(server, db_name)
        with psycopg.connect(urlunparse(parts._replace(path="/postgres")), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{db_name}"')
        os.environ["DATABASE_URL"] = urlunparse(parts._replace(path=f"/{db_name}"))
        engines = ["whoosh", "postgres"]
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(scratch) / 'quality.sqlite3'}"
        engines = ["whoosh"]
    import django

    django.setup()
    return engines


def load_queries() -> list[dict]:
    with open(judged.OUT, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def check_judgements(queries: list[dict], docs) -> None:
    """The file's grades must be what the rule gives on this corpus (a changed demo or generator shows here)."""
    stale = [q["id"] for q in queries if q["kind"] != "negative"
             and {d.key: g for d in docs if (g := judged.grade(d, q["need"]))} != q["judgements"]]
    if stale:
        raise SystemExit(f"bench/eval/queries.jsonl 与当前语料不符（{len(stale)} 条，如 {stale[:5]}）：请运行 bench/eval/build.py")


def run(engine: str, queries: list[dict]) -> dict:
    from engines import use_engine

    from portal.search import engines as search_engines
    from portal.search import service

    use_engine(engine)
    started = time.perf_counter()
    search_engines.rebuild()
    rebuild_seconds = time.perf_counter() - started
    per_query = []
    for q in queries:
        results = service.search(q["query"], type_name="policy", log=False)
        ranking = [item.obj.index_number for item in results.items[:10]]
        row = {"id": q["id"], "kind": q["kind"], "query": q["query"], "count": results.count, "top": ranking}
        if q["kind"] != "negative":
            row.update(ndcg=ndcg_at(ranking, q["judgements"]), recall=recall_at(ranking, q["judgements"]),
                       rr=reciprocal_rank(ranking, q["judgements"]))
        per_query.append(row)
    return {"rebuild_seconds": round(rebuild_seconds, 1), "queries": per_query, **summarise(per_query)}


def summarise(rows: list[dict]) -> dict:
    def figures(group):
        return {"queries": len(group), "ndcg@10": round(mean(r["ndcg"] for r in group), 3),
                "recall@10": round(mean(r["recall"] for r in group), 3), "mrr": round(mean(r["rr"] for r in group), 3)}

    positive = [r for r in rows if r["kind"] != "negative"]
    kinds = sorted({r["kind"] for r in positive})
    negative = [r["count"] for r in rows if r["kind"] == "negative"]
    return {"overall": figures(positive), "positive_without_results": sum(1 for r in positive if r["count"] == 0),
            "by_kind": {k: figures([r for r in positive if r["kind"] == k]) for k in kinds},
            "negative": {"queries": len(negative), "mean_count": round(mean(negative), 1) if negative else 0,
                         "median_count": median(negative) if negative else 0, "max_count": max(negative, default=0),
                         f"at_most_{FEW}": sum(1 for c in negative if c <= FEW)}}


def print_report(report: dict) -> None:
    engines = list(report["engines"])
    print(f"{report['documents']} documents, {report['queries']} queries — {report['date']} {report['commit']}")
    print("| kind | queries | " + " | ".join(f"{e} nDCG@10 / R@10 / MRR" for e in engines) + " |")
    first = report["engines"][engines[0]]
    for kind in [*first["by_kind"], "overall"]:
        cells = []
        for e in engines:
            f = report["engines"][e]["overall"] if kind == "overall" else report["engines"][e]["by_kind"][kind]
            cells.append(f"{f['ndcg@10']:.3f} / {f['recall@10']:.3f} / {f['mrr']:.3f}")
        n = first["overall" if kind == "overall" else "by_kind"]
        n = n["queries"] if kind == "overall" else n[kind]["queries"]
        print(f"| {kind} | {n} | " + " | ".join(cells) + " |")
    for e in engines:
        neg = report["engines"][e]["negative"]
        print(f"{e}: negative queries {neg['queries']}, results mean {neg['mean_count']} / "
              f"median {neg['median_count']} / "
              f"max {neg['max_count']}, with ≤ {FEW} results: {neg[f'at_most_{FEW}']}; "
              f"positive queries without results: {report['engines'][e]['positive_without_results']}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db-name", default="portal_quality_evalset", help="the PostgreSQL database to (re)create")
    args = parser.parse_args()
    import subprocess

    server = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="search-quality-") as scratch:
        engines = setup(args.db_name, scratch)
        from bench.eval import corpus

        corpus.build()
        docs = corpus.documents()
        queries = load_queries()
        check_judgements(queries, docs)
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=ROOT).stdout.strip()
        report = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "commit": commit,
                  "documents": len(docs), "queries": len(queries),
                  "engines": {engine: run(engine, queries) for engine in engines}}
        if len(engines) > 1:
            from django.db import connections

            connections.close_all()
            drop_database(server, args.db_name)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "search-quality.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print_report(report)


if __name__ == "__main__":
    main()
