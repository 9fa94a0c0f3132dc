import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tests.factories import PolicyFactory
from themedays.models import ActivityReport, ReportPhoto

from .conftest import make_activity
from .helpers import login

pytestmark = pytest.mark.django_db


def png(width=1200, height=800) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (164, 22, 26)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def report(department):
    activity = make_activity(department, registration_required=False)
    return ActivityReport.objects.create(activity=activity, title="活动报道", body="<p>正文<script>x()</script></p>",
                                         status="published", published_at=timezone.now())


def test_photo_gets_a_thumbnail_and_report_body_is_sanitised(report):
    photo = ReportPhoto(report=report, caption="活动现场")
    photo.image.save("scene.png", SimpleUploadedFile("scene.png", png()), save=False)
    photo.full_clean()
    photo.save()
    with Image.open(photo.thumbnail.path) as thumb:
        assert thumb.format == "JPEG" and max(thumb.size) <= 480
    assert "<script>" not in ActivityReport.objects.get(pk=report.pk).body
    assert report.department_id == report.activity.department_id


def test_a_fake_image_is_refused(report):
    photo = ReportPhoto(report=report, caption="假图片", image=SimpleUploadedFile("fake.jpg", b"not an image"))
    with pytest.raises(ValidationError) as error:
        photo.full_clean()
    assert "image" in error.value.message_dict


def test_adopted_cannot_exceed_collected(report):
    report.suggestions_collected, report.suggestions_adopted = 3, 5
    with pytest.raises(ValidationError, match="采纳条数不能多于收集条数"):
        report.full_clean()


def test_report_page_shows_photos_with_alt_text_and_media(client, report):
    photo = ReportPhoto(report=report, caption="工作人员解读政策")
    photo.image.save("scene.png", SimpleUploadedFile("scene.png", png()), save=False)
    photo.save()
    report.media_links.create(outlet="湖南日报", title="主题日活动见闻", url="https://www.hunantoday.cn/")
    html = client.get(report.get_absolute_url()).content.decode()
    assert 'alt="工作人员解读政策"' in html and photo.thumbnail.url in html
    assert "湖南日报" in html and "主题日活动见闻" in html


def test_admin_upload_of_a_non_image_shows_the_error(client, report, reviewer):
    login(client, reviewer)
    url = reverse("admin:themedays_activityreport_change", args=[report.pk])
    data = {"activity": report.activity_id, "title": report.title, "summary": "", "body": "<p>正文</p>",
            "attendance": "", "suggestions_collected": 0, "suggestions_adopted": 0,
            "photos-TOTAL_FORMS": 1, "photos-INITIAL_FORMS": 0, "photos-0-caption": "坏图", "photos-0-sort_order": 0,
            "photos-0-image": SimpleUploadedFile("evil.png", b"<?php echo 1; ?>"),
            "media_links-TOTAL_FORMS": 0, "media_links-INITIAL_FORMS": 0}
    response = client.post(url, data)
    assert response.status_code == 200
    assert not ReportPhoto.objects.exists()


def test_activity_page_links_related_public_policies(client, department):
    activity = make_activity(department)
    public, draft = PolicyFactory(title="湖南省法律援助条例"), PolicyFactory(title="草稿政策", status="draft")
    activity.related_policies.add(public, draft)
    html = client.get(activity.get_absolute_url()).content.decode()
    assert "湖南省法律援助条例" in html and "草稿政策" not in html
