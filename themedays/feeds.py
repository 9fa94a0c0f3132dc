from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from themedays.selectors.activities import latest_reports


class ReportFeed(Feed):
    """RSS 2.0 of the latest 活动报道 (public rows only; no registrant ever appears in a report)."""

    feed_type = Rss201rev2Feed
    title = "政务公开主题日 · 活动报道"
    description = "各单位政务公开主题日活动的最新报道。"

    def link(self):
        return reverse("themedays:reports")

    def items(self):
        return latest_reports(limit=30)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        text = item.summary or item.body_text
        return text[:300] + ("…" if len(text) > 300 else "")

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.department.name

    def item_categories(self, item):
        return [item.activity.get_form_display(), item.department.display_name]

    def item_guid(self, item):
        return f"themedays-report-{item.pk}"

    item_guid_is_permalink = False
