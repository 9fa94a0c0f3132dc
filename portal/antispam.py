"""Anti-abuse for public forms: honeypot, minimum fill-in time, a four-digit CAPTCHA with a
non-visual alternative, and per-address rate limits. No external service; works with JS off.

Use it in three steps (see openinfo/forms.py and openinfo/views/requests.py for a complete example)::

    from portal import antispam

    class CommentForm(antispam.AntiSpamFormMixin, forms.Form):
        content = forms.CharField(label="意见")

    def comment(request):
        form = CommentForm(request.POST or None, request=request)
        if request.method == "POST":
            # Past 5 an hour per address: refused with RATE_LIMIT_MESSAGE as a form error, input kept,
            # answered 429 with Retry-After (portal.ratelimit).
            antispam.refuse_if_over(request, form, "comment", limit=5, window=3600)
            if form.is_valid():
                ...
        return render(request, "app/comment.html", {"form": form})

    {# in the template: the CAPTCHA's stylesheet in <head>, its script (放大, 换一题) at the end #}
    {% block head %}{{ block.super }}{{ form.media.css }}{% endblock %}
    {{ form.antispam_fields }}                  {# inside the <form>, after the ordinary fields #}
    {% block scripts %}{{ form.media.js }}{% endblock %}

How the CAPTCHA works: the form carries a signed token (issue time + random nonce). The code — four
digits, 10,000 possible answers — is derived from HMAC(SECRET_KEY, nonce), so nothing is stored and
the token does not reveal it. Copying four large digits asks less of an elderly visitor than
arithmetic would at this answer space. It is shown as a PNG (drawn twice the display size, with a
放大 button: ≥ 2× magnification), and offered as speech: a WAV made by espeak-ng in Mandarin, digit
by digit; where espeak-ng is not installed, the digits are written out as a text question instead.
A token takes one answer: right or wrong, the next submission needs a new one (the re-shown form
carries it), so guessing costs a new question each time.

The routes are portal's (portal/urls.py: "portal:captcha_new", "portal:captcha_image",
"portal:captcha_audio"); the stylesheet and script are static/portal/antispam.{css,js}.

Settings (all optional): ANTISPAM_MIN_SECONDS (default 3), ANTISPAM_MAX_AGE (7200 s),
ANTISPAM_CACHE_PREFIX (cache key prefix of the counters; tests give each test its own).
A form class may set `antispam_min_seconds` (e.g. 0 for a one-button form shown only to someone who
already proved who they are); the honeypot and the CAPTCHA still apply.
Tests solve the CAPTCHA with `antispam.answer_for(token)` (they run with the same SECRET_KEY); there is
no switch that turns the check off.
"""
from __future__ import annotations

import hashlib
import hmac
import io
import secrets
import shutil
import subprocess
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.cache import never_cache

from portal import ratelimit
from portal.params import FULL_WIDTH_DIGITS, clean_text

RATE_LIMIT_MESSAGE = "您提交得太频繁了，为防止滥用已暂时限制，请稍后再试。已填写的内容不会丢失。"
SALT = "portal.antispam"
DIGITS = "零一二三四五六七八九十"
ESPEAK = shutil.which("espeak-ng")


def _min_seconds() -> float:
    return float(getattr(settings, "ANTISPAM_MIN_SECONDS", 3))


def _max_age() -> int:
    return int(getattr(settings, "ANTISPAM_MAX_AGE", 7200))


# ---- the challenge --------------------------------------------------------------------------------

def new_token() -> str:
    return signing.dumps({"n": secrets.token_hex(8), "t": time.time()}, salt=SALT, compress=False)


def _payload(token: str, *, max_age: int | None = None) -> dict | None:
    try:
        return signing.loads(token, salt=SALT, max_age=max_age)
    except (signing.BadSignature, TypeError, ValueError):
        return None


CODE_DIGITS = 4


def _code(nonce: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"captcha:{nonce}".encode(), hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:4], 'big') % 10 ** CODE_DIGITS:0{CODE_DIGITS}d}"


def answer_for(token: str) -> str:
    """The right answer for a token — for tests and for nothing else."""
    payload = _payload(token)
    if payload is None:
        raise ValueError("invalid token")
    return _code(payload["n"])


def _typed_code(raw) -> str:
    """What the visitor typed, as ASCII digits: full-width digits (Chinese input methods) count,
    spaces between digits are allowed; anything else is kept and simply does not match."""
    text = clean_text(raw, 20).translate(FULL_WIDTH_DIGITS)
    return "".join(text.split())


