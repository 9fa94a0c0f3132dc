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

