"""Backups: the database and the uploaded files in one archive, and back into an empty instance.

Two database formats:
- "json": Django's dumpdata with natural keys. Portable (SQLite ⇄ PostgreSQL), used in the
  embedded mode and whenever asked for.
- "pg_dump": PostgreSQL's own custom-format dump; faster and exact for large databases. Restores
  only into PostgreSQL.
The search index is not in the archive: it is derived data, rebuilt after a restore.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

ARCHIVE_FORMAT = 1
# Rebuilt by migrate (contenttypes, permissions) or worthless after a restore (sessions).
DUMP_EXCLUDE = ["contenttypes", "auth.permission", "sessions"]


class BackupError(Exception):
    """A problem the operator must fix; the message says what and how (Chinese)."""


@dataclass
class RestoreReport:
    database_kind: str = ""
    objects: int = 0
    media_files: int = 0
    index_rebuilt: bool = False
    notes: list[str] = field(default_factory=list)


def _db(alias=DEFAULT_DB_ALIAS) -> dict:
    return connections[alias].settings_dict


def is_postgresql(alias=DEFAULT_DB_ALIAS) -> bool:
    return connections[alias].vendor == "postgresql"


def _pg_env(alias=DEFAULT_DB_ALIAS) -> tuple[dict, list[str]]:
    """Connection settings for pg_dump/pg_restore: password in the environment, never on the command line."""
    db = _db(alias)
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, args


def model_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        try:
            counts[model._meta.label] = model._default_manager.count()
        except Exception:  # a table not migrated yet
            counts[model._meta.label] = -1
    return counts


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def media_roots() -> dict[str, Path]:
    """Archive folder → directory: public uploads, and the private files openinfo keeps beside them."""
    media_root = Path(settings.MEDIA_ROOT)
    return {"media": media_root, "media-private": Path(str(media_root).rstrip("/\\") + "-private")}


def default_archive_path() -> Path:
    folder = Path(os.environ.get("BACKUP_DIR") or settings.VAR_DIR / "backups")
    return folder / f"portal-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"


def create_backup(output: Path | None = None, *, db_format: str = "auto", include_media: bool = True) -> Path:
    """Write one .tar.gz with manifest.json, the database dump and media/; returns its path."""
    if db_format == "auto":
        db_format = "pg_dump" if is_postgresql() and shutil.which("pg_dump") else "json"
    if db_format == "pg_dump" and not is_postgresql():
        raise BackupError("pg_dump 格式只适用于 PostgreSQL 数据库；请使用 --format json。")
    output = Path(output or default_archive_path())
    output.parent.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="portal-backup-") as tmp:
        tmp = Path(tmp)
        if db_format == "pg_dump":
            dump_name = "database.pgdump"
            env, args = _pg_env()
            result = subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args,
                 "--file", str(tmp / dump_name), _db()["NAME"]],
                env=env, capture_output=True, text=True,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_dump 失败：{result.stderr.strip()}（可改用 --format json）")
        else:
            dump_name = "database.json"
            call_command(
                "dumpdata", natural_foreign=True, natural_primary=True, exclude=DUMP_EXCLUDE,
                output=str(tmp / dump_name), verbosity=0,
            )
        media = [(folder, root, path) for folder, root in media_roots().items() for path in _media_files(root)]
        if not include_media:
            media = []
        manifest = {
            "format": ARCHIVE_FORMAT,
            "created_at": timezone.now().isoformat(),
            "site": settings.SITE_NAME,
            "django": django.get_version(),
            "database": {"kind": db_format, "vendor": connections[DEFAULT_DB_ALIAS].vendor, "file": dump_name},
            "counts": model_counts(),
            "media_files": len(media),
        }
        partial = output.with_name(output.name + ".partial")
        # The archive holds personal data and 2FA secrets: readable by its owner only.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
            tar.addfile(info, io.BytesIO(data))
            tar.add(tmp / dump_name, arcname=dump_name)
            for folder, root, path in media:
                tar.add(path, arcname=f"{folder}/{path.relative_to(root).as_posix()}")
        # Renamed only when complete, so a crashed run never leaves a truncated "backup".
        os.replace(partial, output)
    return output


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.getmember("manifest.json")
            manifest = json.load(tar.extractfile(member))
    except (OSError, KeyError, tarfile.TarError, ValueError) as exc:
        raise BackupError(f"{archive} 不是有效的备份文件：{exc}") from exc
    if manifest.get("format") != ARCHIVE_FORMAT:
        raise BackupError(f"备份格式版本 {manifest.get('format')} 不受支持。")
    return manifest


def instance_is_empty() -> bool:
    """An instance is empty when it has no accounts and no content: nothing a restore could destroy."""
    from django.contrib.auth import get_user_model

    tables = set(connections[DEFAULT_DB_ALIAS].introspection.table_names())
    user_table = get_user_model()._meta.db_table
    if user_table not in tables:
        return True
    return not get_user_model()._default_manager.exists()


def restore_backup(archive: Path, *, force: bool = False, rebuild_index: bool = True, stdout=None) -> RestoreReport:
    archive = Path(archive)
    manifest = read_manifest(archive)
    kind = manifest["database"]["kind"]
    report = RestoreReport(database_kind=kind)
    if kind == "pg_dump" and not is_postgresql():
        raise BackupError("此备份是 PostgreSQL 专用格式（pg_dump），只能恢复到 PostgreSQL；"
                          "需要跨数据库迁移时请用 backup --format json 重新备份。")
    if not force and not instance_is_empty():
        raise BackupError("目标实例中已有数据（存在工作人员账号）。请恢复到一个空数据库，"
                          "或确认要覆盖时加 --force。")
    for root in media_roots().values():
        if not force and _media_files(root):
            raise BackupError(f"附件目录 {root} 不是空的。请使用空目录，或确认要覆盖时加 --force。")

    with tempfile.TemporaryDirectory(prefix="portal-restore-") as tmp, tarfile.open(archive, "r:gz") as tar:
        tmp = Path(tmp)
        # The "data" filter refuses absolute paths, "..", links out of the tree and device files.
        tar.extractall(tmp, filter="data")
        dump = tmp / manifest["database"]["file"]
        if not dump.is_file():
            raise BackupError("备份文件中缺少数据库部分。")
        if kind == "pg_dump":
            _restore_pg(dump)
            call_command("migrate", interactive=False, verbosity=0)  # an older backup into newer code
        else:
            report.objects = _restore_json(dump)
        if force:  # the archive's files replace what is there, like the database does
            for root in media_roots().values():
                shutil.rmtree(root, ignore_errors=True)
        report.media_files = sum(_restore_media(tmp / folder, root) for folder, root in media_roots().items())
    if rebuild_index:
        call_command("rebuild_index", interactive=False, verbosity=0)
        report.index_rebuilt = True
    return report


def _restore_pg(dump: Path) -> None:
    connections[DEFAULT_DB_ALIAS].close()
    env, args = _pg_env()
    result = subprocess.run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         "--exit-on-error", *args, "--dbname", _db()["NAME"], str(dump)],
        env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore 失败，数据库未改动：{result.stderr.strip()}")


def _restore_json(dump: Path) -> int:
    call_command("migrate", interactive=False, verbosity=0)
    # Rows that migrations created (role groups, seeded lists) would collide with the backup's own.
    call_command("flush", interactive=False, verbosity=0)
    processor = apps.get_app_config("haystack").signal_processor
    # One rebuild at the end instead of one queued index update per loaded row.
    if processor is not None:
        processor.teardown()
    try:
        call_command("loaddata", str(dump), verbosity=0)
    finally:
        if processor is not None:
            processor.setup()
    with open(dump, "rb") as fh:
        return sum(1 for _ in json.load(fh))


def _restore_media(source: Path, media_root: Path) -> int:
    count = 0
    if not source.is_dir():
        return 0
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        target = media_root / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        count += 1
    return count