def _spoken(nonce: str) -> str:
    return "、".join(DIGITS[int(d)] for d in _code(nonce))


def _png(nonce: str) -> bytes:
    """The digits drawn at 2× the display size with light noise (digits only: no CJK font needed)."""
    from PIL import Image, ImageDraw, ImageFont

    text = " ".join(_code(nonce))
    width, height = 320, 120
    image = Image.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    rng = secrets.SystemRandom()
    for _ in range(6):
        draw.line([(rng.randrange(width), rng.randrange(height)), (rng.randrange(width), rng.randrange(height))],
                  fill="#b8b8b8", width=2)
    try:
        font = ImageFont.truetype("DejaVuSans-Bold.ttf", 64)
    except OSError:
        font = ImageFont.load_default(size=64)
    x = 36
    for ch in text:
        draw.text((x, 22 + rng.randrange(-6, 7)), ch, font=font, fill="#1a1a1a")
        x += 40 if ch != " " else 24
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _wav(nonce: str) -> bytes | None:
    if not ESPEAK:
        return None
    text = f"请填写四位数字：{_spoken(nonce)}。再说一遍：{_spoken(nonce)}。"
    try:
        done = subprocess.run([ESPEAK, "-v", "cmn", "-s", "120", "--stdout", text], capture_output=True,
                              timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout or None


def _nonce_or_404(token: str) -> str:
    payload = _payload(token, max_age=_max_age())
    if payload is None:
        raise Http404("验证码已过期")
    return payload["n"]


@never_cache
def captcha_image(request, token: str):
    return HttpResponse(_png(_nonce_or_404(token)), content_type="image/png")


@never_cache
def captcha_audio(request, token: str):
    data = _wav(_nonce_or_404(token))
    if data is None:
        raise Http404("语音验证码不可用")
    return HttpResponse(data, content_type="audio/wav")


@never_cache
def captcha_new(request):
    """A fresh challenge for the 换一题 button (JSON), so the visitor keeps what was typed."""
    token = new_token()
    return JsonResponse(_urls(token))


def _urls(token: str) -> dict:
    payload = _payload(token)
    return {
        "token": token,
        "image": reverse("portal:captcha_image", args=[token]),
        "audio": reverse("portal:captcha_audio", args=[token]) if ESPEAK else "",
        "text": "" if ESPEAK else f"四位数字依次是{_spoken(payload['n'])}",
    }


# ---- rate limits ----------------------------------------------------------------------------------

def refuse_if_over(request, form, scope: str, *, limit: int, window: int, message: str = RATE_LIMIT_MESSAGE) -> bool:
    """Count this submission of `form` in the bucket `scope` (portal.ratelimit); past the limit the
    form is refused with `message` (the input is kept, the CAPTCHA answer not spent) and the page
    is answered 429 with Retry-After. True when refused."""
    if ratelimit.hit(request, scope, limit=limit, window=window) is not None:
        form.block(message)
        return True
    return False


# ---- the form mixin -------------------------------------------------------------------------------

class AntiSpamFormMixin(forms.Form):
    """Adds `as_token` (hidden), `as_website` (honeypot) and `as_answer` (验证码) to a form.

    Pass `request=` to the constructor. When the form is invalid it gets a fresh challenge and keeps
    every other value the visitor typed.
    """

    antispam_min_seconds: float | None = None  # None: settings.ANTISPAM_MIN_SECONDS
    _cleaning = False  # True inside full_clean (see add_error)

    class Media:
        css = {"all": ["portal/antispam.css"]}
        js = [forms.Script("portal/antispam.js", defer=True)]

    as_token = forms.CharField(widget=forms.HiddenInput, required=False)
    as_website = forms.CharField(label="网站（请勿填写）", required=False,
                                 widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
    as_answer = forms.CharField(
        label="验证码", max_length=12, required=True,
        help_text="请填写图中（或语音、文字问题中）的四位数字。",
        error_messages={"required": "请填写验证码。"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 4}),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        if not self.is_bound:
            self.initial["as_token"] = new_token()

    def block(self, message: str) -> None:
        """Refuse this submission with `message` (e.g. a rate limit) without using up the CAPTCHA."""
        self._antispam_block = message

    def clean(self):
        cleaned = super().clean()
        if getattr(self, "_antispam_block", None):
            raise forms.ValidationError(self._antispam_block, code="blocked")
        if cleaned.get("as_website"):
            raise forms.ValidationError("提交未通过校验，请刷新页面后重试。", code="honeypot")
        token = cleaned.get("as_token") or ""
        payload = _payload(token, max_age=_max_age())
        if payload is None:
            raise forms.ValidationError("验证码已过期，请重新填写验证码后提交。", code="expired")
        least = _min_seconds() if self.antispam_min_seconds is None else self.antispam_min_seconds
        if time.time() - float(payload.get("t", 0)) < least:
            raise forms.ValidationError("提交太快了，请核对填写的内容后再次提交。", code="too_fast")
        if not cleaned.get("as_answer"):
            return cleaned  # the field's own "required" error; the token is not spent
        # One answer per token, right or wrong: a wrong guess spends it and the form shows a new one.
        if not cache.add(f"antispam:used:{payload['n']}", 1, _max_age()):
            raise forms.ValidationError("该验证码已使用过，请填写新的验证码。", code="reused")
        if not hmac.compare_digest(_typed_code(cleaned["as_answer"]).encode(), _code(payload["n"]).encode()):
            self.add_error("as_answer", "验证码不正确，请看新的验证码重新填写。")
        return cleaned

    def full_clean(self):
        self._cleaning = True
        try:
            super().full_clean()
        finally:
            self._cleaning = False
        if self.is_bound and self._errors:
            self._new_challenge()

    def add_error(self, field, error):
        super().add_error(field, error)
        # Also when a view refuses a valid form afterwards (no such registration, a service's rule):
        # the answer just given is used up, so the re-shown form needs a new question. Never during
        # cleaning: the token and answer may not have been read yet.
        if self.is_bound and not self._cleaning:
            self._new_challenge()

    def _new_challenge(self) -> None:
        # The visitor's other input stays in self.data.
        self.data = self.data.copy()
        self.data[self.add_prefix("as_token")] = new_token()
        self.data[self.add_prefix("as_answer")] = ""
        self.data[self.add_prefix("as_website")] = ""

    def challenge(self) -> dict:
        token = self["as_token"].value() or new_token()
        if _payload(token) is None:
            token = new_token()
        return _urls(token)

    def antispam_fields(self):
        """The CAPTCHA block and the hidden fields, as HTML to put inside the <form>."""
        ch = self.challenge()
        answer = self["as_answer"]
        errors = "".join(str(e) for e in answer.errors)
        error_html = format_html('<p class="field-error" id="{}-error">{}</p>', answer.auto_id, errors) if errors else ""
        described = f"{answer.auto_id}-help" + (f" {answer.auto_id}-error" if errors else "")
        widget = answer.as_widget(attrs={"aria-describedby": described, **({"aria-invalid": "true"} if errors else {})})
        alt = (format_html('<a class="captcha-audio" href="{}" data-captcha-audio>听语音验证码（普通话）</a>', ch["audio"])
               if ch["audio"] else
               format_html('<span class="captcha-text" data-captcha-text>文字问题：{}</span>', ch["text"]))
        token_input = format_html('<input type="hidden" name="{}" value="{}" data-captcha-token>',
                                  self.add_prefix("as_token"), ch["token"])
        website = self["as_website"]
        return format_html(
            '<div class="captcha" data-captcha data-new-url="{new}">'
            '<label for="{id}">{label} <span class="required">（必填）</span></label>'
            '<div class="captcha-row"><img class="captcha-image" src="{img}" width="160" height="60" '
            'alt="验证码图片：四位数字。看不清可使用语音或放大" data-captcha-image>'
            '<button type="button" class="button-secondary" data-captcha-zoom aria-pressed="false" hidden>放大图片</button>'
            '<button type="button" class="button-secondary" data-captcha-refresh hidden>换一题</button></div>'
            '<p class="captcha-alt">{alt}</p>{widget}<p class="help" id="{id}-help">{help}</p>{error}{token}'
            '<div class="hp-field" hidden><label for="{wid}">{wlabel}</label>{wwidget}</div></div>',
            new=reverse("portal:captcha_new"), id=answer.auto_id, label=answer.label, img=ch["image"], alt=alt,
            widget=widget, help=answer.help_text, error=error_html, token=token_input, wid=website.auto_id,
            wlabel=website.label, wwidget=website.as_widget(),
        )
