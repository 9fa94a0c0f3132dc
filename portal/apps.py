from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "门户与机构"

    def ready(self):
        from portal import cache_versions, params
        from portal.roles import sync_role_groups

        # Before any URLconf is built: every app's patterns use <id:…> and <text:…>.
        params.register_converters()
        post_migrate.connect(sync_role_groups, dispatch_uid="portal.sync_role_groups")
        # Every process that can change content invalidates the cached aggregates it feeds.
        cache_versions.connect()
