"""The import itself: records in, documents created or updated, a report out.

Every record is saved in its own savepoint inside a batch transaction, so one bad record costs
only itself while the database still commits in batches (thousands of rows a minute). Search
indexing is done once per batch after the commit instead of one index write per row.
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from policies import services
from policies.importing.classify import classify
from policies.importing.issuers import IssuerResolver
from policies.importing.records import PolicyRecord, RecordError
from policies.importing.similarity import NearDuplicateIndex, signature
from policies.models import PolicyDocument
from portal import audit
from portal.models import PublishStatus
from portal.text import content_hash, plain_text, sanitize_html

Item = tuple[str, "PolicyRecord | RecordError"]

# Fields an import sets and compares on re-import (name on the model → value from the record).
COMPARED = ("title", "doc_number", "issuer_id", "doc_type", "validity", "written_date", "issued_date",
            "published_at", "body", "summary", "source_url")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    similar: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    departments_created: list[str] = field(default_factory=list)
    indexed: int = 0
    seconds: float = 0.0

    @property
    def error_count(self) -> int:
        return len(self.errors)

    def as_dict(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "duplicate": self.duplicates, "similar": self.similar, "error": self.error_count,
                "departments_created": self.departments_created, "seconds": round(self.seconds, 2)}

    def summary(self) -> str:
        return (f"导入完成：新建 {self.created} 件，更新 {self.updated} 件，未变化 {self.unchanged} 件，"
                f"重复 {self.duplicates} 件（已跳过），疑似重复 {self.similar} 件（已导入并标记），"
                f"错误 {self.error_count} 条；用时 {self.seconds:.1f} 秒（每秒 {self.rate:.0f} 条）。")

    @property
    def rate(self) -> float:
        handled = self.created + self.updated + self.unchanged + self.duplicates + self.error_count
        return handled / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class Publication:
    """Who publishes an import without review (import_policies --publish), and when: written to the audit log."""

    name: str  # the portal user's name, or the OS account that ran the command
    at: dt.datetime
    actor: object = None  # the portal user (None when only an OS account is known)

    @property
    def note(self) -> str:
        return f"未经审核直接发布：{self.name}，{timezone.localtime(self.at):%Y-%m-%d %H:%M}"


def published_at_for(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


# Per-row side effects that a bulk import replaces: elderzone makes read-aloud audio after every
# save of an elder policy (espeak, seconds per document, in-process in the embedded mode); for an
# import of thousands that would take hours, and the zone makes the audio on first play anyway.
@contextmanager
def per_row_receivers_paused():
    try:
        from elderzone.signals import speech_paused
    except ImportError:  # a build without the elder zone
        speech_paused = nullcontext
    with speech_paused(), search_signals_paused():
        yield


@contextmanager
def search_signals_paused():
    """Stop per-row index updates; the importer indexes each batch in one write instead."""
    from django.apps import apps

    processor = apps.get_app_config("haystack").signal_processor
    if processor is None:
        yield
        return
    processor.teardown()
    try:
        yield
    finally:
        processor.setup()


class PolicyImporter:
    # Whoosh pays per commit (segment merges, a searcher per updated document), so the index is
    # written in fewer, larger commits than the database: 2,000 documents in one commit cost about
    # two thirds of four commits of 500.
    index_batch = 5000
    # PostgreSQL plans queries from its statistics of a table; an import of this many rows or more
    # refreshes them at once (ANALYZE) instead of leaving it to autovacuum, which may lag or be off.
    # On a table imported but never analysed, fetching 10 search results by id scanned 20,000
    # index entries (16 ms instead of 0.3 ms).
    analyze_after = 500

    def __init__(self, *, batch_size: int = 500, index: bool = True, detect_similar: bool = True,
                 on_problem: Callable[[str, str, bool], None] | None = None, publish: Publication | None = None):
        self.batch_size = batch_size
        # New documents wait for review (待审核) unless someone answers for publishing them at once.
        self.publish = publish
        self._checker = None
        self.index = index
        self.detect_similar = detect_similar
        self.on_problem = on_problem or (lambda where, message, is_error: None)
        self.report = ImportReport()
        self.issuers = IssuerResolver()
        self.near = NearDuplicateIndex()
        self._near_loaded = False
        self._seen_ids: dict[str, str] = {}
        self._seen_hashes: dict[str, str] = {}
        self._next_seq: dict[tuple[int, int], int] = {}
        self._to_index: list[int] = []

    # --- driving ------------------------------------------------------------------------------
    def run(self, items: Iterable[Item], advance: Callable[[int], None] = lambda n: None) -> ImportReport:
        started = time.monotonic()
        batch: list[Item] = []
        with per_row_receivers_paused():
            for item in items:
                batch.append(item)
                if len(batch) >= self.batch_size:
                    self._run_batch(batch)
                    advance(len(batch))
                    batch = []
            if batch:
                self._run_batch(batch)
                advance(len(batch))
            self._flush_index()
        if self.report.created + self.report.updated >= self.analyze_after:
            self._refresh_statistics()
        self.report.departments_created = [d.name for d in self.issuers.created]
        self.report.seconds = time.monotonic() - started
        return self.report

    @staticmethod
    def _refresh_statistics() -> None:
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(PolicyDocument._meta.db_table)}")

    def _error(self, where: str, message: str) -> None:
        self.report.errors.append((where, message))
        self.on_problem(where, message, True)

    def _note(self, where: str, message: str) -> None:
        self.report.notes.append((where, message))
        self.on_problem(where, message, False)

    def _run_batch(self, batch: list[Item]) -> None:
        records = [(where, rec) for where, rec in batch if isinstance(rec, PolicyRecord)]
        for where, rec in batch:
            if isinstance(rec, RecordError):
                self._error(where, str(rec))
        if not records:
            return
        if self.detect_similar and not self._near_loaded:
            self._load_existing_signatures()
        hashes = {id(rec): content_hash(rec.title, plain_text(sanitize_html(rec.body))) for _, rec in records}
        by_external = PolicyDocument.objects.in_bulk(
            [rec.external_id for _, rec in records if rec.external_id], field_name="external_id")
        by_hash = {}
        for doc in PolicyDocument.objects.filter(content_hash__in=set(hashes.values())):
            by_hash.setdefault(doc.content_hash, doc)
        touched: list[int] = []
        with transaction.atomic():
            for where, rec in records:
                try:
                    with transaction.atomic():
                        pk = self._import_one(where, rec, hashes[id(rec)], by_external, by_hash)
                except (IntegrityError, RecordError) as exc:
                    self._error(where, self._explain(exc))
                    continue
                if pk:
                    touched.append(pk)
        self._to_index.extend(touched)
        if len(self._to_index) >= self.index_batch:
            self._flush_index()

    # --- one record ---------------------------------------------------------------------------
    def _import_one(self, where: str, rec: PolicyRecord, digest: str, by_external: dict, by_hash: dict) -> int | None:
        for message in rec.warnings:
            self._note(where, message)
        if rec.external_id and rec.external_id in self._seen_ids:
            self.report.duplicates += 1
            self._note(where, f"与{self._seen_ids[rec.external_id]}外部编号相同，已跳过")
            return None
        if digest in self._seen_hashes:
            self.report.duplicates += 1
            self._note(where, f"与{self._seen_hashes[digest]}内容完全相同，已跳过")
            return None
        existing = by_external.get(rec.external_id) if rec.external_id else None
        if existing is None and digest in by_hash:
            twin = by_hash[digest]
            if not rec.external_id and not twin.external_id and not self._differences(twin, rec):
                # The same line imported before (no external_id to match it by): nothing to do.
                self.report.unchanged += 1
            else:
                self.report.duplicates += 1
                self._note(where, f"与已有文件《{twin.title[:40]}》（编号 {twin.pk}）内容完全相同，已跳过")
            self._seen_hashes[digest] = where
            return None
        if rec.external_id:
            self._seen_ids[rec.external_id] = where
        self._seen_hashes[digest] = where
        if not rec.topic:
            rec.topic, rec.subtopic = classify(rec.title, rec.body_text)
            rec.classified = True
        if existing is not None:
            return self._update(where, existing, rec, digest)
        return self._create(where, rec)

    def _values(self, rec: PolicyRecord) -> dict:
        return {
            "title": rec.title, "doc_number": rec.doc_number, "issuer_id": self.issuers.get(rec.issuer).pk,
            "doc_type": rec.doc_type, "validity": rec.validity, "written_date": rec.written_date,
            "issued_date": rec.published_date, "published_at": published_at_for(rec.published_date),
            "body": rec.body, "summary": rec.summary, "source_url": rec.source_url,
        }

    def _create(self, where: str, rec: PolicyRecord) -> int:
        doc = PolicyDocument(**self._values(rec), topic=rec.topic, subtopic=rec.subtopic, external_id=rec.external_id,
                             status=PublishStatus.PENDING)
        publish = self.publish is not None and self._publishable(where, doc)
        if publish:
            doc.status, doc.reviewer = PublishStatus.PUBLISHED, self.publish.actor
        doc.department_id = doc.issuer_id
        sig = signature(rec.body_text) if self.detect_similar else None
        self._flag_similar(where, doc, sig)
        year = rec.written_date.year
        doc.index_number = rec.index_number or self._take_index_number(doc.issuer_id, year)
        services.fill_derived_fields(doc)  # keywords (jieba)
        try:
            with transaction.atomic():
                doc.save()
        except IntegrityError:
            if rec.index_number or not PolicyDocument.objects.filter(index_number=doc.index_number).exists():
                raise
            # An official numbered a document meanwhile: take the next free number and retry once.
            self._next_seq.pop((doc.issuer_id, year), None)
            doc.index_number = self._take_index_number(doc.issuer_id, year)
            doc.save()
        if publish:
            audit.record(obj=doc, action="导入并发布", actor=self.publish.actor,
                         changes=audit.diff({}, audit.snapshot(doc)), note=f"{where}；{self.publish.note}")
        else:
            audit.record(obj=doc, action="导入", changes=audit.diff({}, audit.snapshot(doc)), note=f"{where}；待审核")
        self.near.add(doc.pk, sig)
        self.report.created += 1
        return doc.pk

    def _differences(self, doc: PolicyDocument, rec: PolicyRecord) -> dict:
        values = self._values(rec)
        if rec.topic and not rec.classified:
            values.update(topic=rec.topic, subtopic=rec.subtopic)  # a classification never overrides an editor's
        if rec.index_number:
            values["index_number"] = rec.index_number
        changed = {name: value for name, value in values.items() if getattr(doc, name) != value}
        if "body" in changed and sanitize_html(changed["body"]) == doc.body:
            changed.pop("body")
        return changed

    def _update(self, where: str, doc: PolicyDocument, rec: PolicyRecord, digest: str) -> int | None:
        before = audit.snapshot(doc)
        changed = self._differences(doc, rec)
        if not changed:
            self.report.unchanged += 1
            return None
        for name, value in changed.items():
            setattr(doc, name, value)
        if digest != doc.content_hash:
            doc.keywords = ""
            services.fill_derived_fields(doc)
            if self.detect_similar:
                sig = signature(rec.body_text)
                doc.similar_to_id = None
                self._flag_similar(where, doc, sig, exclude=doc.pk)
                self.near.add(doc.pk, sig)
        doc.save()
        audit.record(obj=doc, action="导入更新", changes=audit.diff(before, audit.snapshot(doc)), note=where)
        self.report.updated += 1
        return doc.pk

    def _publishable(self, where: str, doc: PolicyDocument) -> bool:
        """--publish goes through the same check as the admin: a document with personal data or a banned word
        lands for review (待审核) with the reason, like any other publication that the check stops."""
        from portal import textcheck

        if self._checker is None:
            self._checker = textcheck.Checker()  # the word list and known contacts, loaded once per import
        report = self._checker.check(doc)
        if not report.blocking:
            return True
        self._note(where, "未发布，转为待审核：" + "".join(report.block_messages()))
        return False

    def _flag_similar(self, where: str, doc: PolicyDocument, sig, exclude: int | None = None) -> None:
        if sig is None:
            return
        twin_pk, score = self.near.most_similar(sig, exclude=exclude)
        if twin_pk is None:
            return
        doc.similar_to_id = twin_pk
        self.report.similar += 1
        twin_title = PolicyDocument.objects.filter(pk=twin_pk).values_list("title", flat=True).first() or ""
        self._note(where, f"与《{twin_title[:40]}》（编号 {twin_pk}）高度相似（相似度约 {score:.0%}），已导入并标记疑似重复")

    def _take_index_number(self, issuer_id: int, year: int) -> str:
        """索引号 per issuer and year, counted in memory after one look at the database."""
        issuer = self.issuers.by_pk(issuer_id)
        key = (issuer_id, year)
        if key not in self._next_seq:
            first = services.next_index_number(issuer=issuer, year=year)
            self._next_seq[key] = int(first.rsplit("-", 1)[1])
        seq = self._next_seq[key]
        self._next_seq[key] = seq + 1
        return f"{issuer.code}/{year}-{seq:05d}"

    # --- helpers ------------------------------------------------------------------------------
    def _load_existing_signatures(self) -> None:
        self._near_loaded = True
        rows = PolicyDocument.objects.order_by("pk").values_list("pk", "body").iterator(chunk_size=2000)
        for pk, body in rows:
            self.near.add(pk, signature(plain_text(body)))

    @staticmethod
    def _explain(exc: Exception) -> str:
        if isinstance(exc, RecordError):
            return str(exc)
        text = str(exc).lower()
        if "index_number" in text:
            return "索引号已被其他文件使用"
        if "external_id" in text:
            return "外部编号已被其他文件使用"
        return f"保存失败（数据库约束）：{str(exc)[:120]}"

    def _flush_index(self) -> None:
        pks, self._to_index = list(dict.fromkeys(self._to_index)), []
        if self.index and pks:
            self._index(pks)

    def _index(self, pks: list[int]) -> None:
        from haystack import connections

        index = connections["default"].get_unified_index().get_index(PolicyDocument)
        backend = connections["default"].get_backend()
        public = []
        for start in range(0, len(pks), 900):  # stay under SQLite's bound-parameter limit
            public.extend(index.index_queryset().filter(pk__in=pks[start:start + 900]))
        if public:
            backend.update(index, public)
        # Updated documents an official had withdrawn stay out of the index.
        hidden = [f"policies.policydocument.{pk}" for pk in set(pks) - {doc.pk for doc in public}]
        for identifier in hidden:
            backend.remove(identifier)
        self.report.indexed += len(public)
