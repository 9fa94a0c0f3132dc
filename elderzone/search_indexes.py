"""The zone's public content in the site search (unified search reads type_name / type_label)."""
from haystack import indexes

from elderzone.models import CareInstitution, ElderNotice, ElderService, LifeArticle


class _ZoneIndex(indexes.SearchIndex):
    # The text is built here rather than from a template: it is a few fields joined, nothing to lay out.
    text = indexes.CharField(document=True)
    title = indexes.CharField(boost=3.0)
    published = indexes.DateField(null=True)

    model = None

    def get_model(self):
        return self.model

    def index_queryset(self, using=None):
        return self.get_model().objects.public()

    def prepare_published(self, obj):
        return obj.published_at.date() if obj.published_at else None


class LifeArticleIndex(_ZoneIndex, indexes.Indexable):
    model = LifeArticle
    type_name = "life"
    type_label = "懂生活"
    fallback_fields = ["title", "summary", "body"]

    def prepare_title(self, obj):
        return obj.title

    def prepare_text(self, obj):
        return "\n".join([obj.title, obj.get_category_display(), obj.summary, obj.body_text])


class ElderNoticeIndex(_ZoneIndex, indexes.Indexable):
    model = ElderNotice
    type_name = "elder_notice"
    type_label = "长者专区通知"
    fallback_fields = ["title", "body"]

    def prepare_title(self, obj):
        return obj.title

    def prepare_text(self, obj):
        return "\n".join([obj.title, obj.body_text])


class ElderServiceIndex(_ZoneIndex, indexes.Indexable):
    model = ElderService
    type_name = "elder_service"
    type_label = "长者服务"
    fallback_fields = ["name", "summary", "guide"]

    def prepare_title(self, obj):
        return obj.name

    def prepare_text(self, obj):
        return "\n".join([obj.name, obj.get_category_display(), obj.summary, obj.guide])


class CareInstitutionIndex(_ZoneIndex, indexes.Indexable):
    model = CareInstitution
    type_name = "care"
    type_label = "养老服务机构"
    fallback_fields = ["name", "address", "services"]

    def index_queryset(self, using=None):
        return super().index_queryset(using).select_related("district")

    def prepare_title(self, obj):
        return obj.name

    def prepare_text(self, obj):
        return "\n".join([obj.name, obj.get_kind_display(), str(obj.district), obj.address, obj.services])
