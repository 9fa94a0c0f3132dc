"""Write the URL lists bench/load.sh rotates through (bench/status.lua), one path a line.

Why: one fixed URL per page makes any cache trivially effective; visitors read many documents,
filter the list in many ways and search for many things.
  list    /policies/ itself, its next pages and the most used filters (发文机关, 年份, 主题, 文种)
  detail  500 published documents spread over the whole library
  search  the queries in bench/search_queries.txt (common citizens' searches)
  tail    10,000 searches none of which repeats in a run: words of the index's own vocabulary, alone
          and in pairs (the long tail, which a cache of answers cannot help)
load.sh runs it through `manage.py shell -c "from bench.load_paths import write; …"` (needs the database).
"""
from __future__ import annotations

import random
import re
from pathlib import Path
from urllib.parse import urlencode

from policies.models import PolicyDocument
from policies.selectors import PolicyFilters, policy_list_summary

QUERIES = Path(__file__).resolve().parent / "search_queries.txt"
CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def list_paths() -> list[str]:
    facets = policy_list_summary(PolicyFilters()).facets
    paths = ["/policies/"] * 10 + [f"/policies/?page={n}" for n in range(2, 11)]
    for name in ("issuer", "year", "topic", "doc_type"):
        paths += ["/policies/?" + urlencode({name: item["value"]}) for item in facets[name][:6]]
    year, issuer = facets["year"][0]["value"], facets["issuer"][0]["value"]
    paths += ["/policies/?" + urlencode({"issuer": issuer, "year": year}), "/policies/?" + urlencode({"year": year, "page": 2})]
    return paths


def detail_paths(count: int = 500) -> list[str]:
    ids = list(PolicyDocument.objects.public().order_by("pk").values_list("pk", flat=True))
    return [f"/policies/{pk}/" for pk in random.Random(2026).sample(ids, min(count, len(ids)))]


def search_paths() -> list[str]:
    queries = [line.strip() for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return ["/search/?" + urlencode({"q": q}) for q in queries]


def tail_paths(count: int = 10000) -> list[str]:
    from haystack import connections

    from portal.search import store

    backend = connections["default"].get_backend()
    backend.setup()
    reader = store.searcher(backend.path).reader()
    common = {line.strip() for line in QUERIES.read_text(encoding="utf-8").splitlines()}
    # Chinese words found in 5 to 5,000 documents: what people type, not 的 or a one-off name.
    words = sorted(term.decode() for term, info in reader.iter_field(backend.content_field_name)
                   if CJK_WORD.match(term.decode()) and 5 <= info.doc_frequency() <= 5000
                   and term.decode() not in common)
    rng = random.Random(2026)
    queries = dict.fromkeys(words)
    while len(queries) < count:
        queries[" ".join(rng.sample(words, 2))] = None
    chosen = list(queries)[:count]
    rng.shuffle(chosen)
    return ["/search/?" + urlencode({"q": q}) for q in chosen]


def write(out_dir: Path) -> None:
    pages = (("list", list_paths()), ("detail", detail_paths()), ("search", search_paths()), ("tail", tail_paths()))
    for name, paths in pages:
        (out_dir / f"paths-{name}.txt").write_text("\n".join(paths) + "\n", encoding="utf-8")
        print(name, len(paths))

