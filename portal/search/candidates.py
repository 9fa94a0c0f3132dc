"""同义词候选: the searches that left citizens unsatisfied, each with the official word it may mean,
for 公开办 to adopt as a synonym in one click (or ignore).

There is no click log, so "unsatisfied" is what the search log shows: the search found nothing, or
the same visitor (the daily hash) searched something else within a minute, i.e. the answer did not
do. The suggested official term, best evidence first:
1. what those visitors searched next, within the minute, that did find documents (people rephrase
   until the site's wording works: 失业费 → 失业保险金);
2. the vocabulary's reading of the query: homophone correction (养老金调正 → 养老金调整) or, for
   Latin letters, the Chinese words the pinyin or initials spell;
3. the vocabulary word nearest by edit distance (one character in up to three, the most documents
   first).
Queries already in a synonym group and queries already adopted or ignored are not proposed again.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone

from portal.search import synonyms
from portal.search.normalize import fold, is_cjk_word

WINDOW_DAYS = 30
RETRY_SECONDS = 60
MAX_CANDIDATES = 100


def _retried():
    """Exists: the same visitor searched something else within RETRY_SECONDS after this row."""
    from portal.search.models import SearchLog

    return Exists(SearchLog.objects.filter(
        visitor=OuterRef("visitor"), created_at__gt=OuterRef("created_at"),
        created_at__lte=OuterRef("created_at") + dt.timedelta(seconds=RETRY_SECONDS),
    ).exclude(query=OuterRef("query")))


def unsatisfied_queries(*, days: int = WINDOW_DAYS, limit: int = MAX_CANDIDATES) -> list[dict]:
    """[{query, visitors, searches, zero, retried, last}] of the window, most visitors first."""
    from portal.search.models import SearchChannel, SearchLog, SynonymCandidateDecision

    since = timezone.now() - dt.timedelta(days=days)
    rows = (SearchLog.objects.filter(created_at__gte=since).exclude(channel=SearchChannel.BOT)
            .annotate(retried=_retried())
            .filter(Q(result_count=0) | Q(retried=True, visitor__gt=""))
            .exclude(query__in=SynonymCandidateDecision.objects.values("query"))
            .values("query")
            .annotate(visitors=Count("visitor", distinct=True, filter=Q(visitor__gt="")), searches=Count("id"),
                      zero=Count("id", filter=Q(result_count=0)), retried_count=Count("id", filter=Q(retried=True)),
                      last=Max("created_at"))
            .order_by("-visitors", "-searches", "-last"))
    known = synonyms.synonym_map()
    found = []
    for row in rows[:limit * 2]:
        if fold(row["query"]) in known:
            continue  # already a synonym word: the table answers it (the documents may just be missing)
        found.append(row)
        if len(found) >= limit:
            break
    return found


def rephrasings(queries: list[str], *, days: int = WINDOW_DAYS) -> dict[str, list[tuple[str, int]]]:
    """{query: [(what the same visitor searched next within the minute and found, visitors)]}."""
    from portal.search.models import SearchLog

    if not queries:
        return {}
    since = timezone.now() - dt.timedelta(days=days)
    earlier = SearchLog.objects.filter(
        visitor=OuterRef("visitor"), created_at__lt=OuterRef("created_at"),
        created_at__gte=OuterRef("created_at") - dt.timedelta(seconds=RETRY_SECONDS), query__in=queries,
    ).exclude(query=OuterRef("query")).order_by("-created_at")

    later = (SearchLog.objects.filter(created_at__gte=since, result_count__gt=0, visitor__gt="")
             .annotate(before=Subquery(earlier.values("query")[:1])).filter(before__isnull=False)
             .values_list("before", "query", "visitor"))
    visitors: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for before, query, visitor in later:
        visitors[before][query].add(visitor)
    return {before: sorted(((q, len(v)) for q, v in nexts.items()), key=lambda p: (-p[1], p[0]))
            for before, nexts in visitors.items()}


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


class Suggester:
    """The official term a query may mean, from the index vocabulary (see the module docstring)."""

    def __init__(self, vocabulary):
        self.vocab = vocabulary
        self._by_char: dict[str, list[str]] | None = None

    def _words_with(self, ch: str) -> list[str]:
        if self._by_char is None:
            by_char: dict[str, list[str]] = defaultdict(list)
            for word in self.vocab.df:
                for c in set(word):
                    by_char[c].append(word)
            self._by_char = by_char
        return self._by_char.get(ch, [])

    def suggest(self, query: str) -> str:
        if self.vocab is None:
            return ""
        text = fold(query).replace(" ", "")
        if text.isascii() and text.isalpha():
            groups = self.vocab.pinyin_groups(text) or [[(w, 1.0)] for w in self.vocab.initials_words(text, 1)]
            return "".join(group[0][0] for group in groups if group)
        if not is_cjk_word(text):
            return ""
        corrected = self.vocab.correct(text)
        if corrected != text:
            return corrected
        return self.nearest(text)

    def nearest(self, text: str) -> str:
        allowed = max(1, len(text) // 3)
        seen, best = set(), None
        for ch in dict.fromkeys(text):
            for word in self._words_with(ch):
                if word in seen or word == text or abs(len(word) - len(text)) > allowed:
                    continue
                seen.add(word)
                distance = edit_distance(text, word)
                if distance <= allowed:
                    key = (distance, -self.vocab.df.get(word, 0), word)
                    if best is None or key < best:
                        best = key
        return best[2] if best else ""


def candidates(vocabulary=None, *, days: int = WINDOW_DAYS, limit: int = MAX_CANDIDATES) -> list[dict]:
    """The rows of the 同义词候选 list: unsatisfied_queries() each with `suggested` and `source`."""
    rows = unsatisfied_queries(days=days, limit=limit)
    nexts = rephrasings([row["query"] for row in rows], days=days)
    suggester = Suggester(vocabulary)
    for row in rows:
        rephrased = [q for q, _ in nexts.get(row["query"], []) if q != row["query"]]
        if rephrased:
            row["suggested"], row["source"] = rephrased[0], "访客改搜后有结果"
        else:
            row["suggested"] = suggester.suggest(row["query"])
            row["source"] = "词表相近词" if row["suggested"] else ""
    return rows


def adopt(query: str, term: str, *, user) -> "Synonym":
    """Make query/term a synonym group (used by searches at once) and record the decision."""
    from portal.search.models import Synonym, SynonymCandidateDecision

    synonym = Synonym(terms=f"{query}/{term}", domain="general", note="由同义词候选（搜索记录）采纳")
    synonym.full_clean()
    synonym.save()
    _decide(query, SynonymCandidateDecision.Decision.ADOPTED, term=term, user=user)
    return synonym


def ignore(query: str, *, user) -> None:
    from portal.search.models import SynonymCandidateDecision

    _decide(query, SynonymCandidateDecision.Decision.IGNORED, term="", user=user)


def _decide(query: str, decision: str, *, term: str, user) -> None:
    from portal.search.models import SynonymCandidateDecision

    SynonymCandidateDecision.objects.update_or_create(
        query=query, defaults={"decision": decision, "term": term, "decided_by": user, "decided_at": timezone.now()})
