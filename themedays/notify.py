"""Messages to registrants: SMS through a pluggable hook, e-mail through portal.notify.

THEMEDAYS_SMS_BACKEND names a class with send(phone, text). The default writes to the console
(development); a deployment points it at the SMS gateway's client. Phones never reach a log in full.
"""
from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from themedays.rules import mask_phone

logger = logging.getLogger("themedays.notify")

DEFAULT_SMS_BACKEND = "themedays.notify.ConsoleSMSBackend"


class ConsoleSMSBackend:
    """Development stand-in for an SMS gateway: prints the message with the number masked."""

    stream = None

    def send(self, phone: str, text: str) -> None:
        stream = self.stream or sys.stdout
        stream.write(f"[短信] 发往 {mask_phone(phone)}：{text}\n")
        stream.flush()


def sms_backend():
    return import_string(getattr(settings, "THEMEDAYS_SMS_BACKEND", DEFAULT_SMS_BACKEND))()


def _when(activity) -> str:
    start = timezone.localtime(activity.start_at)
    return f"{start:%Y年%m月%d日 %H:%M}"


def compose(kind: str, reg) -> tuple[str, str]:
    """(subject, text) of the message of `kind` for a registration; no name or phone in it."""
    activity = reg.activity
    where = f"{_when(activity)}，{activity.place}"
    texts = {
        "confirmed": ("报名成功", f"您已成功报名“{activity.title}”（{where}），确认号 {reg.number}，共 {reg.party_size} 人。"),
        "waitlisted": ("已进入候补", f"“{activity.title}”名额已满，您已进入候补，确认号 {reg.number}。有名额空出时将自动转为报名成功并通知您。"),
        "promoted": ("候补转正", f"好消息：您候补的“{activity.title}”（{where}）已有名额，报名成功，确认号 {reg.number}。"),
        "reminder": ("活动提醒", f"提醒：您报名的“{activity.title}”将于{where}举行，请携带确认号 {reg.number} 准时参加。"),
        "activity_cancelled": ("活动取消", f"很抱歉，“{activity.title}”已取消。原因：{activity.cancel_reason}"),
    }
    subject, text = texts[kind]
    return f"【政务公开主题日】{subject}", text


def send_sms(reg, kind: str) -> None:
    """Raises when the gateway fails: the outbox job is then retried."""
    _subject, text = compose(kind, reg)
    sms_backend().send(reg.phone, text)
    logger.info("已发短信 %s：%s", mask_phone(reg.phone), kind)


def queue(reg, kind: str, *, once: bool = True) -> None:
    """Record the SMS (and the e-mail, if given) of `kind` in the outbox of the current transaction.

    `once`: the message is an event of this registration that happens once (confirmed, promoted,
    reminder), so queuing it again is ignored; an activity cancelled twice (after a restore) is
    told twice. The two are separate jobs: a gateway outage does not hold the e-mail back.
    """
    from portal.notify import email_after_commit
    from portal.ops import outbox
    from themedays.tasks import notify_registration_sms

    key = f"registration:{reg.pk}:{kind}" if once else None
    outbox.enqueue(notify_registration_sms, reg.pk, kind, key=key and f"{key}:sms")
    if reg.email:
        subject, text = compose(kind, reg)
        email_after_commit(reg.email, subject, text, key=key and f"{key}:email")
