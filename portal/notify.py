"""E-mail from the portal: who hears about a department's work, and the one way to send a notice.

`email_after_commit` records the message in the outbox of the current transaction (portal/ops/outbox.py):
it is sent once that commits (never for a rolled-back change), retried while the mail server is down,
and sent once even if the job is delivered twice.
"""
from __future__ import annotations

from django.contrib.auth import get_user_model


def department_staff_emails(department) -> list[str]:
    User = get_user_model()
    return list(User.objects.filter(department=department, is_active=True, is_staff=True)
                .exclude(email="").order_by("pk").values_list("email", flat=True))


def email_after_commit(to: str | list[str], subject: str, body: str, *, key: str | None = None) -> None:
    """`key` names the event (e.g. "letter-received:<pk>"), so queuing it again sends nothing more."""
    if not to:
        return
    from portal.ops import outbox
    from portal.tasks import send_email

    outbox.enqueue(send_email, [to] if isinstance(to, str) else list(to), subject, body, key=key)
