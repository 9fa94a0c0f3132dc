"""The head of a printed government document: issuing body, 版头 and 发文字号.

版头 (GB/T 9704 党政机关公文格式): the issuing body's name followed by 文件 (in red), the 发文字号
(with 签发人 on a 上行文) and the red rule under them. None of it is the title: the body is the
issuer and the 发文字号 the document's number. Files (.docx/.html/.txt) carry it on lines of their
own; a record whose title was copied from such a page may start with it.
"""
from __future__ import annotations

import re

from policies.docnumber import normalize_doc_number
from portal.text import fold_width

DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,20}\s*[〔\[(（【［]\s*(?:19|20)\d{2}\s*[〕\])）】］]\s*第?\s*\d{1,5}\s*号"
)
ORG_END = ("人民政府", "办公厅", "办公室", "委员会", "厅", "局", "委", "办", "院", "中心", "领导小组")
BANNER_WORD = "文件"
_RULE = re.compile(r"[\s\-—–―─━═_＿=＝~～·•★☆※]+")
_SIGNER = re.compile(r"\s*签发人\s*[:：].*$")


def is_org(line: str) -> bool:
    return 2 < len(line) <= 40 and line.endswith(ORG_END) and not re.search(r"[，。：；《》“”]", line)


def is_doc_number(line: str) -> bool:
    return bool(DOC_NUMBER.fullmatch(fold_width(line).replace(" ", "")) and normalize_doc_number(line))


def banner_issuer(line: str) -> str:
    """The issuing body a 版头 line names ("湖南省数据局文件" → "湖南省数据局"), else ""."""
    name = line.removesuffix(BANNER_WORD).strip()
    return name if line.endswith(BANNER_WORD) and is_org(name) else ""


def strip_banner(lines: list[str], head_lines: int) -> tuple[str, list[str]]:
    """(issuer named by the 版头, the lines without the 版头, the red rule and 签发人).

    A 版头 stands at the very top (within head_lines): "机关文件" on one line, or (joint documents)
    the bodies' names on lines of their own and 文件 on the next; the first body named is the issuer.
    """
    head, rest = lines[:head_lines], lines[head_lines:]
    issuer, kept = "", []
    for line in head:
        if _RULE.fullmatch(line):
            continue
        line = _SIGNER.sub("", line)
        if not issuer and all(is_org(k) for k in kept):
            if line == BANNER_WORD and kept:
                issuer, kept = kept[0], []
                continue
            if banner_issuer(line):
                issuer, kept = (kept[0] if kept else banner_issuer(line)), []
                continue
        if line:
            kept.append(line)
    return issuer, kept + rest


def split_title(title: str) -> tuple[str, str]:
    """(发文字号, title) of a title that starts with the 版头 and 发文字号 run into it
    ("湖南省数据局文件湘数据发〔2026〕3号关于…的通知"); a title without a 版头 is returned as it is."""
    index = title.find(BANNER_WORD)
    if index < 0 or not banner_issuer(title[: index + len(BANNER_WORD)]):
        return "", title
    rest = title[index + len(BANNER_WORD):].strip()
    number = DOC_NUMBER.match(fold_width(rest))
    doc_number = ""
    if number and normalize_doc_number(number.group()):
        doc_number, rest = rest[: number.end()].strip(), rest[number.end():].strip()
    return doc_number, rest or title
