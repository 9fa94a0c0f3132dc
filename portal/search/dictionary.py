"""The user dictionary a new index is built with: admin terms, synonym words and 机关代字.

Synonym words are in it so that "机动车驾驶证" is one token on both sides and an expansion is one
term, not a phrase; 机关代字 (湘政办发 …) so that a 发文字号 keeps its issuer part whole.
"""
from __future__ import annotations

import hashlib
import logging

from django.db import DatabaseError

from portal.search.normalize import is_cjk_word

logger = logging.getLogger(__name__)

MAX_WORD = 12


def _db_terms() -> set[str]:
    from portal.search.models import DictionaryTerm, Synonym, split_terms

    words = set(DictionaryTerm.objects.filter(is_active=True).values_list("word", flat=True))
    for terms in Synonym.objects.filter(is_active=True).values_list("terms", flat=True):
        words.update(split_terms(terms))
    return words


def _issuer_codes() -> set[str]:
    """The 机关代字 part of every 发文字号 in the policy library (湘政办发 of 湘政办发〔2023〕5号)."""
    try:
        from policies.models import PolicyDocument
    except ImportError:  # pragma: no cover - the policies app is always installed here
        return set()
    keys = PolicyDocument.objects.exclude(doc_number_key="").values_list("doc_number_key", flat=True).distinct()
    return {key.split("|", 1)[0] for key in keys.iterator()}


def admin_terms() -> list[str]:
    """Every word the dictionary should hold now (empty if the tables do not exist yet)."""
    try:
        words = _db_terms() | _issuer_codes()
    except DatabaseError:  # before migrate, or the database is down: the built-in list still works
        logger.warning("读取分词词典失败，仅使用内置词表", exc_info=True)
        return []
    return sorted(w.lower() for w in words if 2 <= len(w) <= MAX_WORD and (is_cjk_word(w) or w.isalnum()))


def fingerprint(terms) -> str:
    digest = hashlib.sha1()
    for term in sorted(set(terms)):
        digest.update(term.encode("utf-8") + b"\n")
    return digest.hexdigest()[:16]
