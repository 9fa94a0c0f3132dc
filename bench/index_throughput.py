#!/usr/bin/env python
"""Full-rebuild throughput next to raw jieba, the floor of indexing Chinese text.

    .venv/bin/python bench/index_throughput.py                  # small + laws
    .venv/bin/python bench/index_throughput.py --corpus large

For each corpus (same databases as bench/search_latency.py, under bench/out/): the text each
document is indexed with is rendered once (not timed); raw jieba `cut_for_search` over exactly
that text is timed in one process; then `rebuild_index` (portal.search.build: new generation,
swap) is timed with 1 worker and with one worker per CPU, each in a fresh process so that its
peak memory (parent and worker processes) is its own. Figures: documents/s, characters/s and the
ratio to raw jieba. Results go to bench/out/throughput-<corpus>.json and bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_latency import CORPORA, OUT, ROOT, load_corpus, machine, setup_django  # noqa: E402


def index_texts() -> list[str]:
    from haystack import connections

    from policies.models import PolicyDocument

    index = connections["default"].get_unified_index().get_index(PolicyDocument)
    field = index.fields[index.get_content_field()]
    return [field.prepare(obj) for obj in index.index_queryset().order_by("pk").iterator(chunk_size=2000)]


def measure_jieba(name: str) -> dict:
    from portal.search.segment import tokenizer

    load_corpus(name)
    texts = index_texts()
    tok = tokenizer()
    start = time.perf_counter()
    tokens = 0
    for text in texts:
        for _ in tok.cut_for_search(text):
            tokens += 1
    seconds = time.perf_counter() - start
    chars = sum(len(t) for t in texts)
    return {"documents": len(texts), "characters": chars, "seconds": seconds, "tokens": tokens,
            "chars_per_s": chars / seconds, "docs_per_s": len(texts) / seconds}


def measure_rebuild(name: str, workers: int) -> dict:
    from portal.search.build import rebuild
    from portal.search.segment import tokenizer

    load_corpus(name)
    tokenizer()  # loaded once per process, before the clock starts (as in a running worker)
    report = rebuild(workers=workers)
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"workers": report.workers, "documents": report.documents, "characters": report.characters,
            "cpu_seconds": resource.getrusage(resource.RUSAGE_SELF).ru_utime
            + resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime,
            "seconds": report.seconds, "docs_per_s": report.documents / report.seconds,
            "chars_per_s": report.characters / report.seconds, "peak_rss_mb": round(self_mb),
            "peak_rss_mb_worker": round(children_mb) if report.workers > 1 else 0}


def run_child(name: str, what: str, timeout: int) -> dict | None:
    cmd = [sys.executable, __file__, "--one", name, "--what", what]
    try:
        done = subprocess.run(cmd, check=True, timeout=timeout or None, capture_output=True, text=True)
    except subprocess.TimeoutExpired:
        print(f"{name} {what}: stopped after {timeout} s", file=sys.stderr)
        return None
    except subprocess.CalledProcessError as exc:
        print(exc.stderr[-3000:], file=sys.stderr)
        raise
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(name: str, timeout: int) -> dict:
    jieba = run_child(name, "jieba", timeout)
    rebuilds = []
    for workers in sorted({1, os.cpu_count() or 1}):
        result = run_child(name, f"rebuild:{workers}", timeout)
        if result:
            result["ratio_to_jieba"] = result["chars_per_s"] / jieba["chars_per_s"] if jieba else None
            rebuilds.append(result)
    report = {"corpus": name, "machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M"), "jieba": jieba,
              "rebuilds": rebuilds, "load_average": os.getloadavg()}
    (OUT / f"throughput-{name}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return report


def render_throughput(out: Path) -> list[str]:
    found = [json.loads((out / f"throughput-{n}.json").read_text()) for n in CORPORA
             if (out / f"throughput-{n}.json").exists()]
    if not found:
        return []
    lines = ["### Full rebuild throughput", "",
             "| corpus | docs | chars | date | raw jieba cut_for_search | rebuild workers | rebuild time | docs/s "
             "| chars/s | ÷ raw jieba | peak RSS parent / each worker |",
             "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in found:
        jieba = r["jieba"] or {}
        for b in r["rebuilds"]:
            ratio = f"{b['ratio_to_jieba'] * 100:.0f} %" if b.get("ratio_to_jieba") else "–"
            lines.append(
                f"| {r['corpus']} | {b['documents']:,} | {b['characters']:,} | {r['date']} "
                f"| {jieba.get('chars_per_s', 0):,.0f} chars/s | {b['workers']} | {b['seconds']:.1f} s "
                f"| {b['docs_per_s']:,.0f} | {b['chars_per_s']:,.0f} | {ratio} "
                f"| {b['peak_rss_mb']} MB / {b['peak_rss_mb_worker'] or '–'} MB |")
    return lines + [""]


# --- RESULTS.md ----------------------------------------------------------------------------------------
def write_results() -> None:
    """Regenerate the "## Search" section of bench/RESULTS.md from bench/out/*.json (other
    sections, such as "## Load", are kept as they are)."""
    results = ROOT / "bench" / "RESULTS.md"
    section = render_section()
    text = results.read_text("utf-8") if results.exists() else "# Benchmark results\n\n"
    start = text.find("## Search")
    if start == -1:
        text = text.rstrip() + "\n\n" + section
    else:
        end = text.find("\n## ", start + 3)
        text = text[:start] + section + (text[end + 1:] if end != -1 else "")
    results.write_text(text, "utf-8")


def render_section() -> str:
    lines = ["## Search", ""]
    latency = [json.loads((OUT / f"latency-{n}.json").read_text()) for n in CORPORA
               if (OUT / f"latency-{n}.json").exists()]
    if latency:
        lines += [f"Machine: {latency[0]['machine']}. Produced by `bench/search_latency.py` and "
                  "`bench/index_throughput.py`; raw figures in bench/out/*.json.", "",
                  "### Query latency (200 mixed queries, after warm-up; ms)", "",
                  "| corpus | docs | date | search path p50 / p95 | API view p95 | Whoosh engine p95 | unoptimised p95 "
                  "| icontains p50 / p95 | icontains ÷ search (p95) | identical results |",
                  "|---|---:|---|---:|---:|---:|---:|---:|---:|---|"]
        for r in latency:
            ratio = r["icontains"]["p95"] / r["service"]["p95"] if r["service"]["p95"] else 0
            lines.append(
                f"| {r['corpus']} | {r['documents']:,} | {r['date']} | {r['service']['p50']} / {r['service']['p95']} "
                f"| {r['api_view']['p95']} | {r['engine']['p95']} | {r['unoptimised']['p95']} "
                f"| {r['icontains']['p50']} / {r['icontains']['p95']} | {ratio:.2f}× "
                f"| {'yes' if r['identical_to_unoptimised'] else 'NO: ' + ', '.join(r['mismatches'][:3])} |")
        lines += ["", "p95 of the search path by query kind (ms):", ""]
        kinds = sorted({k for r in latency for k in r["by_kind_p95"]})
        lines += ["| corpus | " + " | ".join(kinds) + " |", "|---|" + "---:|" * len(kinds)]
        for r in latency:
            lines.append(f"| {r['corpus']} | " + " | ".join(str(r["by_kind_p95"].get(k, "–")) for k in kinds) + " |")
        lines += ["", "Cold first query after start (vocabulary for pinyin/typos built, searcher opened): "
                  + ", ".join(f"{r['corpus']} {r['cold_first_query_ms']} ms" for r in latency) + ".", ""]
    lines += render_throughput(OUT)
    lines += ["", NOTES.strip()]
    return "\n".join(lines).rstrip() + "\n"


NOTES = """
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=[*CORPORA, "all", "default"], default="default")
    parser.add_argument("--timeout", type=int, default=0, help="give up on one measurement after this many seconds")
    parser.add_argument("--one", choices=list(CORPORA), help=argparse.SUPPRESS)
    parser.add_argument("--what", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        setup_django(args.one)
        if args.what == "jieba":
            result = measure_jieba(args.one)
        else:
            result = measure_rebuild(args.one, int(args.what.split(":")[1]))
        print(json.dumps(result))
        return
    names = {"default": ["small", "laws"], "all": list(CORPORA)}.get(args.corpus, [args.corpus])
    for name in names:
        report = measure(name, args.timeout)
        print(json.dumps(report, ensure_ascii=False))
    write_results()


if __name__ == "__main__":
    main()
