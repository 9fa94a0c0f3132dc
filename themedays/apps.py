from django.apps import AppConfig


class ThemedaysConfig(AppConfig):
    name = "themedays"
    verbose_name = "政务公开主题日"
