"""haystack's Whoosh backend with jieba segmentation for Chinese text fields.

See ../shared/notes/search-pitfalls.md for why each override exists.
"""
from __future__ import annotations

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import TEXT

from portal.search.segment import tokenizer as jieba_tokenizer


class ChineseTokenizer(Tokenizer):
    """jieba search-mode tokens with consecutive positions.

    When Whoosh parses a query it calls the analyzer with tokenize=False for wildcard and
    match-all terms ("*"); returning the text unchanged keeps "*" as Every, so
    SearchQuerySet().all() and `update_index --remove` work.
    """

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        pos = start_pos
        for word, start, end in jieba_tokenizer().tokenize(value, mode="search"):
            word = word.strip().lower()
            if not word or (len(word) == 1 and not ("\u4e00" <= word <= "\u9fff") and not word.isalnum()):
                continue
            token.original = token.text = word
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = pos
                pos += 1
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


def chinese_analyzer():
    return ChineseTokenizer()


class ChineseWhooshSearchBackend(WhooshSearchBackend):
    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        for name, field in fields.items():
            index_name = field.index_fieldname
            if field.field_type == "text" and field.indexed and not field.faceted:
                schema.remove(index_name)
                schema.add(index_name, TEXT(stored=True, analyzer=chinese_analyzer(), field_boost=field.boost, sortable=False))
        return content_field_name, schema


class ChineseWhooshEngine(WhooshEngine):
    backend = ChineseWhooshSearchBackend
