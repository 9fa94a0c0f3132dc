#!/usr/bin/env python3
"""Turn bench/load.sh's wrk outputs into the "## Load" section of bench/RESULTS.md.

Only that section is written: it replaces an earlier "## Load" section, or is appended; every
other section of the file (e.g. the search engineer's "## Search") stays as it is.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
# {n}: how many URLs bench/load.sh rotated through (its paths-<page>.txt).
PAGES = [("home", "首页 /", ""), ("list", "政策文件列表 /policies/", "（含筛选、翻页，轮换 {n} 个地址）"),
         ("detail", "政策文件详情 /policies/…/", "（轮换 {n} 件文件）"),
         ("search", "搜索 /search/?q=…", "（轮换 {n} 个常见查询）"),
         ("tail", "搜索长尾 /search/?q=…", "（{n} 个各不相同的查询，一次运行中不重复）"), ("elder", "长者专区 /elder/", "")]
ANALYSIS = "### 分析（Load）"
P99_TARGET_MS = 1000


def parse(text: str) -> dict:
    def num(pattern, default=0.0):
        match = re.search(pattern, text)
        return float(match.group(1)) if match else default

    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {
        "rps": num(r"Requests/sec:\s+([\d.]+)"),
        "requests": int(num(r"(\d+) requests in")),
        "p50": num(r"(?m)^p50_us (\d+)") / 1000,
        "p99": num(r"(?m)^p99_us (\d+)") / 1000,
        "max": num(r"(?m)^max_us (\d+)") / 1000,
        "errors": sum(int(g) for g in socket.groups()) if socket else 0,
        "error_detail": socket.group(0) if socket else "",
        "non2xx": int(num(r"(?m)^non2xx (\d+)")),
        "codes": re.findall(r"(?m)^status (\d+) (\d+)", text),
    }


def section(results: Path, args) -> str:
    rows, misses = [], []
    for key, label, rotation in PAGES:
        path = results / f"{key}.txt"
        if not path.exists():
            continue
        text = path.read_text()
        r = parse(text)
        paths = Path(args.paths) / f"paths-{key}.txt" if args.paths else None
        if rotation and paths and paths.exists():
            label += rotation.format(n=len(paths.read_text().split()))
        codes = "，".join(f"{c}×{n}" for c, n in r["codes"])
        rows.append(f"| {label} | {r['rps']:.1f} | {r['requests']} | {r['p50']:.0f} | {r['p99']:.0f} | {r['max']:.0f} "
                    f"| {r['errors']} | {r['non2xx']}{f'（{codes}）' if codes else ''} |")
        if r["errors"] or r["non2xx"]:
            misses.append(f"- {label}：{r['errors']} 个连接错误（{r['error_detail']}），{r['non2xx']} 个非 2xx 响应。")
        if r["p99"] > P99_TARGET_MS:
            misses.append(f"- {label}：p99 = {r['p99']:.0f} ms，超过 {P99_TARGET_MS} ms 的目标。")
    tracebacks = (results / "tracebacks").read_text().strip() if (results / "tracebacks").exists() else "0"
    cpu = os.cpu_count()
    load = {when: (results / f"loadavg-{when}").read_text().strip() if (results / f"loadavg-{when}").exists() else "?"
            for when in ("before", "after")}
    title = ("按现状（portal/settings.py 默认，PAGE_CACHE_SECONDS=0，整页缓存关闭）" if args.variant == "shipped"
             else f"开启整页缓存（PAGE_CACHE_SECONDS={args.variant.split('-')[-1]}，同 deploy/.env.example）")
    during = "、".join(f"{key} {(results / f'loadavg-{key}').read_text().strip()}"
                       for key, _, _ in PAGES if (results / f"loadavg-{key}").exists())
    lines = [
        f"### {title}",
        "",
        f"`{'PAGE_CACHE=' + args.variant.split('-')[-1] + ' ' if args.variant != 'shipped' else ''}bench/load.sh`，"
        f"{dt.date.today():%Y-%m-%d}：wrk {args.connections} 个连接、每页 {args.duration}，"
        f"gunicorn {args.workers} 个 sync worker（deploy/gunicorn.conf.py，preload），PostgreSQL + Redis（缓存），"
        f"DEBUG=0，静态文件已 collectstatic；数据：演示数据 + 合成语料，共 {args.policies} 件已发布政策文件。"
        f"机器：{cpu} 核（wrk 与 gunicorn、PostgreSQL 同机），Python {platform.python_version()}。",
        "",
        "| 页面 | 吞吐（请求/秒） | 请求数 | p50（ms） | p99（ms） | 最大（ms） | 连接错误 | 非 2xx |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
        "",
        f"目标：0 错误、0 非 2xx、p99 ≤ {P99_TARGET_MS} ms。gunicorn 日志中的异常：{tracebacks} 个。"
        f"机器负载（1/5/15 分钟平均）：开始 {load['before']}，结束 {load['after']}"
        + (f"；各页压测结束时的 1 分钟平均：{during}" if during else "") + "。",
    ]
    if misses:
        lines += ["", "未达标：", *misses]
    else:
        lines += ["", "全部达标。"]
    if args.note:
        lines += ["", args.note]
    return "\n".join(lines) + "\n"


def current_analysis() -> str:
    """The hand-written analysis at the end of the current section, kept across runs."""
    text = RESULTS.read_text() if RESULTS.exists() else ""
    match = re.search(r"^## Load\n.*?(?=^## |\Z)", text, re.M | re.S)
    start = match.group(0).find(ANALYSIS) if match else -1
    return match.group(0)[start:].rstrip("\n") + "\n" if start >= 0 else ""


def assemble(results: Path, variant: str, fragment: str) -> str:
    """The section holds one fragment per variant (kept beside the results), the shipped one first,
    then the analysis."""
    (results.parent / f"report-{variant}.md").write_text(fragment)
    fragments = sorted(results.parent.glob("report-*.md"), key=lambda p: (p.name != "report-shipped.md", p.name))
    intro = ("`bench/load.sh` 由人工运行（不在 CI 中）：wrk 依次压测首页、政策文件列表、详情、搜索、搜索长尾、长者专区，"
             "每页 60 秒、64 个连接，目标为 0 错误、0 非 2xx、p99 ≤ 1 秒。列表、详情和搜索各轮换许多地址"
             "（bench/load_paths.py），以免缓存只见到同一个页面。每次运行先清空 Redis 中的缓存，每页压测前把它要轮换的"
             "地址各取一次（稳定运行中的网站）；搜索长尾不预热，每个查询在一次运行中只出现一次（缓存帮不上的情形）。")
    analysis = current_analysis()
    return "## Load\n\n" + intro + "\n\n" + "\n".join(p.read_text() for p in fragments) + (f"\n{analysis}" if analysis else "")


def write(text: str) -> None:
    current = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n"
    pattern = re.compile(r"^## Load\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text + "\n", current, count=1)
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(updated.rstrip("\n") + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("results", type=Path)
    parser.add_argument("--duration", default="60s")
    parser.add_argument("--connections", default="64")
    parser.add_argument("--workers", default="?")
    parser.add_argument("--policies", default="?")
    parser.add_argument("--paths", default="", help="the directory with paths-<page>.txt")
    parser.add_argument("--note", default=os.environ.get("LOAD_NOTE", ""))
    parser.add_argument("--variant", default="shipped")
    args = parser.parse_args()
    fragment = section(args.results, args)
    print(fragment)
    write(assemble(args.results, args.variant, fragment))


if __name__ == "__main__":
    main()
