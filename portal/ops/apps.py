from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "portal.ops"
    label = "ops"
    verbose_name = "运行维护"

    def ready(self):
        from portal.ops import failures, outbox  # noqa: F401  (Celery failure signals; outbox tasks, worker start)
