from django.apps import AppConfig


class ElderzoneConfig(AppConfig):
    name = "elderzone"
    verbose_name = "长者专区"

    def ready(self):
        from elderzone import signals

        signals.connect()
