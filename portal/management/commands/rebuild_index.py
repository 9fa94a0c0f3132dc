"""`manage.py rebuild_index --noinput`: rebuild every search index from the database.

Replaces haystack's command (portal is listed before haystack in INSTALLED_APPS). haystack's
version clears the live index and refills it in place, so searches in between see a half-empty
index; this one builds a new index generation aside and swaps it in atomically
(portal.search.build), so search answers from the old index until the new one is complete. With
SEARCH_ENGINE=postgres the rows are replaced in one transaction (portal.search.pgengine), to the
same effect.
"""
from django.core.management.base import BaseCommand, CommandError

from portal.search.engines import rebuild
from portal.search.store import IndexBusy


class Command(BaseCommand):
    help = "重建全部搜索索引（在旁边建好后原子切换，搜索不中断）"

    def add_arguments(self, parser):
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="不询问确认。")
        parser.add_argument("-k", "--workers", type=int, default=0,
                            help="并行建索引的进程数（默认按数据量和 CPU 自动选择）。")
        parser.add_argument("--using", default="default", help="haystack 连接（仅支持 default）。")

    def handle(self, *args, **options):
        if options["interactive"]:
            answer = input("将从数据库重建全部搜索索引，期间搜索仍使用旧索引。继续吗？[y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                self.stdout.write("已取消。")
                return
        try:
            report = rebuild(workers=options["workers"] or None)
        except IndexBusy as exc:
            raise CommandError(str(exc)) from exc
        rate = report.characters / report.seconds if report.seconds else 0
        self.stdout.write(self.style.SUCCESS(
            f"搜索索引已重建：{report.documents} 条，{report.characters} 字，用时 {report.seconds:.1f} 秒"
            f"（{rate:,.0f} 字/秒，{report.workers} 个进程）。"
        ))
