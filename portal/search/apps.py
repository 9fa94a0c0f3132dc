from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "portal.search"
    label = "search"
    verbose_name = "站内搜索"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from portal.search import selectors, synonyms
        from portal.models import Department, SiteSettings
        from portal.search.models import BlockedHotWord, HotWord, Synonym

        # This process sees a synonym or block-list change at once; others within a minute
        # (synonyms) or within the hot-word cache time.
        for signal in (post_save, post_delete):
            signal.connect(synonyms.invalidate, sender=Synonym, dispatch_uid=f"search-synonyms-{signal}")
            # Agencies' names are synonyms too (portal.search.agencies).
            signal.connect(synonyms.invalidate, sender=Department, dispatch_uid=f"search-agencies-{signal}")
            for sender in (BlockedHotWord, HotWord, SiteSettings):  # the list or what decides it changed
                signal.connect(selectors.forget_hot_words, sender=sender,
                               dispatch_uid=f"search-hot-{sender.__name__}-{signal}")
