"""图解 uploads in admin: real images get a thumbnail; anything else gets a clear Chinese error and nothing is lost."""
import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from policies.models import Interpretation, InterpretationImage, InterpretationKind
from portal.models import PublishStatus
from tests.factories import PolicyFactory
from tests.policies.test_qa import admin_form_data, login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def png_bytes(size=(1200, 800), colour=(164, 22, 26)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(width=8000, height=8000) -> bytes:
    """A few hundred bytes that claim 64 million pixels: decoding it would take gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + _chunk(b"IEND", b"")


def add_form(client, policy) -> dict:
    url = reverse("admin:policies_interpretation_add")
    data = admin_form_data(client.get(url, {"policies": policy.pk}))
    data.update({
        "title": "一图读懂：医保待遇调整", "kind": InterpretationKind.GRAPHIC, "summary": "一张图看懂。",
        "department": str(policy.department_id),
        "images-TOTAL_FORMS": "1", "images-INITIAL_FORMS": "0",
        "images-0-alt_text": "报销比例：三级医院85%，二级医院90%", "images-0-sort_order": "0",
        "figures-TOTAL_FORMS": "0", "figures-INITIAL_FORMS": "0",
    })
    return data


@pytest.fixture
def setup(client, reviewer, department):
    login(client, reviewer)
    return PolicyFactory(issuer=department, title="关于调整职工医疗保险政策的通知")


def post_add(client, data):
    return client.post(reverse("admin:policies_interpretation_add"), data, follow=True)


def test_uploaded_image_is_saved_with_a_thumbnail_and_shown_with_its_alt_text(client, setup):
    data = add_form(client, setup)
    data["images-0-image"] = SimpleUploadedFile("chart.png", png_bytes(), content_type="image/png")
    response = post_add(client, data)
    assert response.status_code == 200
    interpretation = Interpretation.objects.get(title="一图读懂：医保待遇调整")
    assert list(interpretation.policies.all()) == [setup]  # the link made from the policy's page
    image = interpretation.images.get()
    assert (image.width, image.height) == (1200, 800)
    with image.thumbnail.open("rb") as handle, Image.open(handle) as thumb:
        assert thumb.format == "JPEG" and max(thumb.size) <= 480

    interpretation.status = PublishStatus.PUBLISHED
    interpretation.save()
    html = client.get(interpretation.get_absolute_url()).content.decode()
    assert 'alt="报销比例：三级医院85%，二级医院90%"' in html
    assert image.thumbnail.url in client.get(setup.get_absolute_url()).content.decode()


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("chart.png", b"this is a text file, not a picture", content_type="image/png"), "文件不是有效的图片"),
    (SimpleUploadedFile("bomb.png", bomb_png(), content_type="image/png"), "图片像素过多"),
])
def test_bad_uploads_are_refused_with_a_chinese_error_and_the_form_keeps_what_was_typed(client, setup, upload, message):
    data = add_form(client, setup)
    data["images-0-image"] = upload
    response = client.post(reverse("admin:policies_interpretation_add"), data)
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert 'value="一图读懂：医保待遇调整"' in html and "报销比例：三级医院85%" in html
    assert not Interpretation.objects.exists()


def test_too_large_an_image_is_refused(client, setup, settings):
    settings.UPLOAD_MAX_MB = {**settings.UPLOAD_MAX_MB, "image": 2}
    data = add_form(client, setup)
    data["images-0-image"] = SimpleUploadedFile("big.png", png_bytes() + b"\0" * (2 * 1024 * 1024), content_type="image/png")
    html = client.post(reverse("admin:policies_interpretation_add"), data).content.decode()
    assert "图片过大：不能超过 2MB" in html
    assert not Interpretation.objects.exists()


def test_alt_text_is_required(client, setup):
    data = add_form(client, setup)
    data["images-0-alt_text"] = ""
    data["images-0-image"] = SimpleUploadedFile("chart.png", png_bytes(), content_type="image/png")
    html = client.post(reverse("admin:policies_interpretation_add"), data).content.decode()
    assert "这个字段是必填项" in html or "必填" in html
    assert not Interpretation.objects.exists()


def test_a_graphic_needs_at_least_one_image(client, setup):
    data = add_form(client, setup)
    data["images-TOTAL_FORMS"] = "0"
    html = client.post(reverse("admin:policies_interpretation_add"), data).content.decode()
    assert "图解至少需要一张图片" in html


def test_a_bad_second_upload_keeps_the_saved_image(client, setup):
    data = add_form(client, setup)
    data["images-0-image"] = SimpleUploadedFile("chart.png", png_bytes(), content_type="image/png")
    post_add(client, data)
    interpretation = Interpretation.objects.get()
    saved = interpretation.images.get()
    url = reverse("admin:policies_interpretation_change", args=[interpretation.pk])
    data = admin_form_data(client.get(url))
    data.update({"images-TOTAL_FORMS": "2", "images-1-alt_text": "第二张", "images-1-sort_order": "1",
                 "images-1-image": SimpleUploadedFile("x.png", b"GIF89a broken", content_type="image/png")})
    html = client.post(url, data).content.decode()
    assert "文件不是有效的图片" in html
    assert list(InterpretationImage.objects.all()) == [saved]
    assert saved.image.storage.exists(saved.image.name) and saved.thumbnail.storage.exists(saved.thumbnail.name)
