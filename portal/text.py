"""Text helpers shared by every app: the rich-text allow-list, plain text, width folding."""
import hashlib
import html as html_module
import re
import unicodedata

import nh3

# What officials may keep in rich text. Anything else (script, style, on* attributes, iframes)
# is dropped on save, so templates can mark sanitised fields safe.
ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "h2", "h3", "h4", "ul", "ol", "li", "table", "thead",
    "tbody", "tr", "th", "td", "caption", "blockquote", "a", "img", "span", "sub", "sup", "hr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


def sanitize_html(html: str) -> str:
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"})


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t\u3000\xa0]+")


def plain_text(html: str) -> str:
    """Rich text to plain text with paragraph breaks kept (for search, snippets, read-aloud)."""
    text = re.sub(r"(?i)<\s*(br|/p|/h\d|/li|/tr)\s*/?>", "\n", html or "")
    text = html_module.unescape(_TAG.sub("", text))
    lines = [_SPACE.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation to half-width (NFKC), e.g. ２０２３ → 2023."""
    return unicodedata.normalize("NFKC", text or "")


def content_hash(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part or "").encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()
