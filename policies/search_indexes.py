from haystack import indexes

from policies.models import PolicyDocument, Validity
from portal.search.fields import ExactField

# How much a match counts by the document's 有效性: a citizen wants the rules in force first.
# (percent; portal.search.doctable multiplies the relevance score by it)
VALIDITY_RANK = {Validity.VALID: 100, Validity.AMENDED: 75, Validity.EXPIRED: 50, Validity.REPEALED: 40}


class PolicyDocumentIndex(indexes.SearchIndex, indexes.Indexable):
    type_name = "policy"
    type_label = "政策文件"
    # Searched with icontains when the index cannot be read (portal.search.fallback).
    fallback_fields = ["title", "doc_number", "keywords", "summary", "body"]

    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", boost=3.0)
    keywords = indexes.CharField(model_attr="keywords", default="")
    doc_number_key = ExactField(model_attr="doc_number_key", default="")
    # 发文字号 as words, for a search restricted to it (机关代字, year); a whole number uses the key.
    doc_number = indexes.CharField(model_attr="doc_number", default="")
    published = indexes.DateField(model_attr="issued_date", null=True)
    # Facet filters of the policy library, matched whole (the counts come from the database).
    issuer = ExactField(model_attr="issuer__name", default="")
    year = ExactField(default="")
    topic = ExactField(model_attr="topic", default="")
    subtopic = ExactField(model_attr="subtopic", default="")
    # 成文日期 as YYYY-MM-DD: ISO dates order as text, so one term field serves the range and the sort.
    written = ExactField(default="")
    doc_type = ExactField(model_attr="doc_type", default="")
    validity = ExactField(model_attr="validity", default="")
    rank_percent = indexes.IntegerField(indexed=False, default=100)

    def get_model(self):
        return PolicyDocument

    def index_queryset(self, using=None):
        return self.get_model().objects.public().select_related("issuer")

    def prepare_year(self, obj):
        return str(obj.issued_date.year) if obj.issued_date else ""

    def prepare_written(self, obj):
        return obj.written_date.isoformat() if obj.written_date else ""

    def prepare_rank_percent(self, obj):
        return VALIDITY_RANK.get(obj.validity, 100)


# --- 看·问·办: interpretations, Q&A and service guides (appended; the class above is owned elsewhere) ---
from policies.models import Interpretation, PolicyQA, ServiceGuide  # noqa: E402


class InterpretationIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", boost=3.0)
    published = indexes.DateField(null=True)
    kind = indexes.CharField(model_attr="kind", indexed=False)

    type_name = "interpretation"
    type_label = "政策解读"
    fallback_fields = ["title", "summary", "body", "transcript"]

    def get_model(self):
        return Interpretation

    def prepare_published(self, obj):
        return obj.published_at.date() if obj.published_at else None

    def index_queryset(self, using=None):
        return self.get_model().objects.public().prefetch_related("policies", "images", "figures")


class PolicyQAIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="question", boost=3.0)
    published = indexes.DateField(null=True)
    category = indexes.CharField(model_attr="category", indexed=False)

    type_name = "qa"
    type_label = "政策问答"
    fallback_fields = ["question", "answer", "basis_quote"]

    def get_model(self):
        return PolicyQA

    def prepare_published(self, obj):
        return obj.published_at.date() if obj.published_at else None

    def index_queryset(self, using=None):
        return self.get_model().objects.public().select_related("policy")


class ServiceGuideIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="name", boost=3.0)
    published = indexes.DateField(null=True)

    type_name = "guide"
    type_label = "办事指南"
    fallback_fields = ["name", "conditions", "location"]

    def get_model(self):
        return ServiceGuide

    def prepare_published(self, obj):
        return obj.published_at.date() if obj.published_at else None

    def index_queryset(self, using=None):
        return self.get_model().objects.public().select_related("department").prefetch_related("materials", "steps")
