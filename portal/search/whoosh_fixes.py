"""Small fixes to Whoosh 2.7.4 (unmaintained since 2016), applied when the backend is imported.

- W3PerDocReader._cached_reader caches a field's length column only when the column exists; for
  fields that have none (ID fields such as django_ct) it asked the file system on every call.
- W3PerDocReader.doc_field_length read and unpacked one byte from the column file per call.
  Writing a segment asks it once per posting and BM25 once per scored document, so each
  segment's length column (one byte per document) is now read once and decoded from a table.
  Segments never change once written (deletions do not touch lengths), so the copy stays valid.
"""
from whoosh.codec import whoosh3
from whoosh.util.numeric import byte_to_length

_DECODE = (None,) + tuple(byte_to_length(b) for b in range(1, 256))  # Whoosh returns None for 0


def _cached_reader(self, fieldname, column):
    try:
        return self._readers[fieldname]
    except KeyError:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
        return reader


def length_bytes(self, fieldname):
    tables = self.__dict__.get("_portal_lengths")
    if tables is None:
        tables = self._portal_lengths = {}
    try:
        return tables[fieldname]
    except KeyError:
        reader = _cached_reader(self, whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        if reader is None:
            table = None
        else:
            stored = bytes(reader._dbfile.get(reader._basepos, reader._count)) if reader._count else b""
            table = stored + bytes(max(0, self._doccount - len(stored)))
        tables[fieldname] = table
        return table


def _doc_field_length(self, docnum, fieldname, default=0):
    if docnum > self._doccount:
        raise IndexError("Asked for docnum %r of %d" % (docnum, self._doccount))
    table = length_bytes(self, fieldname)
    if table is None:
        return default
    return _DECODE[table[docnum]]


def apply() -> None:
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
    whoosh3.W3PerDocReader.doc_field_length = _doc_field_length
