"""jieba, loaded once per process, with the government user dictionary.

Index and query must segment with the same dictionary, so everything that cuts Chinese text
(the search analyzer, keyword extraction, the query pipeline) gets its tokenizer from here.
The dictionary a search index was built with is stored next to it (portal.search.store) and
applied with `use_dictionary()` whenever a process opens that index, so a word officials add in
admin changes both sides at the same moment: when the rebuilt index is swapped in.
"""
from __future__ import annotations

import logging
import tempfile
import threading
from pathlib import Path

import jieba
import jieba.analyse
import jieba.posseg

# Terms jieba's stock dictionary cuts apart (and common 机关代字 of 发文字号); the admin-editable
# list and the synonym table add to these (portal.search.dictionary).
BUILTIN_TERMS = [
    "政务公开", "主题日", "一件事一次办", "住房公积金", "最低生活保障", "依申请公开", "政府信息公开",
    "行政规范性文件", "营商环境", "惠企政策", "基本养老金", "基本养老保险", "城乡居民", "医疗保障",
    "不动产登记", "长者专区", "适老化", "互联网+政务服务", "放管服", "三高四新", "高龄津贴",
    "老年优待证", "公共租赁住房", "机动车驾驶证", "居民身份证", "社会保障卡", "失业保险金",
    "稳岗返还", "以工代训", "创业担保贷款", "专精特新", "小巨人", "揭榜竞优", "政策解读",
    "养老金", "公积金", "公租房", "驾驶证", "身份证", "社保卡", "低保", "医保", "社保",
    "国发", "国办发", "国函", "国办函", "湘政发", "湘政办发", "湘政函", "湘办发", "长政发", "长政办发",
    "长政办函", "湘人社发", "湘人社规", "湘财社", "湘医保发", "成府发", "成办发", "川府发", "川办发",
    "萍府发", "萍府办发", "赣府发", "赣府厅发", "粤府", "京政发", "沪府发", "苏政发", "浙政发",
]
USER_FREQ = 200000

_lock = threading.RLock()
_tokenizer: jieba.Tokenizer | None = None
_tfidf: jieba.analyse.TFIDF | None = None
# Words we added, with the frequency jieba had for them before (None = not in its dictionary),
# so that a word removed from the dictionary goes back to how jieba cut it originally.
_added: dict[str, int | None] = {}

logging.getLogger("jieba").setLevel(logging.WARNING)


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
                _tokenizer = tok
                _apply(tok, set(BUILTIN_TERMS))
    return _tokenizer


def _apply(tok: jieba.Tokenizer, wanted: set[str]) -> None:
    for word in sorted(wanted - _added.keys()):
        _added[word] = tok.FREQ.get(word) or None
        tok.add_word(word, freq=USER_FREQ)
    for word in sorted(_added.keys() - wanted):
        original = _added.pop(word)
        if original:
            tok.add_word(word, freq=original)
        else:
            tok.del_word(word)


def use_dictionary(terms) -> None:
    """Make the process tokenizer cut with exactly BUILTIN_TERMS + terms (idempotent, cheap)."""
    wanted = set(BUILTIN_TERMS) | {t for t in terms if t}
    tok = tokenizer()
    if wanted == _added.keys():
        return
    with _lock:
        _apply(tok, wanted)


def current_terms() -> set[str]:
    tokenizer()
    return set(_added)


def add_terms(terms: list[str]) -> None:
    """Add words to this process's tokenizer (used by importers; the index keeps its own list)."""
    use_dictionary(current_terms() | set(terms))


def extract_keywords(text: str, top: int = 6) -> list[str]:
    """The most characteristic words of a text (TF-IDF with our dictionary)."""
    global _tfidf
    if _tfidf is None:
        tfidf = jieba.analyse.TFIDF()
        tfidf.tokenizer = tokenizer()
        tfidf.postokenizer = jieba.posseg.POSTokenizer(tokenizer())
        _tfidf = tfidf
    return [w for w in _tfidf.extract_tags(text or "", topK=top * 2) if len(w) > 1 and not w.isdigit()][:top]
