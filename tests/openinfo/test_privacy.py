"""Personal data (证件号, phone, address, names of writers) never reaches a public page, export or index."""
import io
import re
import zipfile

import pytest

from openinfo import demo as openinfo_demo
from openinfo.models import ConsultationComment, InfoRequest, Letter
from openinfo.search_indexes import LetterIndex
from portal import demo as portal_demo

pytestmark = pytest.mark.django_db
LINK = re.compile(r'href="(/openinfo/[^"#]*)"')


def secrets_of_the_demo() -> set[str]:
    values = set()
    for req in InfoRequest.objects.all():
        values |= {req.id_number, req.phone, req.address, req.masked_id}
    for letter in Letter.objects.all():
        values |= {letter.phone, letter.email}
    for comment in ConsultationComment.objects.all():
        values |= {comment.contact}
    return {v for v in values if v and len(v) >= 6}


def text_of(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":  # xlsx: read every XML part
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            return "".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist() if n.endswith(".xml"))
    return body.decode("utf-8", "ignore")


def test_every_public_openinfo_page_is_free_of_personal_data(client, django_assert_max_num_queries):
    portal_demo.seed()
    openinfo_demo.seed()
    for url in ("/openinfo/letters/", "/openinfo/powers/", "/openinfo/consultations/", "/openinfo/"):
        with django_assert_max_num_queries(15):  # list pages do not grow a query per row
            assert client.get(url).status_code == 200
    secrets = secrets_of_the_demo()
    assert len(secrets) > 60
    seen, queue = set(), ["/openinfo/", "/openinfo/annual-report/2025/?format=xlsx", "/openinfo/powers/export/",
                          "/openinfo/annual-report/2026/"]
    while queue and len(seen) < 160:
        url = queue.pop(0)
        if url in seen or "/captcha/" in url:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 302), url
        text = text_of(response)
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{url} shows {leaked[:3]}"
        queue += [u.replace("&amp;", "&") for u in LINK.findall(text) if u not in seen]
    assert len(seen) > 40  # letters, consultations, powers, departments, guides, reports were all visited
    assert any(u.startswith("/openinfo/letters/XX-") for u in seen)
    assert any(u.startswith("/openinfo/consultations/") and u[-2] != "/" for u in seen)


def test_masked_id_in_lists_and_search_index_text(department):
    req = InfoRequest(id_number="11010519491231002X")
    assert req.masked_id == "110*************2X"
    letter = Letter(subject="问题", reply="答复", kind="consult", name="钱某", phone="13800009999",
                    email="q@example.cn", department=department)
    text = LetterIndex().prepare(letter)["text"]
    assert "问题" in text and "13800009999" not in text and "钱某" not in text and "q@example" not in text


def test_only_consented_published_letters_are_indexed(department, reviewer):
    from openinfo import services

    shown = services.letter_submit(kind="consult", department=department, subject="公开的", content="x", name="a",
                                   phone="13800001234", channel="web", consent_publish=True)
    hidden = services.letter_submit(kind="consult", department=department, subject="不公开的", content="x",
                                    name="b", phone="13800005678", channel="web")
    for letter in (shown, hidden):
        services.letter_reply(letter=letter, actor=reviewer, reply="答复", publish=True)
    assert list(LetterIndex().index_queryset()) == [shown]



# ---- 证件号 in the back office (issue 15, item 4) -------------------------------------------------------

def _reveal_log(req):
    from portal.audit import history_for

    return list(history_for(req).filter(action="查看完整证件号").values_list("actor__username", flat=True))


def test_the_full_id_number_is_shown_only_to_its_handlers_and_each_view_is_logged(client, make_request, handler,
                                                                                   office):
    from django.urls import reverse

    from openinfo import services
    from tests.openinfo.conftest import login

    req = make_request()
    change = reverse("admin:openinfo_inforequest_change", args=[req.pk])
    reveal = reverse("admin:openinfo_inforequest_reveal_id", args=[req.pk])
    listing = reverse("admin:openinfo_inforequest_changelist")

    login(client, handler)  # the department the case is assigned to
    page = client.get(change).content.decode()
    assert req.masked_id in page and req.id_number not in page and "显示完整证件号" in page
    assert "仅本机构可见" not in page
    for _ in range(2):
        shown = client.post(reveal)
        assert req.id_number in shown.content.decode() and "no-cache" in shown["Cache-Control"]
    assert _reveal_log(req) == [handler.username] * 2

    login(client, office)  # 公开办 of the whole site, another department's case
    for url in (change, listing):
        page = client.get(url).content.decode()
        assert req.masked_id in page and req.id_number not in page
    assert "显示完整证件号" not in client.get(change).content.decode()
    assert client.post(reveal).status_code == 403 and len(_reveal_log(req)) == 2

    services.request_assign(req=req, actor=office, handler=office)  # 公开办 takes the case over
    assert req.id_number in client.post(reveal).content.decode()
    assert sorted(_reveal_log(req)) == sorted([handler.username] * 2 + [office.username])
