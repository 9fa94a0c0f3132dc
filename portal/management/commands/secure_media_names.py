"""Move files uploaded before portal.files.PublicUpload into random folders (names nobody can guess).

Their old URLs stop working, which is the point: /media/policies/attachments/2024/<name>.pdf of a
draft could be guessed. Pages link the new name at once (the row is updated with the file).
Safe to run again: files already in a token folder are left alone.
"""
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.files import is_token_name, public_fields


class Command(BaseCommand):
    help = "把旧上传文件移入随机目录（存储名不可猜测），并更新数据库中的文件名"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出要移动的文件")

    def handle(self, *args, dry_run=False, **options):
        moved = missing = 0
        for public in public_fields():
            folder = public.upload.folder
            storage = public.model._meta.get_field(public.name).storage
            rows = public.model._default_manager.exclude(**{public.name: ""}).values_list("pk", public.name)
            for pk, name in rows.iterator():
                if is_token_name(name, folder):
                    continue
                if not storage.exists(name):
                    missing += 1
                    self.stderr.write(f"缺少文件：{name}（{public.model._meta.label}#{pk}）")
                    continue
                if dry_run:
                    self.stdout.write(f"将移动：{name}")
                    continue
                with storage.open(name, "rb") as handle:
                    new_name = storage.save(public.upload.name_for(name.rsplit("/", 1)[-1]), handle)
                with transaction.atomic():
                    public.model._default_manager.filter(pk=pk, **{public.name: name}).update(**{public.name: new_name})
                storage.delete(name)
                moved += 1
        self.stdout.write(f"已移动 {moved} 个文件，缺少 {missing} 个。")
