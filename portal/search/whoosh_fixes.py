"""Small fixes to Whoosh 2.7.4 (unmaintained since 2016), applied when the backend is imported.

W3PerDocReader._cached_reader caches a field's length column only when the column exists; for
fields that have none (ID fields such as django_ct) it asks the file system on every call. While
a segment is written, Whoosh asks for every posting, so a rebuild spent a large share of its time
in os.stat(). The fix caches the "no column" answer too.
"""
from whoosh.codec import whoosh3


def _cached_reader(self, fieldname, column):
    try:
        return self._readers[fieldname]
    except KeyError:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
        return reader


def apply() -> None:
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
