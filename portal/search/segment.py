"""jieba, loaded once per process, with the government user dictionary.

Index and query must segment with the same dictionary, so everything that cuts Chinese text
(the search analyzer, keyword extraction, the query pipeline) gets its tokenizer from here.
"""
from __future__ import annotations

import logging
import tempfile
import threading
from pathlib import Path

import jieba
import jieba.analyse

# Terms jieba's stock dictionary cuts apart; the admin-editable list adds to these.
BUILTIN_TERMS = [
    "政务公开", "主题日", "一件事一次办", "住房公积金", "最低生活保障", "依申请公开", "政府信息公开",
    "行政规范性文件", "营商环境", "惠企政策", "基本养老金", "基本养老保险", "城乡居民", "医疗保障",
    "不动产登记", "长者专区", "适老化", "互联网+政务服务", "放管服", "三高四新", "高龄津贴",
    "老年优待证", "公共租赁住房", "机动车驾驶证", "居民身份证", "社会保障卡", "失业保险金",
    "稳岗返还", "以工代训", "创业担保贷款", "专精特新", "小巨人", "揭榜竞优", "政策解读",
]

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_tfidf: jieba.analyse.TFIDF | None = None

logging.getLogger("jieba").setLevel(logging.WARNING)


def _extra_terms() -> list[str]:
    """Terms officials added in admin (portal.search), if that table exists yet."""
    try:
        from portal.search.dictionary import admin_terms
    except ImportError:
        return []
    return admin_terms()


def tokenizer() -> jieba.Tokenizer:
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                tok = jieba.Tokenizer()
                # jieba's default cache file in /tmp clashes between users; keep ours private.
                cache_dir = Path(tempfile.gettempdir()) / f"jieba-portal-{Path.home().name}"
                cache_dir.mkdir(exist_ok=True)
                tok.tmp_dir = str(cache_dir)
                tok.initialize()
                for term in BUILTIN_TERMS + _extra_terms():
                    tok.add_word(term, freq=200000)
                _tokenizer = tok
    return _tokenizer


def add_terms(terms: list[str]) -> None:
    tok = tokenizer()
    for term in terms:
        tok.add_word(term, freq=200000)


def extract_keywords(text: str, top: int = 6) -> list[str]:
    """The most characteristic words of a text (TF-IDF with our dictionary)."""
    global _tfidf
    if _tfidf is None:
        tfidf = jieba.analyse.TFIDF()
        tfidf.tokenizer = tokenizer()
        tfidf.postokenizer = jieba.posseg.POSTokenizer(tokenizer())
        _tfidf = tfidf
    return [w for w in _tfidf.extract_tags(text or "", topK=top * 2) if len(w) > 1 and not w.isdigit()][:top]
