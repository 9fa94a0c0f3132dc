"""Search index of the portal's own public content: 政务动态 / 通知公告 / 媒体聚焦 articles."""
from haystack import indexes

from portal.models import Article


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", boost=3.0)
    published = indexes.DateField(null=True)
    category = indexes.CharField(model_attr="category", indexed=False)

    type_name = "article"
    type_label = "新闻公告"

    def get_model(self):
        return Article

    def prepare_published(self, obj):
        return obj.published_at.date() if obj.published_at else None

    def index_queryset(self, using=None):
        return self.get_model().objects.public().select_related("department")
