from haystack import indexes

from policies.models import PolicyDocument


class PolicyDocumentIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", boost=3.0)
    doc_number_key = indexes.CharField(model_attr="doc_number_key", indexed=False)
    published = indexes.DateField(model_attr="issued_date", null=True)

    def get_model(self):
        return PolicyDocument

    def index_queryset(self, using=None):
        return self.get_model().objects.public().select_related("issuer")
