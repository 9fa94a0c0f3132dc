"""The CAPTCHA of portal.antispam: too many answers to guess, one answer per token, and any typed
value (Unicode digits of other scripts, NUL) is a refusal in Chinese, never an error."""
import pytest
from django import forms

from portal import antispam

pytestmark = pytest.mark.django_db


class NoteForm(antispam.AntiSpamFormMixin, forms.Form):
    antispam_min_seconds = 0
    note = forms.CharField(label="留言")


@pytest.fixture(autouse=True)
def fresh_counters(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "tests-antispam"}}
    from django.core.cache import cache

    cache.clear()


def submit(token: str, answer: str) -> NoteForm:
    form = NoteForm({"note": "请公开预算", "as_token": token, "as_answer": answer, "as_website": ""})
    form.is_valid()
    return form


def test_the_answer_space_is_at_least_a_thousand():
    answers = {antispam.answer_for(antispam.new_token()) for _ in range(3000)}
    assert len(answers) >= 1000


def test_a_wrong_answer_uses_up_the_token_and_a_new_question_is_shown():
    token = antispam.new_token()
    right = antispam.answer_for(token)
    wrong = f"{(int(right) + 1) % 10000:04d}"
    first = submit(token, wrong)
    assert not first.is_valid() and "验证码不正确" in str(first.errors)
    assert first["as_token"].value() != token  # the re-shown form asks a new question
    second = submit(token, right)  # the right answer now comes too late for this token
    assert not second.is_valid() and "该验证码已使用过" in str(second.errors)
    assert submit(first["as_token"].value(), antispam.answer_for(first["as_token"].value())).is_valid()


def test_a_right_answer_is_accepted_once():
    token = antispam.new_token()
    assert submit(token, antispam.answer_for(token)).is_valid()
    assert "该验证码已使用过" in str(submit(token, antispam.answer_for(token)).errors)


def test_full_width_digits_and_spaces_are_what_an_input_method_types():
    token = antispam.new_token()
    typed = " ".join(antispam.answer_for(token)).translate({ord(str(i)): chr(0xFF10 + i) for i in range(10)})
    assert submit(token, typed).is_valid()


@pytest.mark.parametrize("typed", ["²", "①②③④", "٣٣٣٣", "-1", "1e3", "\x00", "12\x0034", "\ud800", "99999999999"])
def test_other_characters_are_a_wrong_answer_not_an_error(typed):
    form = submit(antispam.new_token(), typed)
    assert not form.is_valid() and ("as_answer" in form.errors or "__all__" in form.errors)


def test_the_image_and_the_speech_carry_the_four_digits(client):
    token = antispam.new_token()
    image = client.get(f"/captcha/{token}/image.png")
    assert image.status_code == 200 and image.content[:8] == b"\x89PNG\r\n\x1a\n"
    nonce = antispam._payload(token)["n"]
    assert antispam._spoken(nonce) == "、".join(antispam.DIGITS[int(d)] for d in antispam.answer_for(token))
