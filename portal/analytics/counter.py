"""Page-view counters kept in the cache, so a request never writes to the database.

With Redis (production) every view is one pipelined round trip: HINCRBY on a hash per day, whose
fields are "section\x1fpath"; draining RENAMEs the hash away first, so views counted while the task
runs land in a fresh hash and none is lost or counted twice. With any other cache (locmem in the
embedded mode, one process) the counts sit in a few dict-valued keys updated under a lock.
"""
from __future__ import annotations

import datetime as dt
import threading
import uuid
import zlib
from dataclasses import dataclass
from typing import Callable

from django.core.cache import cache, caches

PREFIX = "pv:v1"
TTL_SECONDS = 4 * 24 * 3600  # the flush task runs every few minutes; keep a few days' margin
SEPARATOR = "\x1f"


@dataclass(frozen=True)
class Count:
    section: str
    path: str
    title: str
    views: int


def _redis_client():
    """The raw redis client behind Django's RedisCache, or None for any other cache backend."""
    backend = caches["default"]  # the backend itself: `cache` is a proxy whose type says nothing
    if type(backend).__name__ != "RedisCache":
        return None
    return backend._cache.get_client(write=True)


def _hash_key(day: dt.date) -> str:
    return cache.make_key(f"{PREFIX}:{day.isoformat()}")


def _title_key(day: dt.date) -> str:
    return cache.make_key(f"{PREFIX}:{day.isoformat()}:titles")


# --- Redis -------------------------------------------------------------------------------------------
def _redis_record(client, day, field, title_fn):
    pipe = client.pipeline(transaction=False)
    pipe.hincrby(_hash_key(day), field, 1)
    pipe.hsetnx(_title_key(day), field, (title_fn() or "")[:200])
    pipe.expire(_hash_key(day), TTL_SECONDS)
    pipe.expire(_title_key(day), TTL_SECONDS)
    pipe.execute()


def _redis_drain(client, day) -> list[Count]:
    from redis.exceptions import ResponseError

    aside = f"{_hash_key(day)}:drain:{uuid.uuid4().hex}"
    try:
        client.rename(_hash_key(day), aside)
    except ResponseError:  # nothing counted for that day since the last drain
        return []
    counts = client.hgetall(aside)
    titles = client.hgetall(_title_key(day))
    client.delete(aside)
    return [_count(field, int(n), titles.get(field, b"")) for field, n in counts.items() if int(n) > 0]


def _redis_restore(client, day, counts: list[Count]):
    pipe = client.pipeline(transaction=False)
    for c in counts:
        pipe.hincrby(_hash_key(day), f"{c.section}{SEPARATOR}{c.path}", c.views)
    pipe.expire(_hash_key(day), TTL_SECONDS)
    pipe.execute()


def _count(field, views: int, title) -> Count:
    field = field.decode() if isinstance(field, bytes) else field
    title = title.decode() if isinstance(title, bytes) else title
    section, _, path = field.partition(SEPARATOR)
    return Count(section=section, path=path, title=title or "", views=views)


# --- any other cache -------------------------------------------------------------------------------
# The embedded mode's locmem cache lives in this process, so a lock in this process makes the
# read-modify-write below atomic. The counts of a day are spread over a few shard keys (few keys:
# locmem culls when it holds many; small values: each view re-pickles only its shard).
_lock = threading.Lock()
SHARDS = 16


def _shard_keys(day) -> list[str]:
    return [f"{PREFIX}:{day.isoformat()}:s{n}" for n in range(SHARDS)]


def _shard_key(day, field: str) -> str:
    return f"{PREFIX}:{day.isoformat()}:s{zlib.crc32(field.encode('utf-8')) % SHARDS}"


def _cache_add(day, field: str, views: int, title_fn) -> None:
    key = _shard_key(day, field)
    with _lock:
        shard = cache.get(key) or {}
        previous, title = shard.get(field, (0, None))
        shard[field] = (previous + views, title if title is not None else (title_fn() or "")[:200])
        cache.set(key, shard, TTL_SECONDS)


def _cache_drain(day) -> list[Count]:
    found = []
    with _lock:
        for key in _shard_keys(day):
            shard = cache.get(key)
            if not shard:
                continue
            cache.delete(key)
            found += [_count(field, views, title) for field, (views, title) in shard.items() if views > 0]
    return found


def _cache_restore(day, counts: list[Count]):
    for c in counts:
        _cache_add(day, f"{c.section}{SEPARATOR}{c.path}", c.views, lambda title=c.title: title)


# --- the interface ---------------------------------------------------------------------------------
def record(*, day: dt.date, section: str, path: str, title_fn: Callable[[], str] = lambda: "") -> None:
    field = f"{section[:40]}{SEPARATOR}{path[:255]}"
    client = _redis_client()
    if client is not None:
        _redis_record(client, day, field, title_fn)
    else:
        _cache_add(day, field, 1, title_fn)


def drain(day: dt.date) -> list[Count]:
    """Take the day's counts out of the cache (they are then the caller's to store)."""
    client = _redis_client()
    return _redis_drain(client, day) if client is not None else _cache_drain(day)


def restore(day: dt.date, counts: list[Count]) -> None:
    """Put drained counts back (the database write failed), so the next flush stores them."""
    if not counts:
        return
    client = _redis_client()
    if client is not None:
        _redis_restore(client, day, counts)
    else:
        _cache_restore(day, counts)


def pending(day: dt.date) -> int:
    """Views counted but not yet flushed (for the dashboard), without draining them."""
    client = _redis_client()
    if client is not None:
        return sum(int(n) for n in client.hvals(_hash_key(day)))
    shards = cache.get_many(_shard_keys(day)).values()
    return sum(views for shard in shards for views, _ in shard.values())
