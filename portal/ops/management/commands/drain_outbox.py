"""`manage.py drain_outbox`: run the background jobs still waiting now (what beat does every minute).

For the embedded mode, which has no beat, and for an operator who does not want to wait a minute.
"""
from django.core.management.base import BaseCommand

from portal.ops import outbox
from portal.ops.models import OutboxJob


class Command(BaseCommand):
    help = "执行所有到期的待执行后台任务（与 beat 每分钟执行的相同）。"

    def handle(self, *args, **options):
        done = outbox.drain()
        waiting = OutboxJob.objects.filter(state=OutboxJob.State.PENDING).count()
        self.stdout.write(self.style.SUCCESS(f"已执行 {done} 个后台任务；仍在等待重试的：{waiting} 个。"))
