"""The URL-wide fuzzer's parts: every URL pattern of the URLconf, the GET parameters each view
really reads (recorded while it runs), and hostile values for both."""
from __future__ import annotations

import contextlib
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.http import QueryDict

# ---- hostile values -----------------------------------------------------------------------------


def _digits_of_every_script() -> list[str]:
    """One digit seven of each script that has decimal digits (Arabic-Indic, Devanagari, Thai,
    full-width, mathematical bold…), written as a four-digit number: int() takes them, we do not."""
    found, seen_blocks = [], set()
    for cp in range(0x80, sys.maxunicode + 1):
        ch = chr(cp)
        if unicodedata.category(ch) == "Nd" and unicodedata.decimal(ch) == 7:
            block = unicodedata.name(ch, "").split(" DIGIT")[0]
            if block not in seen_blocks:
                seen_blocks.add(block)
                one = chr(cp - 6)
                found.append(f"{chr(cp - 5)}{chr(cp - 7)}{one}{ch}")  # "2017" in that script
    return found


UNICODE_NUMBERS = _digits_of_every_script() + [
    "²", "³", "¹⁰", "²⁰²³", "①", "⑳", "㉑", "⓪", "⑴", "⒈", "½", "Ⅻ", "ⅷ", "〇", "二〇二三", "三", "万", "𝟚𝟘𝟚𝟛",
    "２０２３", "2０2٣", "١٢٣", "߃", "፲",
]
CONTROL = ["\x00", "a\x00b", "1\x00", "\x01", "\x08", "\x1b[31m", "\x1f", "\x7f", "\x85", "\u2028", "\r\n", "\t",
           "\u202e1", "\ufeff1", "\ufffe", "\ud800", "a\udfffb"]
NUMBERS = ["0", "-0", "-1", "-2147483648", "1.5", "1e3", "1e309", "-1e309", "nan", "NaN", "inf", "-inf", "+5", " 5 ",
           "0x10", "1_000", "007", "2147483647", "2147483648", "4294967296", "9223372036854775807",
           "9223372036854775808", "9" * 20, "9" * 400, "-" + "9" * 30, "1,2", "1;2", "[1]", "true"]
DATES = ["0000-00-00", "0001-01-01", "2023-02-30", "2023-13-01", "2023-00-10", "9999-12-31", "10000-01-01",
         "-2023-01-01", "1900-01-01", "2023-1-1", "20230101", "2023-02-28T25:00", "2023/02/28", "2023-02",
         "2023-02-", "99999-99-99"]
YEARS = ["0", "1", "20", "999", "1000", "1948", "2101", "9999", "10000", "99999999999999999999", "-2023", "２０２３"]
TEXT = ["' OR '1'='1' --", "1; DROP TABLE policies_policydocument;--", "\" OR 1=1 --", "%", "%%", "_", "\\", "*",
        "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{7*7}}", "${7*7}", "{% debug %}",
        "../../etc/passwd", "..%2f..%2fetc", "a" * 5000, "页" * 2000, "😀", "𠮷", "政务公开 " * 200, "", " ",
        "title:x", "AND OR NOT (", "湘政发〔2023〕1号", "null", "None", "[]", "{}"]
# Already percent-encoded, sent as they are: what a browser or a scanner may really send.
RAW = ["%", "%2", "%zz", "%G0", "%C3%28", "%FF%FE", "%ED%A0%80", "%C0%AF", "%E4%B8", "%00", "a%00b", "%u0041",
       "%25%30%30", "%F4%90%80%80", "%0d%0aSet-Cookie:%20x=1"]


