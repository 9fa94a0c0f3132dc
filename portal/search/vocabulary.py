"""Pinyin and homophone correction over the words that are actually in the index.

The vocabulary is every Chinese word of the title and keyword fields, plus body words that occur
in enough documents to be worth suggesting, plus dictionary and synonym words. For each word we
keep its full pinyin ("yanglaojin"), its initials ("ylj") and a "fuzzy" key that forgives the
usual near-homophones (zh/z, ch/c, sh/s, n/l, -ng/-n). It is built on first need and rebuilt when
the index changed (at most every few minutes on a large index).
"""
from __future__ import annotations

import math
import os
import re
import threading
import time
from dataclasses import dataclass, field

from itertools import islice, product

from pypinyin import Style, lazy_pinyin, pinyin

from portal.search.normalize import is_cjk_word

MAX_WORD = 8
_memo: dict[str, tuple[str, ...]] = {}
_FUZZY = [(re.compile(r"^zh"), "z"), (re.compile(r"^ch"), "c"), (re.compile(r"^sh"), "s"), (re.compile(r"^n"), "l"),
          (re.compile(r"ng$"), "n"), (re.compile(r"^r"), "l"), (re.compile(r"^f"), "h")]


def syllables(word: str) -> tuple[str, ...]:
    found = _memo.get(word)
    if found is None:
        found = tuple(lazy_pinyin(word, style=Style.NORMAL, errors=lambda chars: list(chars)))
        if len(_memo) < 500_000:
            _memo[word] = found
    return found


_char_readings: dict[str, list[str]] = {}
MAX_READINGS = 8


def readings(word: str) -> list[tuple[str, ...]]:
    """Every likely way to read a word: its reading in context first, then those its polyphonic
    characters allow (调整 is "tiaozheng", but people also type "diaozheng")."""
    first = syllables(word)
    options = []
    for ch in word:
        found = _char_readings.get(ch)
        if found is None:
            found = pinyin(ch, style=Style.NORMAL, heteronym=True)[0][:4]
            _char_readings[ch] = found
        options.append(found)
    result = [first]
    for combo in islice(product(*options), MAX_READINGS):
        if combo != first and len(combo) == len(word):
            result.append(combo)
    return result


def fuzzy_syllable(s: str) -> str:
    for pattern, repl in _FUZZY:
        s = pattern.sub(repl, s)
    return s


@dataclass
class Vocabulary:
    df: dict[str, int] = field(default_factory=dict)
    full: dict[str, list[str]] = field(default_factory=dict)
    initials: dict[str, list[str]] = field(default_factory=dict)
    fuzzy: dict[str, list[str]] = field(default_factory=dict)
    max_key: int = 0

    def add(self, word: str, df: int) -> None:
        if word in self.df:
            self.df[word] = max(self.df[word], df)
            return
        self.df[word] = df
        if len(syllables(word)) != len(word):
            return
        for parts in readings(word):
            for table, key in ((self.full, "".join(parts)), (self.initials, "".join(p[0] for p in parts)),
                               (self.fuzzy, "".join(fuzzy_syllable(p) for p in parts))):
                bucket = table.setdefault(key, [])
                if word not in bucket:
                    bucket.append(word)
            self.max_key = max(self.max_key, len("".join(parts)))

    def finish(self) -> "Vocabulary":
        for table in (self.full, self.initials, self.fuzzy):
            for words in table.values():
                words.sort(key=lambda w: -self.df.get(w, 0))
        return self

    # --- pinyin typed in Latin letters ---------------------------------------------------------------
    def split_pinyin(self, letters: str) -> list[str] | None:
        """'yanglaojindiaozheng' → ['yanglaojin', 'diaozheng'] (fewest vocabulary words), or None."""
        n = len(letters)
        best: list[tuple[int, list[str]] | None] = [None] * (n + 1)
        best[0] = (0, [])
        for i in range(n):
            if best[i] is None:
                continue
            for j in range(i + 2, min(n, i + self.max_key) + 1):
                piece = letters[i:j]
                if piece in self.full:
                    candidate = (best[i][0] + 1, best[i][1] + [piece])
                    if best[j] is None or candidate[0] < best[j][0]:
                        best[j] = candidate
        return best[n][1] if best[n] else None

    def pinyin_groups(self, letters: str, limit: int = 4) -> list[list[tuple[str, float]]]:
        """Chinese words a Latin-letter chunk may stand for: one group per word it spells."""
        letters = letters.lower()
        if letters in self.full:
            groups = [[(w, 1.0) for w in self.full[letters][:limit]]]
        else:
            pieces = self.split_pinyin(letters) if len(letters) >= 4 else None
            groups = [[(w, 1.0) for w in self.full[p][:limit]] for p in pieces] if pieces else []
        # Initials are ambiguous ("ghg"): only 3+ letters, and only the two most common readings.
        if 3 <= len(letters) <= MAX_WORD and letters in self.initials:
            extra = [(w, 0.8) for w in self.initials[letters][:2]]
            if groups and len(groups) == 1:
                groups[0] += [pair for pair in extra if pair[0] not in {w for w, _ in groups[0]}]
            elif not groups:
                groups = [extra]
        return groups

    def initials_words(self, letters: str, limit: int = 3) -> list[str]:
        """The most frequent words whose initials are `letters` ("yl" → 养老, 医疗 …): what a short
        initials query may mean, offered as suggestions (two letters are too ambiguous to search)."""
        return list(self.initials.get(letters.lower(), [])[:limit])

    # --- homophone typos ----------------------------------------------------------------------------
    def correct_run(self, run: str) -> str:
        """The most likely intended words for a run of Chinese characters (itself if nothing better)."""
        n = len(run)
        if n < 2:
            return run
        parts = syllables(run)
        if len(parts) != n:
            return run
        fuzzy_parts = [fuzzy_syllable(p) for p in parts]
        best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
        best[0] = (0.0, [])

        def relax(j, cost, pieces):
            if best[j] is None or cost < best[j][0] - 1e-9:
                best[j] = (cost, pieces)

        for i in range(n):
            if best[i] is None:
                continue
            cost0, pieces0 = best[i]
            relax(i + 1, cost0 + 1.0, pieces0 + [run[i]])
            for j in range(i + 2, min(n, i + MAX_WORD) + 1):
                sub = run[i:j]
                if sub in self.df:
                    relax(j, cost0 - 0.01 * math.log1p(self.df[sub]), pieces0 + [sub])
                    continue
                for table, weight, key in ((self.full, 0.6, "".join(parts[i:j])),
                                           (self.fuzzy, 0.9, "".join(fuzzy_parts[i:j]))):
                    for cand in table.get(key, [])[:3]:
                        if len(cand) != len(sub):
                            continue
                        changed = sum(a != b for a, b in zip(cand, sub))
                        relax(j, cost0 + weight * changed - 0.01 * math.log1p(self.df.get(cand, 0)),
                              pieces0 + [cand])
        return "".join(best[n][1]) if best[n] else run

    def correct(self, text: str) -> str:
        return re.sub(r"[\u4e00-\u9fff]{2,}", lambda m: self.correct_run(m.group(0)), text)


