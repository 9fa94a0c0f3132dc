"""Where the index lives on disk: generations, the atomic swap, the writer lock, cached searchers.

Layout: SEARCH_INDEX_DIR is a symlink to a generation directory next to it
(`whoosh.gen-20260101T020000-ab12`). A rebuild fills a new generation and replaces the symlink
with one rename, so a reader sees the old index or the new one, never a half-built one; the
previous generation is kept until the next swap for searchers that still have it open.

Whoosh allows one writer per directory; `write_lock()` serialises every writer on this host
(web processes in embedded mode, the Celery worker, management commands) with an flock on
`<SEARCH_INDEX_DIR>.lock`, which survives swaps. Locks do not work over NFS: keep the index local.

Segments are read with plain file reads, never mmap: a segment file that became shorter than its
own table says (a truncated copy, a full disk, a restore gone wrong) makes an mmap read raise
SIGBUS, which kills the gunicorn worker with every request it holds. Read by read() it is an
exception the service answers from the database. Every compound segment's size is also checked
against its header when a searcher opens, and again (one stat per segment) each time a cached
searcher is reused, so damage is found before any read of it (IndexDamaged).
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
import secrets
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from portal.search import segment

logger = logging.getLogger(__name__)

META_NAME = "portal_meta.json"
# Never mmap segments (module docstring); bench/search_latency.py --mmap flips it to measure the cost.
READ_WITH_MMAP = False
SCHEMA_VERSION = 5
_GEN_MARK = ".gen-"


class IndexUnavailable(Exception):
    """The index directory is missing, empty or unreadable; search falls back to the database."""


class IndexDamaged(IndexUnavailable):
    """A segment file is missing, or its size differs from what its header records: the index
    needs a rebuild (portal.search.health raises the alert and repairs it)."""


class IndexBusy(Exception):
    """Another process held the writer lock for longer than we were willing to wait."""


# --- locking ----------------------------------------------------------------------------------------
def lock_file(path) -> Path:
    return Path(f"{path}.lock")


_held = threading.local()


@contextmanager
def write_lock(path, timeout: float = 120.0):
    """Exclusive writer lock for the index at `path` (re-entrant within a thread)."""
    key = str(path)
    depth = getattr(_held, key, 0)
    if depth:
        setattr(_held, key, depth + 1)
        try:
            yield
        finally:
            setattr(_held, key, getattr(_held, key) - 1)
        return
    target = lock_file(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = open(target, "a+")
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise IndexBusy(f"索引正被其他进程写入（{target}）")
                time.sleep(0.05)
        setattr(_held, key, 1)
        try:
            yield
        finally:
            setattr(_held, key, 0)
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()


def rebuild_marker(path) -> Path:
    return Path(f"{path}.rebuilding")


def rebuild_running(path) -> bool:
    return _owner_alive(rebuild_marker(path))


def _owner_alive(marker: Path) -> bool:
    """The marker file names a process (its first word) that is still running."""
    if not marker.exists():
        return False
    try:
        pid = int(marker.read_text().split()[0])
        os.kill(pid, 0)
    except (ValueError, IndexError, ProcessLookupError, PermissionError, OSError):
        return False  # left behind by a process that died
    return True


@contextmanager
def rebuild_slot(path):
    """One rebuild of an index at a time: a second one's swap would delete the first one's
    half-built generation under its workers (FileNotFoundError)."""
    target = Path(f"{path}.rebuild.lock")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = open(target, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusy("另一个索引重建正在进行，请等它完成后再试") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()


BUILDING_NAME = "portal_building"


def mark_building(directory) -> None:
    """This generation is being filled by this process: swaps must not delete it."""
    (Path(directory) / BUILDING_NAME).write_text(str(os.getpid()))


def unmark_building(directory) -> None:
    (Path(directory) / BUILDING_NAME).unlink(missing_ok=True)


# --- generations ------------------------------------------------------------------------------------
def read_meta(directory) -> dict:
    try:
        return json.loads((Path(directory) / META_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def write_meta(directory, meta: dict) -> None:
    target = Path(directory) / META_NAME
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    os.replace(tmp, target)


def is_present(path) -> bool:
    real = Path(os.path.realpath(path))
    if not real.is_dir():
        return False
    try:
        return whoosh_index.exists_in(str(real))
    except Exception:  # unreadable directory
        return False


def new_generation(path, schema, terms, *, complete: bool) -> Path:
    """A new, empty index directory next to `path`, with its dictionary recorded in it."""
    base = Path(path)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    directory = base.parent / f"{base.name}{_GEN_MARK}{stamp}-{secrets.token_hex(3)}"
    directory.mkdir(parents=True)
    segment.use_dictionary(terms)
    FileStorage(str(directory)).create_index(schema)
    from portal.search.dictionary import fingerprint

    write_meta(directory, {
        "schema_version": SCHEMA_VERSION, "dictionary": sorted(terms), "fingerprint": fingerprint(terms),
        "created": time.time(), "complete": complete,
    })
    return directory


def swap_in(path, directory) -> None:
    """Point `path` at `directory` in one rename; drop generations older than the previous one."""
    base = Path(path)
    previous = os.path.realpath(base) if base.exists() or base.is_symlink() else None
    link = base.parent / f".{base.name}.link-{secrets.token_hex(3)}"
    os.symlink(Path(directory).name, link)
    if base.is_dir() and not base.is_symlink():
        # A plain directory from before the first rebuild cannot be replaced atomically by a
        # symlink; move it aside first (readers fall back to the database for that instant).
        aside = base.parent / f"{base.name}{_GEN_MARK}legacy-{secrets.token_hex(3)}"
        os.rename(base, aside)
        previous = str(aside)
    os.replace(link, base)
    keep = {os.path.realpath(directory), previous}
    for candidate in base.parent.glob(f"{base.name}{_GEN_MARK}*"):
        if str(candidate) in keep or os.path.realpath(candidate) in keep:
            continue
        if _owner_alive(candidate / BUILDING_NAME):  # a rebuild is still filling it
            continue
        shutil.rmtree(candidate, ignore_errors=True)
    invalidate()


def open_index(path):
    if not is_present(path):
        raise IndexUnavailable(f"索引目录不存在或为空：{path}")
    real = os.path.realpath(path)
    try:
        ix = FileStorage(real, supports_mmap=READ_WITH_MMAP).open_index()
    except Exception as exc:  # the table of contents itself is unreadable
        raise IndexDamaged(f"索引无法打开：{exc}") from exc
    meta = read_meta(real)
    if "dictionary" in meta:
        segment.use_dictionary(meta["dictionary"])
    return ix


# --- damage checks ---------------------------------------------------------------------------------
_HEADER = 12  # a compound segment starts with its directory's offset (8 bytes) and length (4 bytes)


def expected_sizes(ix) -> dict[str, int]:
    """{file path: size its header records} of every compound segment of the open index `ix`.

    Whoosh writes a compound segment as header, member files, then the directory pickle, and the
    header records where the directory starts and how long it is: the file ends exactly there.
    Raises IndexDamaged for a missing or unreadable segment file."""
    from whoosh.system import unpack_int, unpack_long

    sizes = {}
    folder = ix.storage.folder
    try:
        segments = ix._segments()
    except Exception as exc:
        raise IndexDamaged(f"索引目录表无法读取：{exc}") from exc
    for seg in segments:
        if not seg.is_compound():
            continue
        name = os.path.join(folder, seg.make_filename(seg.COMPOUND_EXT))
        try:
            with open(name, "rb") as handle:
                header = handle.read(_HEADER)
        except OSError as exc:
            raise IndexDamaged(f"索引段文件缺失：{name}（{exc}）") from exc
        if len(header) < _HEADER:
            raise IndexDamaged(f"索引段文件已截断：{name}（{len(header)} 字节）")
        sizes[name] = unpack_long(header[:8])[0] + unpack_int(header[8:])[0]
    check_sizes(sizes)
    return sizes


def check_sizes(sizes: dict[str, int]) -> None:
    for name, size in sizes.items():
        try:
            actual = os.stat(name).st_size
        except OSError as exc:
            raise IndexDamaged(f"索引段文件缺失：{name}（{exc}）") from exc
        if actual != size:
            raise IndexDamaged(f"索引段文件长度不符：{name}（应为 {size} 字节，实为 {actual} 字节）")


def verify(path) -> None:
    """Raise IndexDamaged when the index at `path` cannot be read whole (IndexUnavailable when
    there is none)."""
    expected_sizes(open_index(path))


# --- searchers kept per thread ---------------------------------------------------------------------
_local = threading.local()
_MAX_CACHED = 4


class _Entry:
    __slots__ = ("real", "ix", "searcher", "sizes")

    def __init__(self, real, ix, searcher, sizes):
        self.real, self.ix, self.searcher, self.sizes = real, ix, searcher, sizes


def _cache() -> dict:
    cache = getattr(_local, "cache", None)
    if cache is None:
        cache = _local.cache = {}
    return cache


def searcher(path):
    """A searcher on the current index at `path`, reused while the index does not change.
    Raises IndexDamaged (and forgets the searcher) when a segment's size no longer matches."""
    key = str(path)
    cache = _cache()
    real = os.path.realpath(key)
    entry = cache.get(key)
    if entry is not None and entry.real == real:
        try:
            check_sizes(entry.sizes)
        except IndexDamaged:
            _close(cache.pop(key, None))
            raise
        try:
            if not entry.searcher.up_to_date():
                entry.searcher = entry.searcher.refresh()
                entry.sizes = expected_sizes(entry.ix)
            return entry.searcher
        except IndexDamaged:
            _close(cache.pop(key, None))
            raise
        except Exception:
            logger.warning("刷新索引读取器失败，重新打开", exc_info=True)
            _close(cache.pop(key, None))
    elif entry is not None:  # swapped to a new generation
        _close(cache.pop(key))
    ix = open_index(key)
    sizes = expected_sizes(ix)
    try:
        found = ix.searcher()
    except Exception as exc:
        raise IndexDamaged(f"索引无法读取：{exc}") from exc
    while len(cache) >= _MAX_CACHED:
        _close(cache.pop(next(iter(cache))))
    cache[key] = _Entry(real, ix, found, sizes)
    return found


def state(path) -> str:
    """What a search at `path` reads now: the generation directory and its commit number. Every
    commit and every swap changes it, seen alike by all processes sharing the disk, so it can key
    answers cached for the index (portal.search.views)."""
    found = searcher(path)
    return f"{os.path.realpath(str(path))}#{found.reader().generation()}"


def _close(entry) -> None:
    if entry is not None:
        try:
            entry.searcher.close()
        except Exception:
            pass


def invalidate() -> None:
    """Forget this thread's searchers (after a swap or a clear)."""
    cache = _cache()
    for key in list(cache):
        _close(cache.pop(key))
