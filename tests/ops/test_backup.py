"""manage.py backup → manage.py restore into an empty instance (SQLite; PostgreSQL when available)."""
import json
import os
import stat
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from policies.models import Attachment
from portal.models import Role
from portal.ops.models import FailedTask
from tests.factories import PolicyFactory
from tests.security.accounts import official
from tests.services import need_postgres

ROOT = Path(__file__).resolve().parents[2]

# Run inside the restored instance (one process: restore, look, try again).
RESTORE_AND_CHECK = """
import io, json
from django.core.management import CommandError, call_command
from haystack.query import SearchQuerySet
from policies.models import PolicyDocument
from portal.models import User
from portal.models import Role
from portal.ops.models import FailedTask
out = io.StringIO()
call_command("restore", ARCHIVE, interactive=False, stdout=out)
try:
    call_command("restore", ARCHIVE, interactive=False, stdout=io.StringIO())
    again = "restored twice"
except CommandError as exc:
    again = str(exc)
p = PolicyDocument.objects.get(doc_number="湘备发〔2024〕7号")
att = p.attachments.get()
print(json.dumps({
    "title": p.title, "issuer": p.issuer.code, "status": p.status,
    "attachment": att.file.read().decode(), "password": User.objects.get(username="backup-office").password,
    "failed": list(FailedTask.objects.values_list("task_name", flat=True)),
    "indexed": SearchQuerySet().models(PolicyDocument).filter(content="备份恢复演练").count(),
    "output": out.getvalue(), "again": again,
}, ensure_ascii=False))
"""


def instance_env(tmp: Path, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "TEST_DB_NAME", "SEARCH_ENGINE")}
    env.update({
        "DATABASE_URL": database_url, "MEDIA_ROOT": str(tmp / "media"),
        "SEARCH_INDEX_DIR": str(tmp / "whoosh"), "DJANGO_SETTINGS_MODULE": "portal.settings",
    })
    return env


def manage(env, *args):
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=600)
    if result.returncode != 0:
        raise AssertionError(f"manage.py {args} failed:\n{result.stdout}\n{result.stderr}")
    return result


def make_content(media_root: Path):
    office = official(Role.OFFICE)
    office.username = "backup-office"
    office.set_password("correct-horse-battery")
    office.save()
    policy = PolicyFactory(title="关于开展备份恢复演练的通知", doc_number="湘备发〔2024〕7号")
    attachment = Attachment(policy=policy, title="演练方案")
    attachment.file.save("plan.txt", ContentFile("演练方案全文".encode()), save=True)
    private = Path(str(media_root) + "-private") / "openinfo" / "reply.txt"
    private.parent.mkdir(parents=True, exist_ok=True)
    private.write_text("答复书")
    FailedTask.objects.create(task_name="openinfo.tasks.send_notice", exception="SMTPException")
    return office.password


def restore_and_check(env, tmp: Path, archive: Path, password_hash: str):
    code = RESTORE_AND_CHECK.replace("ARCHIVE", repr(str(archive)))
    out = manage(env, "shell", "-c", code).stdout.strip().splitlines()[-1]
    data = json.loads(out)
    assert "恢复完成" in data["output"] and "搜索索引已重建" in data["output"]
    assert "目标实例中已有数据" in data["again"], "a second restore must not overwrite the instance"
    assert data["title"] == "关于开展备份恢复演练的通知"
    assert data["status"] == "published"
    assert data["attachment"] == "演练方案全文"
    assert data["password"] == password_hash  # officials log in with their old passwords
    assert data["failed"] == ["openinfo.tasks.send_notice"]
    assert data["indexed"] == 1, "the search index is rebuilt after a restore"
    assert (tmp / "media-private" / "openinfo" / "reply.txt").read_text() == "答复书"


@pytest.mark.django_db
def test_backup_and_restore_into_an_empty_sqlite_instance(tmp_path, media_root):
    password_hash = make_content(media_root)
    archive = tmp_path / "nightly.tar.gz"
    call_command("backup", output=archive, db_format="json")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600, "backups hold personal data: owner only"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert {"manifest.json", "database.json"} <= set(names)
    assert any(n.startswith("media/policies/attachments/") for n in names)
    assert "media-private/openinfo/reply.txt" in names

    target = tmp_path / "restored"
    env = instance_env(target, f"sqlite:///{target / 'portal.sqlite3'}")
    target.mkdir()
    restore_and_check(env, target, archive, password_hash)


@pytest.mark.django_db
def test_restore_refuses_what_is_not_a_backup(tmp_path):
    bogus = tmp_path / "x.tar.gz"
    bogus.write_bytes(b"not a tar file")
    with pytest.raises(CommandError, match="不是有效的备份文件"):
        call_command("restore", str(bogus), interactive=False)


@pytest.mark.django_db
def test_pg_dump_archive_is_refused_on_sqlite(tmp_path, settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("checks the SQLite side")
    archive = tmp_path / "pg.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = json.dumps({"format": 1, "created_at": "", "site": "", "media_files": 0,
                           "database": {"kind": "pg_dump", "file": "database.pgdump"}})
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data.encode())
        import io

        tar.addfile(info, io.BytesIO(data.encode()))
    with pytest.raises(CommandError, match="只能恢复到 PostgreSQL"):
        call_command("restore", str(archive), interactive=False)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_pg_dump_backup_restores_into_a_new_postgresql_database(tmp_path, media_root):
    need_postgres()
    import psycopg
    from django.db import connection

    password_hash = make_content(media_root)
    archive = tmp_path / "pg.tar.gz"
    call_command("backup", output=archive)  # auto → pg_dump on PostgreSQL
    with tarfile.open(archive) as tar:
        assert "database.pgdump" in tar.getnames()

    params = connection.settings_dict
    name = f"portal_restore_{uuid.uuid4().hex[:8]}"
    auth = f"{params['USER']}:{params['PASSWORD']}@" if params.get("PASSWORD") else f"{params['USER']}@"
    server = f"postgres://{auth}{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        target = tmp_path / "restored"
        target.mkdir()
        env = instance_env(target, f"{server}/{name}")
        restore_and_check(env, target, archive, password_hash)
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