# --- building from the index ----------------------------------------------------------------------
_lock = threading.Lock()
_cache: dict[str, tuple[float, int, Vocabulary]] = {}
SMALL_INDEX = 20_000
REFRESH_SECONDS = 300


def from_terms(title_terms, body_terms, total: int, extra_words=(), df_of=None) -> Vocabulary:
    """The vocabulary of an index, whatever the engine: every title/keyword word ((word, df)
    pairs), the body words in enough documents (a 2,000th of them, at least 2) and the
    dictionary and synonym words the index holds (`df_of(word)`, 0 when absent)."""
    vocab = Vocabulary()
    for word, df in title_terms:
        if 2 <= len(word) <= MAX_WORD and is_cjk_word(word):
            vocab.add(word, df)
    floor = max(2, max(1, total) // 2000)
    for word, df in body_terms:
        if df >= floor and 2 <= len(word) <= MAX_WORD and is_cjk_word(word):
            vocab.add(word, df)
    for word in extra_words:
        if 2 <= len(word) <= MAX_WORD and is_cjk_word(word) and word not in vocab.df:
            df = df_of(word) if df_of is not None else 0
            if df:
                vocab.add(word, df)
    return vocab.finish()


def _terms(reader, field: str):
    for term, info in reader.iter_field(field):
        yield (term.decode("utf-8") if isinstance(term, bytes) else term), info.doc_frequency()


def _build(searcher, extra_words) -> Vocabulary:
    reader = searcher.reader()
    schema = searcher.schema
    titles = [pair for name in ("title", "keywords") if name in schema for pair in _terms(reader, name)]
    body = _terms(reader, "text") if "text" in schema else ()
    df_of = (lambda word: reader.doc_frequency("text", word)) if "text" in schema else None
    return from_terms(titles, body, searcher.doc_count(), extra_words, df_of)


def vocabulary_for(searcher, key: str, extra_words=()) -> Vocabulary:
    return cached(os.path.realpath(key), searcher.reader().generation() or 0, searcher.doc_count,
                  lambda: _build(searcher, extra_words))


def cached(key: str, generation, size, build) -> Vocabulary:
    """The vocabulary of index `key` at `generation`; a large index (more than SMALL_INDEX
    documents: `size()`, asked only then) keeps an older one for up to REFRESH_SECONDS rather
    than rebuild it per change."""
    now = time.monotonic()
    found = _cache.get(key)
    if found is not None:
        built_at, built_gen, vocab = found
        if built_gen == generation or (now - built_at < REFRESH_SECONDS and size() > SMALL_INDEX):
            return vocab
    with _lock:
        vocab = build()
        if len(_cache) > 4:
            _cache.clear()
        _cache[key] = (now, generation, vocab)
    return vocab
