"""A small browser for deploy/services_test.py: cookies, CSRF, forms as a browser would submit them.

Standard library only (urllib + html.parser), so the check needs nothing beyond the project.
"""
from __future__ import annotations

import http.cookiejar
import json
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser


class HttpError(Exception):
    pass


@dataclass
class Response:
    status: int
    headers: dict
    text: str
    location: str = ""
    body: bytes = b""

    def error_text(self) -> str:
        """What the admin said was wrong: error lists and messages, as plain text."""
        found = re.findall(r'<(?:ul class="errorlist[^"]*"|p class="errornote"|li class="error")[^>]*>(.*?)</(?:ul|p|li)>',
                           self.text, flags=re.S)
        plain = [re.sub(r"<[^>]+>", " ", chunk) for chunk in found]
        return " | ".join(" ".join(unescape(p).split()) for p in plain)[:2000] or self.text[:500]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the caller looks at the 302 itself


class Browser:
    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def sharing_session(self, base: str) -> "Browser":
        """The same browser sent to another host behind the load balancer (same cookies)."""
        other = Browser(base)
        other.jar, other.opener = self.jar, self.opener
        return other

    def _open(self, request) -> Response:
        try:
            with self.opener.open(request, timeout=120) as resp:
                raw = resp.read()
                return Response(resp.status, dict(resp.headers), raw.decode("utf-8", "replace"), body=raw)
        except urllib.error.HTTPError as exc:
            raw = exc.read()
            body = raw.decode("utf-8", "replace")
            if exc.code in (301, 302, 303):
                return Response(exc.code, dict(exc.headers), body, exc.headers.get("Location", ""), raw)
            if exc.code >= 500:
                raise HttpError(f"{request.get_method()} {request.full_url} → {exc.code}") from exc
            return Response(exc.code, dict(exc.headers), body, body=raw)
        except urllib.error.URLError as exc:
            raise HttpError(f"{request.full_url}：{exc.reason}") from exc

    def get(self, path: str, params: dict | None = None) -> Response:
        url = self.base + path + (("?" + urllib.parse.urlencode(params)) if params else "")
        response = self._open(urllib.request.Request(url))
        if response.status not in (200, 302):
            raise HttpError(f"GET {path} → {response.status}")
        return response

    def fetch(self, path: str) -> Response:
        """GET answering any status below 500 (a 404 is a result here, not an error)."""
        return self._open(urllib.request.Request(self.base + path))

    def get_json(self, path: str, params: dict | None = None) -> dict:
        return json.loads(self.get(path, params).text)

    def post(self, path: str, fields: dict, files: dict[str, tuple[str, bytes]] | None = None) -> Response:
        """POST a form; with `files` ({field: (file name, bytes)}) as multipart/form-data like a browser."""
        token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
        pairs = []
        for name, value in fields.items():
            for item in value if isinstance(value, list) else [value]:
                pairs.append((name, "" if item is None else str(item)))
        if token:
            pairs = [(n, v) for n, v in pairs if n != "csrfmiddlewaretoken"] + [("csrfmiddlewaretoken", token)]
        headers = {"Referer": self.base + path}
        if files:
            boundary = "----portal" + secrets.token_hex(12)
            parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{n}"\r\n\r\n{v}\r\n'.encode()
                     for n, v in pairs]
            for name, (filename, content) in files.items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                             f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                             + content + b"\r\n")
            data = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            data = urllib.parse.urlencode(pairs).encode()
        request = urllib.request.Request(self.base + path, data=data, method="POST", headers=headers)
        return self._open(request)

    @staticmethod
    def messages(html: str) -> str:
        found = re.findall(r'<ul class="messagelist">(.*?)</ul>', html, flags=re.S)
        return " ".join(unescape(re.sub(r"<[^>]+>", " ", f)).split() for f in found) if found else ""


@dataclass
class Form:
    attrs: dict
    values: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)

    def first_option(self, name: str) -> str | None:
        return next((v for v in self.options.get(name, []) if v), None)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: str | None = None
        self._select_multiple = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a))
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            value = a.get("value", "on" if kind == "checkbox" else "")
            if kind == "checkbox" and name in form.values:
                previous = form.values[name]
                form.values[name] = (previous if isinstance(previous, list) else [previous]) + [value]
            else:
                form.values[name] = value
        elif tag == "select" and name:
            self._select, self._select_multiple = name, "multiple" in a
            form.options.setdefault(name, [])
            if not self._select_multiple:
                form.values.setdefault(name, "")
        elif tag == "option" and self._select:
            value = a.get("value", "")
            form.options[self._select].append(value)
            if "selected" in a:
                if self._select_multiple:
                    form.values.setdefault(self._select, []).append(value)
                else:
                    form.values[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            form.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea and self.forms:
            value = self.forms[-1].values[self._textarea]
            # Like a browser: the newline right after <textarea> is not part of the value.
            self.forms[-1].values[self._textarea] = value[1:] if value.startswith("\n") else value
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1].values[self._textarea] += data


def parse_forms(html: str, form_id: str | None = None) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    forms = [f for f in parser.forms if form_id is None or f.attrs.get("id") == form_id]
    if not forms:
        raise HttpError(f"页面中没有找到表单 {form_id or ''}")
    return forms
