"""`manage.py search_reconcile`: find (and by default fix) every difference between the
database and the search index; also applies index updates that were recorded as pending."""
from django.core.management.base import BaseCommand

from portal.search.reconcile import reconcile


class Command(BaseCommand):
    help = "核对数据库与搜索索引，修复缺失、过期和多余的索引条目"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只报告差异，不修复。")

    def handle(self, *args, **options):
        report = reconcile(fix=not options["dry_run"])
        if report.rebuilt:
            self.stdout.write(self.style.WARNING("索引不存在或无法读取，已从数据库完整重建。"))
            return
        self.stdout.write(
            f"缺失 {len(report.missing)} 条，内容过期 {len(report.stale)} 条，多余 {len(report.extra)} 条；"
            f"已应用待同步更新 {report.pending_applied} 条。"
        )
        for kind, items in (("缺失", report.missing), ("过期", report.stale), ("多余", report.extra)):
            for label, pk in items[:20]:
                self.stdout.write(f"  {kind}：{label} #{pk}")
        if report.dictionary_outdated:
            self.stdout.write(self.style.WARNING("分词词典已修改，需要重建索引才能生效：manage.py rebuild_index --noinput"))
        if options["dry_run"]:
            self.stdout.write("（试运行，未修改索引）")
        elif report.differences:
            self.stdout.write(self.style.SUCCESS("差异已修复。"))
        else:
            self.stdout.write(self.style.SUCCESS("数据库与索引一致。"))
