"""`manage.py backup`: database + uploaded files into one archive (see deploy/README.md, 备份与恢复)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.ops.backup import BackupError, create_backup, read_manifest


class Command(BaseCommand):
    help = "备份数据库和上传文件到一个 .tar.gz 文件（默认 var/backups/，或环境变量 BACKUP_DIR）。"

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", type=Path, help="备份文件路径（.tar.gz）")
        parser.add_argument(
            "--format", dest="db_format", choices=["auto", "json", "pg_dump"], default="auto",
            help="数据库格式：auto（PostgreSQL 用 pg_dump，否则 json）、json（可跨数据库恢复）、pg_dump",
        )
        parser.add_argument("--no-media", action="store_true", help="不包含上传文件")

    def handle(self, *args, output=None, db_format="auto", no_media=False, **options):
        try:
            path = create_backup(output, db_format=db_format, include_media=not no_media)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = read_manifest(path)
        rows = sum(n for n in manifest["counts"].values() if n > 0)
        self.stdout.write(self.style.SUCCESS(
            f"备份完成：{path}（数据库 {manifest['database']['kind']}，{rows} 行；附件 {manifest['media_files']} 个）"
        ))
