"""长者服务: 一键直达 + a QR code that a phone camera decodes back to the same address."""
import io

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from elderzone.models import ElderService
from portal.models import PublishStatus
from tests.elderzone.factories import ElderServiceFactory

pytestmark = pytest.mark.django_db


def decode(png: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(results) == 1, "exactly one QR code expected"
    return results[0].text


def test_qr_code_decodes_back_to_the_service_url(client):
    service = ElderServiceFactory(url="https://si.12333.gov.cn/yanglao/daiyu?from=elder")
    response = client.get(reverse("elderzone:service_qr", args=[service.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert decode(response.content) == service.url
    width, height = Image.open(io.BytesIO(response.content)).size
    assert width >= 300 and width == height  # big enough to scan from a screen


def test_site_relative_url_becomes_absolute_in_the_qr_code(client):
    service = ElderServiceFactory(url="/elder/map/")
    response = client.get(reverse("elderzone:service_qr", args=[service.pk]))
    assert decode(response.content) == "http://testserver/elder/map/"


def test_qr_code_is_downloadable_as_png(client):
    service = ElderServiceFactory()
    response = client.get(reverse("elderzone:service_qr", args=[service.pk]), {"download": 1})
    assert response["Content-Disposition"] == f'attachment; filename="elder-service-{service.pk}-qr.png"'
    detail = client.get(service.get_absolute_url()).content.decode()
    assert f'{reverse("elderzone:service_qr", args=[service.pk])}?download=1' in detail
    assert "下载二维码" in detail and "一键直达" in detail


def test_service_list_groups_by_category_and_hides_drafts(client):
    ElderServiceFactory(name="养老待遇查询", category="pension")
    ElderServiceFactory(name="医保账户查询", category="medical")
    ElderServiceFactory(name="未发布的服务", status=PublishStatus.DRAFT)
    page = client.get(reverse("elderzone:service_list")).content.decode()
    assert "养老待遇查询" in page and "医保账户查询" in page and "未发布的服务" not in page
    assert page.index("养老保险") < page.index("养老待遇查询") < page.index("医疗保障") < page.index("医保账户查询")
    draft = ElderService.objects.get(name="未发布的服务")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("elderzone:service_qr", args=[draft.pk])).status_code == 404


def test_service_url_must_be_web_or_site_address():
    from django.core.exceptions import ValidationError

    service = ElderServiceFactory.build(url="javascript:alert(1)")
    with pytest.raises(ValidationError) as exc:
        service.full_clean(exclude=["department"])
    assert "http" in str(exc.value)
