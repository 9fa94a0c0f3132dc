"""jieba, loaded once per process, with the government user dictionary.

Index and query must segment with the same dictionary, so everything that cuts Chinese text
(the search analyzer, keyword extraction, the query pipeline) gets its tokenizer from here.
The dictionary a search index was built with is stored next to it (portal.search.store) and
applied with `use_dictionary()` whenever a process opens that index, so a word officials add in
admin changes both sides at the same moment: when the rebuilt index is swapped in.
"""
from __future__ import annotations

import logging
import re
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
    "基本医疗保险", "职工基本医疗保险", "城乡居民基本医疗保险", "轮候", "配租", "扩岗", "免申即享", "长江经济带",
    "养老金", "公积金", "公租房", "驾驶证", "身份证", "社保卡", "低保", "医保", "社保",
    "国发", "国办发", "国函", "国办函", "湘政发", "湘政办发", "湘政函", "湘办发", "长政发", "长政办发",
    "长政办函", "湘人社发", "湘人社规", "湘财社", "湘医保发", "成府发", "成办发", "川府发", "川办发",
    "萍府发", "萍府办发", "赣府发", "赣府厅发", "粤府", "京政发", "沪府发", "苏政发", "浙政发",
]
USER_FREQ = 200000

_lock = threading.RLock()
_tokenizer: jieba.Tokenizer | None = None
_tfidf: jieba.analyse.TFIDF | None = None
_pos: jieba.posseg.POSTokenizer | None = None
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


# Parts of speech a keyword may have (jieba's tags): nouns, place names, verbal and adjectival
# nouns, idioms and set phrases. Not pronouns (各市 is r), numbers, times, particles, prepositions.
KEYWORD_POS = frozenset({"n", "nz", "ns", "nl", "ng", "vn", "an", "l", "i", "j"})
# Organisation names (财政厅, 保障局) are the document's issuer, not its subject, and the dictionary
# holds them only as tails of the full name (…社会保障局); function characters mark a phrase, not
# a term (之日起, 的话).
ORGANISATION_ENDINGS = tuple("厅局委办处署")
FUNCTION_CHARACTERS = frozenset("之的了着")
# A determiner in front makes a phrase (各县区, 每人每年, 该市), not a term.
FUNCTION_PREFIXES = tuple("各每该其我")
# Verbs and adjectives are keywords only when they are rare enough to be the subject (参保, 缴费,
# 退休, 特困), not the verbs every document uses (做好, 确保, 申请). jieba's IDF, same scale as its table.
# nr is here because jieba tags terms such as 养老 and 法律援助 so; a person's name outside its
# dictionary is never a keyword (without HMM an unknown name falls apart into single characters).
WEAK_POS = frozenset({"v", "a", "nr"})
WEAK_POS_MIN_IDF = 7.0
# Words every government document uses: they say nothing about what this one is about.
KEYWORD_STOPWORDS = frozenset({
    "通知", "意见", "有关", "相关", "工作", "单位", "部门", "要求", "规定", "情况", "问题", "事项", "内容", "方面",
    "国家", "全省", "我省", "本省", "全市", "本市", "各地", "地方", "政府", "人民政府", "同志", "办法",
    "实施", "附件", "时间", "日期", "年度", "本办法", "本通知", "解读", "文件", "发布", "印发", "部署", "统一",
    "施行", "执行", "负责", "解释", "贯彻", "落实", "做好", "确保",
})


def _dictionary_word(tok: jieba.Tokenizer, word: str, vocabulary: set[str]) -> bool:
    # FREQ also holds every prefix of a dictionary word with frequency 0: those are not words.
    return word in vocabulary or tok.FREQ.get(word, 0) > 0


def _crossed(start: int, end: int, dag: dict[int, list[int]]) -> bool:
    """Whether a dictionary word runs over an edge of text[start:end] (社会保障|局 over 保障局)."""
    for i in range(max(0, start - 12), end):
        for last in dag.get(i, ()):
            j = last + 1
            if j - i >= 2 and j > start and (i < start or j > end):
                return True
    return False


_NAME_HEADS = ("人民政府", "政府", "委员会", "办公室", "领导小组")
_NAME_POS = frozenset({"n", "ns", "nt", "nz", "vn", "j", "l", "x"})
_NAME_JOINERS = frozenset("和与及")
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")


def _organisation_name_parts(words) -> set[int]:
    """Indexes of the words that make up an organisation's full name with its head word
    (人力资源|和|社会|保障局, 市场|监督|管理局, 住房|和|城乡|建设厅): the pieces are not terms there."""
    parts: set[int] = set()
    for index, pair in enumerate(words):
        head = pair.word.endswith(ORGANISATION_ENDINGS + _NAME_HEADS) or pair.flag == "nt" or pair.word == "部"
        if not head:
            continue
        before = index - 1
        while before >= 0 and _CJK_WORD.fullmatch(words[before].word) and (
                words[before].flag in _NAME_POS or words[before].word in _NAME_JOINERS):
            parts.add(before)
            before -= 1
    return parts


def _term_like(word: str, flag: str, idf: float) -> bool:
    if flag in WEAK_POS:
        if idf < WEAK_POS_MIN_IDF:
            return False
    elif flag not in KEYWORD_POS:
        return False
    return not (word.endswith(ORGANISATION_ENDINGS) or word.startswith(FUNCTION_PREFIXES)
                or FUNCTION_CHARACTERS & set(word))


def extract_keywords(text: str, top: int = 6) -> list[str]:
    """The most characteristic whole terms of a text (TF-IDF over dictionary words).

    Only words of jieba's dictionary or the portal's vocabulary count (no guessed words such as
    日起 from 1日起施行), with a keyword part of speech, two characters or more, not boilerplate,
    and not cut out of a longer term: a word that, wherever it occurs, a longer dictionary word
    overlaps (保障局 in 社会保障局) or that is part of an organisation's name (人力资源 in
    人力资源和社会保障厅) is a fragment.
    """
    global _tfidf, _pos
    tok = tokenizer()
    if _tfidf is None:
        with _lock:
            if _tfidf is None:
                _pos = jieba.posseg.POSTokenizer(tok)  # reads the dictionary's tags once
                _tfidf = jieba.analyse.TFIDF()
    idf, median_idf = _tfidf.idf_freq, _tfidf.median_idf
    vocabulary = current_terms()
    text = text or ""
    # Without HMM: jieba's guesses at unknown words are where fragments like 日起 come from.
    words = _pos.lcut(text, HMM=False)
    in_names = _organisation_name_parts(words)
    counts: dict[str, int] = {}
    cut: dict[str, list[bool]] = {}  # per occurrence: is it a piece of a longer term there?
    dag = tok.get_DAG(text) if text else {}
    position = 0
    for index, pair in enumerate(words):
        word, flag = pair.word, pair.flag
        start, position = position, position + len(word)
        if len(word) < 2 or word in KEYWORD_STOPWORDS or not _dictionary_word(tok, word, vocabulary):
            continue
        if word not in vocabulary and not _term_like(word, flag, idf.get(word, median_idf)):
            continue
        counts[word] = counts.get(word, 0) + 1
        cut.setdefault(word, []).append(
            index in in_names or (word not in vocabulary and _crossed(start, position, dag)))
    # A word standing whole at least once is a term of this text.
    whole = {word for word, pieces in cut.items() if not all(pieces)}
    total = sum(counts.values()) or 1
    scores = {word: counts[word] / total * idf.get(word, median_idf) for word in whole}
    return sorted(scores, key=lambda word: (-scores[word], word))[:top]
