from haystack import indexes

from themedays.models import Activity, ActivityReport


class ActivityIndex(indexes.SearchIndex, indexes.Indexable):
    type_name = "activity"
    type_label = "主题日活动"
    # Searched with icontains when the index cannot be read (portal.search.fallback).
    fallback_fields = ["title", "summary", "body", "place"]

    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", boost=3.0)
    published = indexes.DateField(null=True)

    def get_model(self):
        return Activity

    def index_queryset(self, using=None):
        return self.get_model().objects.public().select_related("department")

    def prepare_published(self, obj):
        return obj.start_at.date() if obj.start_at else None


class ActivityReportIndex(indexes.SearchIndex, indexes.Indexable):
    type_name = "themeday_report"
    type_label = "主题日活动报道"
    fallback_fields = ["title", "summary", "body"]

    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", boost=3.0)
    published = indexes.DateField(null=True)

    def get_model(self):
        return ActivityReport

    def index_queryset(self, using=None):
        return self.get_model().objects.public().select_related("activity", "department")

    def prepare_published(self, obj):
        return obj.published_at.date() if obj.published_at else None
