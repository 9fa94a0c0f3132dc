"""Reads of openinfo: one selector per question, shared by pages, exports and other apps."""
from .letters import letter_lookup, letter_ratings_by_department, letters_public
from .requests import open_requests, queue_buckets, request_lookup, request_timeline, urgency

__all__ = [
    "letter_lookup", "letter_ratings_by_department", "letters_public", "open_requests", "queue_buckets",
    "request_lookup", "request_timeline", "urgency",
]
