from django.db import models, transaction
from haystack.signals import BaseSignalProcessor


class QueuedSignalProcessor(BaseSignalProcessor):
    """Queue an index update after the transaction commits instead of writing inside the request."""

    def setup(self):
        models.signals.post_save.connect(self.enqueue)
        models.signals.post_delete.connect(self.enqueue)

    def teardown(self):
        models.signals.post_save.disconnect(self.enqueue)
        models.signals.post_delete.disconnect(self.enqueue)

    def enqueue(self, sender, instance, **kwargs):
        try:
            self.connections["default"].get_unified_index().get_index(sender)
        except Exception:  # NotHandled: this model is not searchable
            return
        from portal.search.tasks import update_object_index

        label, pk = sender._meta.label, instance.pk
        transaction.on_commit(lambda: update_object_index.delay(label, pk))
