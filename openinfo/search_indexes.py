"""Searchable openinfo content: consultations, 权责清单 items, published letters (no personal data)."""
from haystack import indexes

from openinfo.models import Consultation, Letter, PowerItem


def _published(obj):
    return obj.published_at.date() if obj.published_at else None


class ConsultationIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", boost=3.0)
    published = indexes.DateField(null=True)

    type_name = "consultation"
    type_label = "意见征集"

    def get_model(self):
        return Consultation

    def prepare_published(self, obj):
        return _published(obj)

    def index_queryset(self, using=None):
        return self.get_model().objects.public().select_related("department")


class PowerItemIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="name", boost=3.0)
    published = indexes.DateField(null=True)

    type_name = "power"
    type_label = "权责清单"

    def get_model(self):
        return PowerItem

    def prepare_published(self, obj):
        return _published(obj)

    def index_queryset(self, using=None):
        return self.get_model().objects.public().select_related("department")


class LetterIndex(indexes.SearchIndex, indexes.Indexable):
    """Only replies the writer agreed to publish; the template names no private field."""

    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(boost=3.0)
    published = indexes.DateField(null=True)

    type_name = "letter"
    type_label = "信箱答复"

    def get_model(self):
        return Letter

    def prepare_title(self, obj):
        return obj.display_subject

    def prepare_published(self, obj):
        return obj.replied_at.date() if obj.replied_at else None

    def index_queryset(self, using=None):
        return self.get_model().objects.filter(
            published=True, consent_publish=True, status=Letter.Status.REPLIED
        ).select_related("department", "reply_department")
