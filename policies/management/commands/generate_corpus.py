"""manage.py generate_corpus --count N [--seed S] [--out FILE] — synthetic JSONL in the import format."""
import json

from django.core.management.base import BaseCommand, CommandError

from policies.corpus import CorpusGenerator


class Command(BaseCommand):
    requires_system_checks = []  # a pure text generator: no reason to load the URL conf
    help = "生成合成政策文件语料（JSONL，与 import_policies 的导入格式相同），同一 --seed 结果相同。"

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="文件件数")
        parser.add_argument("--seed", type=int, default=0, help="随机种子（默认 0）")
        parser.add_argument("--out", default="-", help="输出文件（默认标准输出）")
        parser.add_argument("--dup-rate", type=float, default=0.0,
                            help="重复与近似重复文件的比例（0～1，默认 0），用于测试去重")

    def handle(self, *args, **options):
        count, dup_rate = options["count"], options["dup_rate"]
        if count < 0:
            raise CommandError("--count 不能为负数")
        if not 0 <= dup_rate <= 1:
            raise CommandError("--dup-rate 应在 0 到 1 之间")
        generator = CorpusGenerator(seed=options["seed"])
        to_file = options["out"] != "-"
        out = open(options["out"], "w", encoding="utf-8") if to_file else self.stdout
        try:
            lines = []
            for doc in generator.documents(count, dup_rate=dup_rate):
                lines.append(json.dumps(doc, ensure_ascii=False))
                if len(lines) >= 1000:
                    out.write("\n".join(lines) + "\n")
                    lines = []
            if lines:
                out.write("\n".join(lines) + "\n")
        finally:
            if to_file:
                out.close()
        if to_file:
            self.stderr.write(f"已生成 {count} 件政策文件：{options['out']}")
