import re

from portal import antispam

TOKEN = re.compile(r'name="(?:[\w-]+-)?as_token" value="([^"]+)" data-captcha-token')


def token_from(html: str) -> str:
    return TOKEN.search(html).group(1)


def solved(html: str | None = None) -> dict:
    """The anti-abuse fields of the form on the page, filled the way a person would (a fresh challenge
    when no page is given). Shared by the tests of every app whose public forms use portal.antispam."""
    token = token_from(html) if html is not None else antispam.new_token()
    return {"as_token": token, "as_answer": antispam.answer_for(token), "as_website": ""}
