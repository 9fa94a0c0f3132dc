from django.db import models
from haystack.signals import BaseSignalProcessor

from portal.search import indexing


class QueuedSignalProcessor(BaseSignalProcessor):
    """Queue index updates after the transaction commits instead of writing inside the request.

    All rows a transaction touches go to the index task together (see portal.search.indexing);
    the index stays untouched if the transaction rolls back.
    """

    def setup(self):
        models.signals.post_save.connect(self.enqueue)
        models.signals.post_delete.connect(self.enqueue)

    def teardown(self):
        models.signals.post_save.disconnect(self.enqueue)
        models.signals.post_delete.disconnect(self.enqueue)

    def enqueue(self, sender, instance, using=None, **kwargs):
        if kwargs.get("raw"):  # loaddata: the rows are indexed by rebuild_index afterwards
            return
        indexing.on_row_changed(sender, instance.pk, using=using)
