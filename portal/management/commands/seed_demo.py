import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app owns its demo data in <app>/demo.py with a seed() that is safe to run again.
DEMO_MODULES = ["portal.demo", "policies.demo", "policies.demo_guidance", "themedays.demo", "elderzone.demo", "openinfo.demo"]


class Command(BaseCommand):
    help = "载入演示数据（可重复执行）"

    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name == name:
                    continue
                raise
            with transaction.atomic():
                summary = module.seed()
            self.stdout.write(f"{name}: {summary}")
        from portal.demo import DEMO_PASSWORD

        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪。后台 http://127.0.0.1:8000/admin/ 账号 admin / {DEMO_PASSWORD}"))
