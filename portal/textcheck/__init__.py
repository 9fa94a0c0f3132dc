"""Checks run before any text is made public: personal data (mask or confirm) and 错敏字.

Detectors are pure (personal.py, wording.py); guard.py applies them to model rows and holds the
two fixes; admin.py shows them. Other code calls the names below.
"""
from .guard import (
    Checker, PublicationBlocked, Report, check, confirm_contact, ensure_publishable, guarded_models, is_guarded,
    mask_object, public_rows,
)
from .personal import Finding, find_personal_data, mask
from .wording import WordFinding, blocking_terms, check_wording

__all__ = [
    "Checker", "Finding", "PublicationBlocked", "Report", "WordFinding", "blocking_terms", "check", "check_wording",
    "confirm_contact", "ensure_publishable", "find_personal_data", "guarded_models", "is_guarded", "mask",
    "mask_object", "public_rows",
]
