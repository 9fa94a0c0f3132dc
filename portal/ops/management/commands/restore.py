"""`manage.py restore ARCHIVE`: bring a backup into an empty instance, then rebuild the search index."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.ops.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = "把 manage.py backup 生成的备份恢复到一个空实例（数据库、上传文件），并重建搜索索引。"

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="备份文件（.tar.gz）")
        parser.add_argument("--force", action="store_true", help="目标实例已有数据时仍然覆盖（先清空）")
        parser.add_argument("--noinput", "--no-input", dest="interactive", action="store_false",
                            help="不询问确认")
        parser.add_argument("--skip-index", action="store_true", help="不重建搜索索引（之后手动 rebuild_index）")

    def handle(self, *args, archive, force=False, interactive=True, skip_index=False, **options):
        try:
            manifest = read_manifest(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"备份时间 {manifest.get('created_at', '?')}，站点 {manifest.get('site', '?')}，数据库格式 {manifest['database']['kind']}，"
            f"附件 {manifest.get('media_files', 0)} 个。"
        )
        if force and interactive:
            answer = input("--force 会删除目标实例中现有的数据和附件。输入 yes 继续：")
            if answer.strip().lower() != "yes":
                raise CommandError("已取消。")
        try:
            report = restore_backup(archive, force=force, rebuild_index=not skip_index)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        done = f"恢复完成：数据库（{report.database_kind}"
        done += f"，{report.objects} 条记录）" if report.objects else "）"
        done += f"，附件 {report.media_files} 个"
        done += "，搜索索引已重建。" if report.index_rebuilt else "；请运行 manage.py rebuild_index --noinput。"
        self.stdout.write(self.style.SUCCESS(done))