def encode(value: str) -> str:
    """Percent-encoding as a client would; lone surrogates become the invalid UTF-8 they would be."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def hostile_values() -> list[str]:
    """Every hostile value, percent-encoded, ready for a query string or a path segment."""
    plain = UNICODE_NUMBERS + CONTROL + NUMBERS + DATES + YEARS + TEXT
    return list(dict.fromkeys([encode(v) for v in plain] + RAW))


# ---- the URL patterns ---------------------------------------------------------------------------

CONVERTER = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


@dataclass
class Route:
    pattern: str  # "policies/<id:pk>/" or a regex of admin's
    names: list[str] = field(default_factory=list)  # the path values, in order
    regex: bool = False
    real: list[dict] = field(default_factory=list)  # path values of objects that exist

    @property
    def admin(self) -> bool:
        return self.pattern.startswith("admin/")

    def fill(self, values: dict[str, str]) -> str:
        if self.regex:
            text = self.pattern.lstrip("^").rstrip("$").replace("^", "").replace("$", "")
            return "/" + GROUP.sub(lambda m: values[m["name"]], text)
        return "/" + CONVERTER.sub(lambda m: values[m["name"]], self.pattern)

    def default_values(self) -> dict[str, str]:
        if self.real:
            return dict(self.real[0])
        if self.regex:
            # admin's app index lists its labels: take the first, else any text
            return {name: "portal" for name in self.names}
        return {name: "1" for name in self.names}


def routes() -> list[Route]:
    from django.urls import URLPattern, URLResolver, get_resolver
    from django.urls.resolvers import RegexPattern

    found: dict[str, Route] = {}

    def walk(patterns, prefix: str, regex: bool):
        for pattern in patterns:
            is_regex = regex or isinstance(pattern.pattern, RegexPattern)
            text = prefix + (str(pattern.pattern).lstrip("^").rstrip("$") if is_regex else str(pattern.pattern))
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, text, is_regex)
            elif isinstance(pattern, URLPattern):
                names = [m["name"] for m in (GROUP if is_regex else CONVERTER).finditer(text)]
                found.setdefault(text, Route(text, names, is_regex))

    walk(get_resolver().url_patterns, "", False)
    return list(found.values())


def route_of(path: str, by_pattern: dict[str, Route]) -> tuple[Route, dict[str, str]] | None:
    """The route a same-site path belongs to and its raw path values."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    route = by_pattern.get(match.route)
    if route is None:
        return None
    return route, {name: str(match.kwargs.get(name, "")) for name in route.names}


# ---- which GET parameters a view reads ----------------------------------------------------------

_read: set[str] | None = None


@contextlib.contextmanager
def recording_get_reads():
    """While active, every key looked up in any QueryDict (request.GET, Params) is recorded."""
    global _read
    originals = {name: getattr(QueryDict, name) for name in ("get", "getlist", "__getitem__", "__contains__")}

    def wrap(name):
        original = originals[name]

        def reader(self, key, *args, **kwargs):
            if _read is not None and isinstance(key, str):
                _read.add(key)
            return original(self, key, *args, **kwargs)
        return reader

    for name in originals:
        setattr(QueryDict, name, wrap(name))
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(QueryDict, name, original)


@contextlib.contextmanager
def reads() -> set[str]:
    global _read
    _read = keys = set()
    try:
        yield keys
    finally:
        _read = None


APP_DIRS = ("portal", "policies", "themedays", "elderzone", "openinfo")
PARAM_READ = re.compile(r"\.(?:text|int|id|page|year|date|choice|flag|number|ids|raw)\(\s*\"([A-Za-z_][\w-]*)\"")


def statically_read_parameters(root: Path) -> dict[str, str]:
    """Parameter names the code reads through portal.params (name -> file), so that the test can
    check the running views were seen reading every one of them."""
    found = {}
    for app in APP_DIRS:
        for path in (root / app).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if "Params(" not in text or "migrations" in path.parts:
                continue
            for name in PARAM_READ.findall(text):
                found.setdefault(name, str(path.relative_to(root)))
    return found


DIRECT_GET = re.compile(r"request\.GET(?:\.get\(|\.getlist\(|\[)")


def direct_get_reads(root: Path) -> list[str]:
    """Places that read request.GET themselves instead of through portal.params."""
    hits = []
    for app in APP_DIRS:
        for path in (root / app).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if DIRECT_GET.search(line):
                    hits.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return hits
