"""Per-address rate limits of the 专栏's public forms, counted by portal.antispam."""
from __future__ import annotations

from portal import antispam

WINDOW = 600
# Submissions per address per 10 minutes: plenty for a family sharing one connection, little for a script.
LIMITS = {"register": 10, "lookup": 20, "cancel": 10, "survey": 10}


def refuse_if_over(request, form, scope: str) -> bool:
    return antispam.refuse_if_over(request, form, f"themedays-{scope}", limit=LIMITS[scope], window=WINDOW)
