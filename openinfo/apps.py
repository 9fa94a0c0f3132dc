from django.apps import AppConfig


class OpeninfoConfig(AppConfig):
    name = "openinfo"
    verbose_name = "政府信息公开"
