"""Uploads are judged by their bytes; one size setting drives the application and nginx."""
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from policies.models import Attachment
from portal.uploads import validate_attachment, validate_captions, validate_image, validate_video
from tests.factories import PolicyFactory
from tests.policies.test_interpretation_images import add_form, png_bytes
from tests.policies.test_qa import admin_form_data, login

ROOT = Path(__file__).resolve().parents[2]
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def ooxml(main="word/document.xml", *, macros=False) -> bytes:
    kind = ("application/vnd.ms-word.document.macroEnabled.main+xml" if macros
            else "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", f'<?xml version="1.0"?><Types><Override PartName="/{main}" '
                                                f'ContentType="{kind}"/></Types>')
        archive.writestr(main, "<document/>")
        if macros:
            archive.writestr("word/vbaProject.bin", OLE + b"_\0V\0B\0A\0")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (1, 2, 3)).save(buffer, format="JPEG")
    return buffer.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def ftyp_mp4() -> bytes:
    return b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\0" * 64


@pytest.mark.parametrize("validator,name,data", [
    (validate_attachment, "通知.pdf", PDF),
    (validate_attachment, "报表.docx", ooxml()),
    (validate_attachment, "报表.xlsx", ooxml("xl/workbook.xml")),
    (validate_attachment, "汇报.pptx", ooxml("ppt/presentation.xml")),
    (validate_attachment, "旧版.doc", OLE),
    (validate_attachment, "说明.txt", "各单位：请按时报送。".encode("gb18030")),
    (validate_attachment, "扫描件.jpg", jpeg_bytes()),
    (validate_image, "图解.png", png_bytes((60, 40))),
    (validate_video, "访谈.mp4", ftyp_mp4()),
    (validate_video, "访谈.webm", b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01" + b"\0" * 32),
    (validate_captions, "字幕.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\n各位好\n".encode()),
])
def test_real_files_are_accepted(validator, name, data):
    validator(upload(name, data))


@pytest.mark.parametrize("validator,name,data,message", [
    (validate_attachment, "通知.pdf", HTML, "网页或脚本"),
    (validate_attachment, "扫描件.jpg", HTML, "网页或脚本"),
    (validate_image, "照片.jpg", HTML, "不接受 SVG 或网页格式的图片"),
    (validate_image, "图标.png", SVG, "不接受 SVG 或网页格式的图片"),
    (validate_image, "图标.svg", SVG, "不接受 SVG 或网页格式的图片"),
    (validate_image, "照片.png", jpeg_bytes(), "与扩展名“.png”不符"),
    (validate_attachment, "通知.pdf", b"PK\x03\x04 not a pdf", "不是有效的 PDF 文档"),
    (validate_attachment, "报表.docx", ooxml(macros=True), "文档含有宏"),
    (validate_attachment, "报表.docx", ooxml("xl/workbook.xml"), "缺少文档结构"),
    (validate_attachment, "报表.docx", b"just text renamed", "不是有效的 DOCX 文档"),
    (validate_attachment, "旧版.doc", OLE + "_VBA_PROJECT".encode("utf-16-le"), "文档含有宏（VBA）"),
    (validate_attachment, "旧版.xls", PDF, "不是有效的 XLS 文档"),
    (validate_video, "访谈.mp4", bytes(range(256)) * 4, "不是有效的 MP4 视频"),
    (validate_video, "访谈.webm", ftyp_mp4(), "不是有效的 WEBM 视频"),
    (validate_captions, "字幕.vtt", b"1\n00:00:00,000 --> 00:00:02,000\nSRT\n", "不是 WebVTT 格式"),
])
def test_hostile_or_mislabelled_files_are_refused_in_chinese(validator, name, data, message):
    with pytest.raises(ValidationError) as caught:
        validator(upload(name, data))
    assert message in " ".join(caught.value.messages)


@pytest.mark.django_db
def test_admin_refuses_html_as_pdf_and_a_macro_docx_and_keeps_nothing(client, reviewer, department):
    login(client, reviewer)
    policy = PolicyFactory(issuer=department)
    url = reverse("admin:policies_policydocument_change", args=[policy.pk])
    for name, data, message in [("通知.pdf", HTML, "网页或脚本"), ("报表.docx", ooxml(macros=True), "文档含有宏")]:
        form = admin_form_data(client.get(url))
        form.update({"attachments-TOTAL_FORMS": "1", "attachments-INITIAL_FORMS": "0", "attachments-0-title": "附件",
                     "attachments-0-sort_order": "0", "attachments-0-file": upload(name, data)})
        response = client.post(url, form)
        assert response.status_code == 200 and message in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field,name,data,message", [
    ("images-0-image", "图解.png", SVG, "不接受 SVG 或网页格式的图片"),
    ("video_file", "访谈.mp4", b"\x8f" * 4096, "不是有效的 MP4 视频"),
])
def test_admin_refuses_svg_as_png_and_random_bytes_as_mp4(client, reviewer, department, field, name, data, message):
    login(client, reviewer)
    form = add_form(client, PolicyFactory(issuer=department))
    form[field] = upload(name, data)
    if field != "images-0-image":
        form["images-0-image"] = upload("图解.png", png_bytes((60, 40)))
    response = client.post(reverse("admin:policies_interpretation_add"), form)
    assert response.status_code == 200 and message in response.content.decode()


