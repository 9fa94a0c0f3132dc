"""Comments on consultations: stored for moderation, never shown before a moderator approves."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from openinfo.models import Consultation, ConsultationComment
from portal import audit


@transaction.atomic
def comment_submit(*, consultation: Consultation, content: str, name: str = "",
                   contact: str = "") -> ConsultationComment:
    if not consultation.is_open:
        raise ValidationError("征集期已结束，不再接收意见。")
    comment = ConsultationComment.objects.create(
        consultation=consultation, content=content.strip(), name=(name or "").strip()[:40],
        contact=(contact or "").strip()[:100],
    )
    audit.record(obj=comment, action="提交意见")
    return comment
