"""The publication guard: what of a row the public reads, what is wrong with it, and the two fixes.

Every path that makes text public calls `ensure_publishable` (portal.publishing.transition, comment
moderation, letter publication) and every admin form that saves a public row runs `check`; so no
path publishes a mobile number or a banned word. The fixes are `mask_object` (one click) and
`confirm_contact` (this number is the office's own), both written to the audit log.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from portal import audit
from portal.models import ConfirmedContact, Department, Publishable, PublishStatus, SiteSettings

from . import personal, wording

# Fields that are the office's published contact or an identifier, not prose: a number there is
# meant to be read (办公电话, 办公地址), so it is the allow-list for the row's own text.
CONTACT_FIELDS = frozenset({
    "phone", "complaint_phone", "contact_phone", "contact", "address", "fax", "email", "postcode", "hours",
    "office_hours", "location", "place", "url", "code", "item_code", "index_number", "doc_number", "external_id",
    "search_query", "search_topic", "search_qa_category",
})
NOT_TEXT = (models.URLField, models.EmailField, models.SlugField)


class PublicationBlocked(ValidationError):
    """Raised instead of publishing; `.report` says what to mask, confirm or rewrite."""

    def __init__(self, report: "Report"):
        self.report = report
        super().__init__(report.block_messages())


def is_guarded(model) -> bool:
    return issubclass(model, Publishable) or hasattr(model, "textcheck_fields")


def guarded_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if is_guarded(m) and not m._meta.proxy]


def public_rows(model) -> models.QuerySet:
    return model._default_manager.filter(**getattr(model, "public_filter", {"status": PublishStatus.PUBLISHED}))


def _default_fields(model) -> list[str]:
    return [
        f.name for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField)) and not isinstance(f, NOT_TEXT)
        and f.editable and not f.choices and f.name not in CONTACT_FIELDS
    ]


def text_fields(obj) -> list[str]:
    """The fields of `obj` the public reads; a model names them in `textcheck_fields` (attribute or method)."""
    declared = getattr(obj, "textcheck_fields", None)
    if declared is None:
        return _default_fields(type(obj))
    return list(declared() if callable(declared) else declared)


def _contacts_in(values) -> set[tuple[str, str]]:
    keys = set()
    for value in values:
        keys.update((f.kind, f.key) for f in personal.find_personal_data(str(value or "")))
    return keys


@dataclass
class FieldReport:
    name: str
    label: str
    value: str
    personal: list[personal.Finding]
    words: list[wording.WordFinding]


@dataclass
class Report:
    obj: models.Model
    fields: list[FieldReport] = field(default_factory=list)

    @property
    def personal(self) -> list[tuple[FieldReport, personal.Finding]]:
        return [(f, p) for f in self.fields for p in f.personal]

    @property
    def blocking_words(self) -> list[tuple[FieldReport, wording.WordFinding]]:
        return [(f, w) for f in self.fields for w in f.words if w.blocking]

    @property
    def warnings(self) -> list[tuple[FieldReport, wording.WordFinding]]:
        return [(f, w) for f in self.fields for w in f.words if not w.blocking]

    @property
    def blocking(self) -> bool:
        return bool(self.personal or self.blocking_words)

    @property
    def empty(self) -> bool:
        return not any(f.personal or f.words for f in self.fields)

    def block_messages(self) -> list[str]:
        lines = []
        if self.personal:
            found = "、".join(f"{p.label} {p.masked}（{f.label}）" for f, p in self.personal)
            lines.append(f"含个人信息：{found}。请在编辑页“一键遮蔽”，或确认为办公联系方式后再发布。")
        if self.blocking_words:
            found = "、".join(f"“{w.term}”（{f.label}）" for f, w in self.blocking_words)
            lines.append(f"含禁用或敏感词：{found}。请修改后再发布。")
        return lines

    def warning_messages(self) -> list[str]:
        return [f"“{w.term}”疑为错别字，建议改为“{w.suggestion}”（{f.label}：{w.context}）" for f, w in self.warnings]


class Checker:
    """Loads the word list, the departments' published contacts and the confirmations once."""

    def __init__(self):
        self.rules = wording.load_rules()
        # The departments' published phones and addresses and the site's own (页脚) contacts.
        listed = list(Department.objects.values_list("phone", "address"))
        listed += list(SiteSettings.objects.values_list("phone", "address", "email"))
        self.directory = _contacts_in(value for row in listed for value in row)
        self._confirmed: dict[tuple[int, str], set[tuple[str, str]]] | None = None

    def confirmed(self, obj) -> set[tuple[str, str]]:
        if self._confirmed is None:
            self._confirmed = {}
            rows = ConfirmedContact.objects.values_list("content_type_id", "object_id", "kind", "key")
            for ct, pk, kind, key in rows:
                self._confirmed.setdefault((ct, pk), set()).add((kind, key))
        ct = ContentType.objects.get_for_model(obj)  # the concrete model: a proxy admin sees the same confirmations
        return self._confirmed.get((ct.pk, str(obj.pk)), set())

    def allowed(self, obj) -> set[tuple[str, str]]:
        own = set()
        if getattr(obj, "textcheck_fields", None) is None:
            # A content row's own contact fields are the office's; a letter's phone is the writer's.
            own = _contacts_in(getattr(obj, f.name) for f in obj._meta.concrete_fields if f.name in CONTACT_FIELDS)
        return self.directory | own | (self.confirmed(obj) if obj.pk else set())

    def check(self, obj) -> Report:
        allowed = frozenset(self.allowed(obj))
        report = Report(obj)
        for name in text_fields(obj):
            value = getattr(obj, name) or ""
            if not value.strip():
                continue
            report.fields.append(FieldReport(
                name=name, label=str(obj._meta.get_field(name).verbose_name), value=value,
                personal=personal.find_personal_data(value, allowed=allowed),
                words=wording.check_wording(value, self.rules),
            ))
        return report


def check(obj) -> Report:
    return Checker().check(obj)


def ensure_publishable(obj, *, checker: Checker | None = None) -> None:
    """Raise PublicationBlocked when `obj`'s public text has personal data or a banned word."""
    report = (checker or Checker()).check(obj)
    if report.blocking:
        raise PublicationBlocked(report)


@transaction.atomic
def mask_object(*, obj, actor) -> Report:
    """Rewrite every personal datum in obj's public text to its masked form; returns what was found."""
    report = check(obj)
    changed = [f for f in report.fields if f.personal]
    if not changed:
        raise ValidationError("没有需要遮蔽的个人信息。")
    for f in changed:
        setattr(obj, f.name, personal.mask(f.value, f.personal))
    obj.save()
    # The log keeps what it became, never the number itself.
    note = "；".join(f"{f.label}：" + "、".join(p.masked for p in f.personal) for f in changed)
    audit.record(obj=obj, action="遮蔽个人信息", actor=actor, note=note)
    return report


@transaction.atomic
def confirm_contact(*, obj, key: str, actor) -> ConfirmedContact:
    """Record that the phone, mailbox or address `key` found in obj is the office's own."""
    finding = next((p for _, p in check(obj).personal if p.key == key), None)
    if finding is None:
        raise ValidationError("该联系方式不在待处理的个人信息中。")
    if finding.confirm_label is None:
        raise ValidationError(f"{finding.label}不能确认为办公联系方式，请遮蔽。")
    contact, _ = ConfirmedContact.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk),
        kind=finding.kind, key=finding.key, defaults={"confirmed_by": actor},
    )
    audit.record(obj=obj, action=finding.confirm_label, actor=actor, note=f"{finding.label} {finding.text}")
    return contact
