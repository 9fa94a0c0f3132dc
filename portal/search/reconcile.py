"""Find and fix every difference between the database and the search index.

For each searchable type: public rows missing from the index, index entries whose row is gone or
no longer public, and entries whose indexed content differs from what the row would index now
(compared by a fingerprint stored with each entry — this also catches changes made with
QuerySet.update(), raw SQL or a related row such as a renamed department). Recorded pending
updates are applied first. Run nightly by Celery beat and by `manage.py search_reconcile`.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from haystack import connections

from portal.search import indexing
from portal.search.backend import VERSION_FIELD

logger = logging.getLogger(__name__)

CHUNK = 1000


@dataclass
class ReconcileReport:
    missing: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    pending_applied: int = 0
    rebuilt: bool = False
    dictionary_outdated: bool = False
    fixed: bool = False

    @property
    def differences(self) -> int:
        return len(self.missing) + len(self.stale) + len(self.extra)

    def as_dict(self) -> dict:
        return {"missing": len(self.missing), "stale": len(self.stale), "extra": len(self.extra),
                "pending_applied": self.pending_applied, "rebuilt": self.rebuilt,
                "dictionary_outdated": self.dictionary_outdated, "fixed": self.fixed}


def dictionary_outdated() -> bool:
    from portal.search.dictionary import admin_terms, fingerprint

    found = indexing.engine().dictionary_fingerprint()
    return found is not None and found != fingerprint(admin_terms())


def reconcile(*, fix: bool = True) -> ReconcileReport:
    search = indexing.engine()
    engine = search.backend
    report = ReconcileReport()
    if fix:
        from portal.search.health import repair_if_damaged

        if repair_if_damaged():  # a fresh rebuild has nothing left to reconcile
            report.rebuilt = report.fixed = True
            return report
    if not search.ready():
        if fix:
            search.rebuild()
            report.rebuilt = report.fixed = True
        return report
    if fix:
        report.pending_applied = sum(indexing.drain_pending().values())
    indexed = search.indexed_versions()
    unified = connections["default"].get_unified_index()
    known_cts = set()
    for model, index in unified.get_indexes().items():
        ct = f"{model._meta.app_label}.{model._meta.model_name}"
        known_cts.add(ct)
        in_index = indexed.get(ct, {})
        label = model._meta.label
        seen = set()
        for obj in index.index_queryset().order_by("pk").iterator(chunk_size=CHUNK):
            pk = str(obj.pk)
            seen.add(pk)
            doc = engine.prepare_document(index, obj)
            if doc is None:
                continue
            if pk not in in_index:
                report.missing.append((label, pk))
            elif in_index[pk] != doc[VERSION_FIELD]:
                report.stale.append((label, pk))
        report.extra += [(label, pk) for pk in in_index if pk not in seen]
    orphans = []  # entries of a type that is no longer searchable
    for ct, entries in indexed.items():
        if ct not in known_cts:
            orphans += [f"{ct}.{pk}" for pk in entries]
            report.extra += [(ct, pk) for pk in entries]
    report.dictionary_outdated = dictionary_outdated()
    if fix and orphans:
        search.remove_many(orphans)
    if fix and report.differences:
        # Orphans were removed above; apply_updates skips labels that have no index.
        indexing.apply_updates(report.missing + report.stale + report.extra)
        report.fixed = True
    return report
