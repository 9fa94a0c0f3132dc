"""The 正文 editor's picture upload: the checked upload path, and pictures that follow publication."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from portal.models import BodyImage, PublishStatus
from tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db
UPLOAD = "/admin/editor/upload/"


def png(name="图.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 160)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_only_officials_upload_and_only_real_pictures(client, editor):
    assert client.post(UPLOAD, {"image": png()}).status_code == 302  # to the admin login
    client.force_login(editor)
    svg = SimpleUploadedFile("a.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/png")
    refused = client.post(UPLOAD, {"image": svg})
    assert refused.status_code == 400 and refused.json()["error"] and not BodyImage.objects.exists()
    assert client.post(UPLOAD, {}).json()["error"] == "没有收到图片。"
    answer = client.post(UPLOAD, {"image": png()})
    picture = BodyImage.objects.get()
    assert answer.status_code == 200 and answer.json()["url"] == picture.image.url
    assert picture.department == editor.department and picture.uploaded_by == editor


def test_a_picture_is_public_only_while_published_text_shows_it(client, editor, department):
    client.force_login(editor)
    url = client.post(UPLOAD, {"image": png()}).json()["url"]
    client.logout()
    assert client.get(url).status_code == 404  # in no text yet
    policy = PolicyFactory(department=department, issuer=department, status=PublishStatus.DRAFT, published_at=None,
                           body=f'<p>图示：</p><p><img src="{url}" alt="流程图"></p>')
    assert client.get(url).status_code == 404  # a draft's picture stays hidden
    client.force_login(editor)
    assert client.get(url).status_code == 200  # the department previews its draft
    client.logout()
    PolicyFactory._meta.model.objects.filter(pk=policy.pk).update(status=PublishStatus.PUBLISHED,
                                                                  published_at=timezone.now())
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    PolicyFactory._meta.model.objects.filter(pk=policy.pk).update(status=PublishStatus.WITHDRAWN)
    assert client.get(url).status_code == 404  # withdrawn: gone at once


def test_the_body_fields_are_edited_with_the_editor(client, editor, department):
    client.force_login(editor)
    policy = PolicyFactory(department=department, issuer=department, status=PublishStatus.DRAFT, published_at=None)
    for path in (f"/admin/policies/policydocument/{policy.pk}/change/", "/admin/portal/article/add/",
                 "/admin/policies/interpretation/add/"):
        html = client.get(path).content.decode()
        assert 'data-rich-text' in html and "vendor/quill/quill.js" in html, path
