"""Aggregates (facet counts, totals, related documents) kept in Django's cache under a version
number that every change of the underlying rows bumps.

Why: on 20,000 documents one facet count costs ~20 ms of CPU, far more than a page may spend
under load (bench/RESULTS.md, "## Load"), while the answer only changes when someone publishes,
withdraws, edits, imports or deletes. So the answer is stored under "<name>:<version>:<key>" and
any save or delete of a tracked model moves <name> to a new version after the commit: the next
request computes fresh numbers, old entries simply expire. A publication therefore shows at once,
unlike the whole-page cache (portal/ops/pagecache.py), which may lag by PAGE_CACHE_SECONDS.

The bump that counts runs after the commit: a request that read the old rows before the commit
would otherwise keep them under the new version. One more bump at the save itself lets the writing
transaction (an editor's own request, a test) see its change. A cache that is down costs speed,
never an error.
"""
from __future__ import annotations

import hashlib
import logging
import time
import zlib
from typing import Callable, TypeVar

from django.core.cache import cache
from django.db import connections, router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.safestring import SafeString

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Entries outlive no version, but the set of keys (filter combinations) is open-ended: let
# unused ones go.
DEFAULT_TIMEOUT = 6 * 3600


def _version_key(name: str) -> str:
    return f"cachever:{name}"


def version(name: str) -> int:
    try:
        current = cache.get(_version_key(name))
        if current is None:
            # A fresh start (cache flushed or evicted) must not reuse a number whose entries may
            # still be around: start from the clock.
            current = time.time_ns() // 1000
            if not cache.add(_version_key(name), current, None):
                current = cache.get(_version_key(name), current)
        return int(current)
    except Exception:
        logger.warning("cache unavailable: %s version", name, exc_info=True)
        return 0


def bump_now(name: str) -> None:
    try:
        cache.incr(_version_key(name))
    except ValueError:  # not set yet: the next read starts a new number
        pass
    except Exception:
        logger.warning("cache unavailable: %s not invalidated", name, exc_info=True)


def bump(name: str, using: str = "default") -> None:
    """Invalidate `name` now and again once the current transaction commits.

    The bump after the commit is the one that matters (see above); the one now makes the change
    visible to the transaction that made it (an editor's next page, a test).
    """
    bump_now(name)
    connection = connections[using]
    # An import saves thousands of rows in one transaction: one bump at its commit is enough.
    pending = getattr(connection, "run_on_commit", None) or []
    if connection.in_atomic_block and any(getattr(func, "cache_version", None) == name for _, func, *_ in pending):
        return

    def run():
        bump_now(name)

    run.cache_version = name
    transaction.on_commit(run, using=using)


def cached(name: str, key: str, compute: Callable[[], T], timeout: int = DEFAULT_TIMEOUT,
           keep: Callable[[T], bool] = lambda value: True) -> T:
    """compute(), or its stored answer for the current version of `name` (stored only if keep(answer))."""
    # Keys carry visitors' filter values: hashed, so any text makes a valid cache key.
    full_key = f"cached:{name}:{version(name)}:{hashlib.sha256(key.encode()).hexdigest()}"
    try:
        value = cache.get(full_key)
    except Exception:
        logger.warning("cache unavailable: %s", full_key, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        if not keep(value):
            return value
        try:
            cache.set(full_key, value, timeout)
        except Exception:
            logger.warning("cache unavailable: %s not stored", full_key, exc_info=True)
    return value


def cached_html(name: str, key: str, render: Callable[[], str], timeout: int) -> SafeString:
    """Like cached(), for a rendered fragment, kept compressed (see pack())."""
    return unpack(cached(name, key, lambda: pack(render()), timeout))


def pack(html: str) -> bytes:
    """A rendered fragment as kept in the cache: compressed (a policy page's main part is ~25 KB
    of HTML, ~5 KB compressed; thousands of documents or queries may be cached at once)."""
    return zlib.compress(str(html).encode(), 1)


def unpack(packed: bytes) -> SafeString:
    return SafeString(zlib.decompress(packed).decode())


def query_key(request) -> str:
    """A request's whole query string, in any order, as a cache key (pages whose every link
    carries the query: the policy list, search results)."""
    return str(sorted((key, value) for key, values in request.GET.lists() for value in values))


class KnownCount:
    """A queryset whose total is already known (cached), so a paginator does not count 20,000
    rows again on every visit."""

    def __init__(self, queryset, count: int):
        self.queryset, self.total = queryset, count
        self.ordered = queryset.ordered

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        return self.queryset[index]


def counted(name: str, key: str, queryset) -> KnownCount:
    """`queryset` for a paginator, its total cached under the current version of `name`."""
    return KnownCount(queryset, cached(name, f"count:{key}", queryset.count))


POLICIES = "policies"  # policy facet counts, totals, related documents
CONTENT = "content"  # the home page's blocks, a policy's 看·问·办: anything published anywhere


def connect() -> None:
    """Connect every invalidation; idempotent. Must run in every process that writes (web, worker,
    management commands), which is why PortalConfig.ready() calls it."""
    from django.apps import apps

    from portal.models import ChangeLog, Column, Department, Publishable

    publishable = [m for m in apps.get_models() if issubclass(m, Publishable)]
    policy = [m for m in publishable if m._meta.label == "policies.PolicyDocument"]
    # The policy pages' 看·问·办 are made of the library's other rows (解读人, images, materials).
    library = [m for m in apps.get_models() if m._meta.app_label == "policies"]
    # A department's name is the 发文机关 facet and the source shown under articles.
    track(POLICIES, *policy, Department)
    # ChangeLog: every service writes one, also those that change rows with a queryset update()
    # (e.g. confirming a 解读人), which sends no save signal.
    track(CONTENT, *dict.fromkeys([*publishable, *library, Column, Department, ChangeLog]))


def track(name: str, *models) -> None:
    """Bump `name` whenever a row of one of `models` is saved or deleted, or one of their
    many-to-many links changes (admin, services, import)."""
    def receiver(sender, using=None, **kwargs):
        bump(name, using or router.db_for_write(sender))

    for model in models:
        senders = [(post_save, model), (post_delete, model)]
        senders += [(m2m_changed, field.remote_field.through) for field in model._meta.local_many_to_many]
        for signal, sender in senders:
            signal.connect(receiver, sender=sender, weak=False,
                           dispatch_uid=f"cachever-{name}-{sender._meta.label}-{id(signal)}")
