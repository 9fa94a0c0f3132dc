"""Who hears about a department's work by e-mail: its active staff accounts that have an address."""
from __future__ import annotations

from django.contrib.auth import get_user_model


def department_staff_emails(department) -> list[str]:
    User = get_user_model()
    return list(User.objects.filter(department=department, is_active=True, is_staff=True)
                .exclude(email="").order_by("pk").values_list("email", flat=True))
