"""manage.py import_policies FILE — the import contract of DESIGN.md.

FILE is a JSONL file (one JSON object per line), a .docx/.html/.txt file, or a folder of them.
"""
import datetime as dt
import getpass
import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from policies.importing import FileDefaults, PolicyImporter, Publication, count_lines, iter_file_records, iter_jsonl
from policies.importing.files import find_files


class Command(BaseCommand):
    requires_system_checks = []  # touches models only; a batch job should not fail on an unrelated URL check
    help = "导入政策文件：JSONL（每行一个 JSON 对象），或 .docx/.html/.txt 文件及其所在文件夹。重复导入不会改变已有数据。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="JSONL 文件，或 .docx/.html/.txt 文件，或包含这些文件的文件夹")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")
        parser.add_argument("--no-index", action="store_true", help="不更新搜索索引（之后请运行 rebuild_index）")
        parser.add_argument("--no-similar", action="store_true", help="不检查疑似重复（近似内容）")
        parser.add_argument("--batch-size", type=int, default=500, help="每批提交的条数（默认 500）")
        parser.add_argument("--issuer", default="", help="文件中未写明发文机关时使用的发文机关")
        parser.add_argument("--date", default="", help="文件中未写明成文日期时使用的日期（YYYY-MM-DD）")
        parser.add_argument("--category", default="", help="文件导入时的主题分类（一级\\二级），不填则自动归类")
        parser.add_argument("--doc-type", default="", help="文件导入时的文种（规章/行政规范性文件/其他文件）")
        parser.add_argument("--publish", action="store_true",
                            help="新建的文件直接发布（不填则为“待审核”，由审核人在后台发布）；发布人和时间记入操作日志")
        parser.add_argument("--by", default="", metavar="USERNAME",
                            help="发布人的后台用户名（与 --publish 同用；不填则记录运行命令的系统用户）")
        parser.add_argument("--json", action="store_true", help="最后一行以 JSON 输出统计（供脚本读取）")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"找不到文件或文件夹：{path}")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size 应为正整数")
        publish = self._publication(options["by"]) if options["publish"] else None
        if options["by"] and not publish:
            raise CommandError("--by 只能与 --publish 一起使用")
        is_jsonl = path.is_file() and path.suffix.lower() in (".jsonl", ".json", ".ndjson")
        if is_jsonl:
            total, items = count_lines(path), iter_jsonl(path)
        else:
            defaults = FileDefaults(issuer=options["issuer"], date=self._date(options["date"]),
                                    doc_type=options["doc_type"], category=options["category"])
            total, items = len(find_files(path)), iter_file_records(path, defaults)
            if not total:
                raise CommandError(f"{path} 中没有 .docx、.html 或 .txt 文件")
        quiet = options["no_progress"] or not sys.stderr.isatty()
        bar = tqdm(total=total, unit="行" if is_jsonl else "件", desc="导入政策文件", file=sys.stderr,
                   disable=quiet, dynamic_ncols=True)

        def problem(where: str, message: str, is_error: bool) -> None:
            line = f"{where}：{'错误：' if is_error else '提示：'}{message}"
            if bar.disable:
                (self.stderr if is_error else self.stdout).write(line)
            else:
                tqdm.write(line, file=sys.stderr)

        importer = PolicyImporter(batch_size=options["batch_size"], index=not options["no_index"],
                                  detect_similar=not options["no_similar"], on_problem=problem, publish=publish)
        try:
            report = importer.run(items, advance=bar.update)
        finally:
            bar.close()
        for name in report.departments_created:
            self.stdout.write(f"新建发文机关：{name}（请在后台补充机构信息）")
        style = self.style.WARNING if report.errors else self.style.SUCCESS
        self.stdout.write(style(report.summary()))
        if report.created:
            self.stdout.write(f"新建的文件已发布（发布人：{publish.name}）。" if publish
                              else "新建的文件为“待审核”状态，请审核人在后台核对后发布。")
        if options["no_index"] and (report.created or report.updated):
            self.stdout.write("未更新搜索索引，请运行：python manage.py rebuild_index --noinput")
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))

    @staticmethod
    def _publication(username: str) -> Publication:
        if not username:
            return Publication(name=f"系统用户 {getpass.getuser()}", at=timezone.now())
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"--by：没有启用的后台用户“{username}”")
        return Publication(name=user.get_full_name() or user.username, at=timezone.now(), actor=user)

    @staticmethod
    def _date(value: str):
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--date “{value}”不是有效日期，应为 YYYY-MM-DD") from None
