"""Uploaded files follow their content: a draft's, a withdrawn and a deleted document's file answer 404."""
import re
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve

from policies.models import Attachment
from portal.models import Article, PublishStatus
from portal.publishing import transition
from portal.views.files import serve_media
from tests.factories import PolicyFactory
from tests.policies.test_interpretation_images import png_bytes
from tests.themedays.conftest import make_activity
from themedays.models import ActivityReport, ReportPhoto

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ORIGINAL_NAME = "关于做好2026年政务公开工作的通知（征求意见稿）.pdf"


@pytest.fixture(autouse=True)
def page_cache(settings):
    # The anonymous page cache is on in production; a file URL must not outlive a withdrawal in it.
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "tests-files"}}
    from django.core.cache import cache

    cache.clear()  # locmem outlives the test database, whose ids start again at 1


def attachment_of(policy) -> Attachment:
    return Attachment.objects.create(policy=policy, title="通知全文",
                                     file=SimpleUploadedFile(ORIGINAL_NAME, PDF, content_type="application/pdf"))


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_drafts_file_is_not_served_and_its_name_cannot_be_guessed(client, department):
    policy = PolicyFactory(issuer=department, status=PublishStatus.DRAFT)
    attachment = attachment_of(policy)
    assert re.fullmatch(rf"policies/attachments/\d{{4}}/[0-9a-f]{{24}}/{re.escape(ORIGINAL_NAME)}", attachment.file.name)
    assert client.get(attachment.file.url).status_code == 404
    assert client.get(f"/media/policies/attachments/2026/{ORIGINAL_NAME}").status_code == 404


def test_a_published_file_is_served_under_its_original_name_and_linked_from_the_page(client, department):
    policy = PolicyFactory(issuer=department, status=PublishStatus.PUBLISHED)
    attachment = attachment_of(policy)
    page = client.get(policy.get_absolute_url()).content.decode()
    # Templates link `.url`, which is the checking view's route: no link bypasses it.
    assert f'href="{attachment.file.url}"' in page and resolve(attachment.file.url).func is serve_media
    response = client.get(attachment.file.url)
    assert response.status_code == 200 and body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"inline; filename*=utf-8''{quote(ORIGINAL_NAME)}"
    assert response["X-Content-Type-Options"] == "nosniff" and "sandbox" in response["Content-Security-Policy"]


def test_withdrawal_and_deletion_take_effect_at_once(client, department, reviewer):
    policy = PolicyFactory(issuer=department, status=PublishStatus.PUBLISHED)
    url = attachment_of(policy).file.url
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # asked twice: any cache would now hold it
    transition(obj=policy, to=PublishStatus.WITHDRAWN, actor=reviewer)
    assert client.get(url).status_code == 404
    assert client.get(policy.get_absolute_url()).status_code == 404

    other = PolicyFactory(issuer=department, status=PublishStatus.PUBLISHED)
    other_url = attachment_of(other).file.url
    assert client.get(other_url).status_code == 200
    other.delete()
    assert client.get(other_url).status_code == 404


def test_behind_nginx_the_view_decides_and_nginx_sends_the_bytes(client, department, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/_protected_media/"
    draft = attachment_of(PolicyFactory(issuer=department, status=PublishStatus.DRAFT))
    published = attachment_of(PolicyFactory(issuer=department, status=PublishStatus.PUBLISHED))
    assert client.get(draft.file.url).status_code == 404
    response = client.get(published.file.url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/_protected_media/" + quote(published.file.name)


def test_pictures_of_articles_and_activity_reports_follow_their_content(client, department, reviewer):
    article = Article.objects.create(title="政务公开工作动态", body="<p>正文</p>", department=department,
                                     status=PublishStatus.DRAFT,
                                     cover=SimpleUploadedFile("题图.png", png_bytes(), content_type="image/png"))
    assert client.get(article.cover.url).status_code == 404
    transition(obj=article, to=PublishStatus.PUBLISHED, actor=reviewer)
    assert client.get(article.cover.url).status_code == 200

    report = ActivityReport.objects.create(activity=make_activity(department, registration_required=False),
                                           title="主题日活动报道", body="<p>正文</p>", status=PublishStatus.PUBLISHED)
    photo = ReportPhoto.objects.create(report=report, caption="群众代表参观政务服务中心",
                                       image=SimpleUploadedFile("现场.png", png_bytes(), content_type="image/png"))
    assert client.get(photo.thumbnail.url).status_code == 200
    transition(obj=report, to=PublishStatus.WITHDRAWN, actor=reviewer)
    assert client.get(photo.thumbnail.url).status_code == 404
    assert client.get(photo.image.url).status_code == 404


@pytest.mark.parametrize("path", ["/media/elderzone/speech/abc.mp3", "/media/../portal/settings.py",
                                  "/media/%2e%2e/%2e%2e/etc/passwd", "/media/"])
def test_files_outside_public_content_are_never_served(client, path, media_root):
    (media_root / "elderzone" / "speech").mkdir(parents=True)
    (media_root / "elderzone" / "speech" / "abc.mp3").write_bytes(b"ID3")
    assert client.get(path).status_code == 404


def test_the_official_who_may_preview_a_draft_sees_its_files_nobody_else(client, department, other_department):
    from tests.factories import official
    from tests.policies.test_qa import login

    url = attachment_of(PolicyFactory(issuer=department, department=department, status=PublishStatus.DRAFT)).file.url
    login(client, official(department=other_department))
    assert client.get(url).status_code == 404
    login(client, official(department=department))
    response = client.get(url)
    assert response.status_code == 200 and body(response) == PDF
    assert response["Cache-Control"] == "private, no-cache"


def test_files_uploaded_before_get_an_unguessable_name(client, department, media_root):
    from django.core.management import call_command

    policy = PolicyFactory(issuer=department, status=PublishStatus.PUBLISHED)
    old = "policies/attachments/2024/旧通知.pdf"
    (media_root / "policies" / "attachments" / "2024").mkdir(parents=True)
    (media_root / old).write_bytes(PDF)
    attachment = Attachment.objects.create(policy=policy, title="旧附件", file=old)
    call_command("secure_media_names")
    attachment.refresh_from_db()
    assert re.fullmatch(r"policies/attachments/\d{4}/[0-9a-f]{24}/旧通知\.pdf", attachment.file.name)
    assert not (media_root / old).exists() and client.get("/media/" + old).status_code == 404
    assert body(client.get(attachment.file.url)) == PDF
    call_command("secure_media_names")  # again: nothing left to move
    assert Attachment.objects.get().file.name == attachment.file.name
