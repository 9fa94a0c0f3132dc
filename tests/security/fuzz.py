"""Forms found on public pages, and hypothesis strategies for what a hostile or careless visitor types."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from hypothesis import strategies as st

# Anything that reaches a page unescaped shows up as one of these.
XSS_PAYLOADS = [
    '<script>alert("xss")</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">点我</a>',
    "<iframe src=//evil.example></iframe>",
]
# Escaping turns "<" into "&lt;", so every marker starts where markup would start.
RAW_MARKERS = ["<script>alert(", "<img src=x onerror=alert(", "<svg/onload=alert(", "<iframe src=//evil",
               'href="javascript:alert', "href='javascript:alert"]
NASTY = [
    "", " ", "0", "-1", "1.5", "99999999999999999999999", "1e309", "NaN", "%", "%%", "%00", "'", '"', "\\",
    "' OR '1'='1' --", "1; DROP TABLE policies_policydocument;", "*", "?", "~", "title:x", "AND OR NOT", "(", ")",
    "[", "]", "{{7*7}}", "${7*7}", "\x00", "\u202e", "\ufeff", "../../etc/passwd", "２０２３", "湘政发〔2023〕1号",
    "湘政发[2023]1号", "2023-02-30", "0000-00-00", "9999-12-31", "页" * 300, "a" * 3000, "政务公开 " * 50,
    "\r\n", "\t", "😀", "𠮷", "null", "None", "true", "[]", "{}", *XSS_PAYLOADS,
]
# Text without surrogates (the client cannot encode them) and without NUL-free guarantees.
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
VALUE = st.one_of(st.sampled_from(NASTY), TEXT, st.integers(min_value=-10**12, max_value=10**12).map(str))


@dataclass
class Field:
    name: str
    kind: str
    value: str = ""
    options: list[str] = field(default_factory=list)
    maxlength: int | None = None


@dataclass
class Form:
    page: str
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.method.upper()} {self.action} [{', '.join(sorted(self.fields))}]"


class _Parser(HTMLParser):
    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page, self.forms, self._select, self._textarea = page, [], None, None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            action = urljoin("http://testserver" + self.page, a.get("action") or self.page)
            parts = urlsplit(action)
            self.forms.append(Form(self.page, (a.get("method") or "get").lower(),
                                   parts.path + (f"?{parts.query}" if parts.query else "")))
            return
        if not self.forms or not a.get("name"):
            if tag == "option" and self._select:
                self._select.options.append(a.get("value", ""))
            return
        form, name = self.forms[-1], a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            maxlength = int(a["maxlength"]) if a.get("maxlength", "").isdigit() else None
            existing = form.fields.get(name)
            if existing and kind in ("radio", "checkbox"):
                existing.options.append(a.get("value", "on"))
                return
            form.fields[name] = Field(name, kind, a.get("value", ""), [a.get("value", "on")] if kind in
                                      ("radio", "checkbox") else [], maxlength)
        elif tag == "select":
            self._select = form.fields[name] = Field(name, "select")
        elif tag == "textarea":
            self._textarea = form.fields[name] = Field(name, "textarea")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data


def forms_on(page: str, html: str) -> list[Form]:
    parser = _Parser(page)
    parser.feed(html)
    return parser.forms


# --- plausible values, so that some submissions pass validation and get stored ------------------
def _id_number(rnd: random.Random) -> str:
    """A citizen ID with a correct check digit (GB 11643), so forms accept it."""
    body = f"430104{rnd.randint(1950, 2005)}{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}{rnd.randint(100, 999)}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]
    return body + check


def plausible(field: Field, rnd: random.Random) -> str | list[str]:
    name = field.name.lower()
    if field.kind == "select":
        real = [o for o in field.options if o]
        return rnd.choice(real) if real else ""
    if field.kind in ("radio",):
        return rnd.choice(field.options) if field.options else field.value
    if field.kind == "checkbox":
        return field.options[0] if rnd.random() < 0.7 and field.options else ""
    if field.kind == "hidden":
        return field.value
    if "id_number" in name or name.endswith("id_no"):
        return _id_number(rnd)
    if "phone" in name or "mobile" in name or field.kind == "tel":
        return f"13{rnd.randint(100000000, 999999999)}"
    if "email" in name or field.kind == "email":
        return f"user{rnd.randint(1, 9999)}@example.cn"
    if field.kind == "date" or name.endswith("date"):
        return (dt.date.today() + dt.timedelta(days=rnd.randint(0, 20))).isoformat()
    if field.kind == "number":
        return str(rnd.randint(1, 5))
    if field.kind == "url" or name.endswith("url"):
        return "https://www.gov.example.cn/"
    return rnd.choice(["关于养老服务的建议", "请公开2023年度本单位财政预算执行情况。", "张三", "长沙市岳麓区麓山南路1号"])


@st.composite
def submission(draw, form: Form):
    """Per field: the page's own value, a plausible one, or something hostile."""
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    data = {}
    for f in form.fields.values():
        choice = draw(st.sampled_from(["plausible", "plausible", "hostile", "xss", "omit"]))
        if f.kind == "hidden" or (f.name.startswith("as_") and f.name != "as_website"):
            data[f.name] = f.value  # the anti-spam token is replaced by the caller
        elif choice == "omit":
            continue
        elif choice == "plausible" or (choice == "xss" and f.kind not in ("text", "textarea", "search")):
            data[f.name] = plausible(f, rnd)
        elif choice == "xss":
            data[f.name] = draw(st.sampled_from(XSS_PAYLOADS))
        else:
            data[f.name] = draw(VALUE)
    if "as_website" in data and draw(st.integers(0, 9)):
        data["as_website"] = ""  # the honeypot stays empty, as for a person, nine times in ten
    return data


def raw_markers_in(text: str) -> list[str]:
    return [m for m in RAW_MARKERS if m in text]
