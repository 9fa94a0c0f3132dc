"""Near-duplicate detection: MinHash over character shingles with LSH banding.

Chinese has no spaces, so the shingles are overlapping 5-character windows of the body text
(punctuation and whitespace removed). The signature uses one-permutation hashing (one CRC32 per
shingle, the minimum kept in each of 64 bins), which is pure Python and fast enough for
hundreds of thousands of documents. Candidates share one of 16 bands of 4 minimums; a candidate
counts as a near-duplicate when the estimated Jaccard similarity is at least the threshold.
"""
from __future__ import annotations

import re
import zlib
from array import array

SHINGLE = 5
BINS = 64
ROWS = 4
BANDS = BINS // ROWS
THRESHOLD = 0.9
_EMPTY = 0xFFFFFFFF
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def shingles(text: str) -> set[str]:
    text = _NOISE.sub("", text or "")
    if len(text) <= SHINGLE:
        return {text} if text else set()
    return {text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


def signature(text: str) -> array | None:
    """64 minimums (one per hash bin) or None for a text too short to compare."""
    grams = shingles(text)
    if len(grams) < 8:
        return None
    mins = [_EMPTY] * BINS
    for gram in grams:
        h = zlib.crc32(gram.encode("utf-8"))
        b = h % BINS
        v = h // BINS
        if v < mins[b]:
            mins[b] = v
    # Densify: an empty bin borrows the next filled bin's value (offset so it stays distinct).
    for b in range(BINS):
        if mins[b] == _EMPTY:
            for step in range(1, BINS):
                other = mins[(b + step) % BINS]
                if other != _EMPTY and other < _EMPTY // 2:
                    mins[b] = other + step * (_EMPTY // (2 * BINS))
                    break
    return array("I", mins)


def estimate(a: array, b: array) -> float:
    return sum(1 for x, y in zip(a, b) if x == y) / BINS


def _bands(sig: array):
    for band in range(BANDS):
        start = band * ROWS
        yield hash((band, *sig[start:start + ROWS]))


class NearDuplicateIndex:
    """Documents seen so far, to ask for the most similar one to a new text."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._signatures: dict[int, array] = {}
        self._buckets: dict[int, int | list[int]] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, key: int, sig: array | None) -> None:
        if sig is None:
            return
        self._signatures[key] = sig
        buckets = self._buckets
        for band_key in _bands(sig):
            held = buckets.get(band_key)
            if held is None:
                buckets[band_key] = key  # most buckets hold one document: no list for them
            elif isinstance(held, list):
                held.append(key)
            else:
                buckets[band_key] = [held, key]

    def most_similar(self, sig: array | None, exclude: int | None = None) -> tuple[int | None, float]:
        if sig is None:
            return None, 0.0
        best, best_score, seen = None, 0.0, set()
        for band_key in _bands(sig):
            held = self._buckets.get(band_key)
            if held is None:
                continue
            for key in held if isinstance(held, list) else (held,):
                if key in seen or key == exclude:
                    continue
                seen.add(key)
                score = estimate(sig, self._signatures[key])
                if score > best_score or (score == best_score and best is not None and key < best):
                    best, best_score = key, score
        if best_score >= self.threshold:
            return best, best_score
        return None, best_score