@pytest.mark.django_db
def test_an_oversize_attachment_gets_the_applications_chinese_message(client, reviewer, department, settings):
    settings.UPLOAD_MAX_MB = {**settings.UPLOAD_MAX_MB, "attachment": 1}
    login(client, reviewer)
    policy = PolicyFactory(issuer=department)
    url = reverse("admin:policies_policydocument_change", args=[policy.pk])
    form = admin_form_data(client.get(url))
    form.update({"attachments-TOTAL_FORMS": "1", "attachments-INITIAL_FORMS": "0", "attachments-0-title": "附件",
                 "attachments-0-sort_order": "0", "attachments-0-file": upload("通知.pdf", PDF + b"\0" * 1024 * 1024)})
    assert "附件过大：不能超过 1MB" in client.post(url, form).content.decode()


def nginx_body_limits(text: str) -> dict[str, int]:
    """client_max_body_size (in MB) per context of deploy/nginx.conf: "server" or "location <path>"."""
    limits, stack = {}, []
    for token in re.findall(r"[^{};]+[{};]", re.sub(r"#[^\n]*", "", text)):
        statement, end = " ".join(token[:-1].split()), token[-1]
        if end == "{":
            stack.append(statement)
        elif end == "}":
            stack.pop()
        elif statement.startswith("client_max_body_size ") and stack:
            size = statement.split()[1]
            assert size.endswith("m"), f"client_max_body_size {size}: please give it in MB (m)"
            limits[stack[-1]] = int(size[:-1])
    return limits


def test_nginx_limits_are_the_applications_plus_headroom():
    limits = nginx_body_limits((ROOT / "deploy" / "nginx.conf").read_text())
    headroom = django_settings.UPLOAD_BODY_HEADROOM_MB
    # /admin/ is where files are uploaded: the largest upload fits, so the application answers in Chinese.
    assert limits["location /admin/"] == max(django_settings.UPLOAD_MAX_MB.values()) + headroom
    # Public forms send no files: their bodies are bounded by Django's own form limit.
    assert limits["server"] == django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024) + headroom


def test_nginx_answers_bodies_beyond_its_limit_in_chinese():
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    page = re.search(r"error_page 413 (\S+);", conf)
    assert page, "deploy/nginx.conf needs an error_page 413"
    html = (ROOT / "deploy" / page.group(1).lstrip("/")).read_text()
    assert "上传的文件过大" in html
