import datetime as dt
from decimal import Decimal

import factory

from elderzone.models import CareInstitution, District, ElderNotice, ElderService, LifeArticle
from portal.models import PublishStatus
from tests.factories import DepartmentFactory

PUBLISHED_AT = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)


class _Published(factory.django.DjangoModelFactory):
    department = factory.SubFactory(DepartmentFactory)
    status = PublishStatus.PUBLISHED
    published_at = PUBLISHED_AT


class ElderServiceFactory(_Published):
    class Meta:
        model = ElderService

    name = factory.Sequence(lambda n: f"长者服务{n}")
    category = "pension"
    summary = "按月领取养老金，查询发放记录。"
    url = factory.Sequence(lambda n: f"https://zwfw.example.gov.cn/service/{n}")
    guide = "点一键直达\n刷脸认证"
    phone = "12333"


class LifeArticleFactory(_Published):
    class Meta:
        model = LifeArticle

    title = factory.Sequence(lambda n: f"秋冬保暖小知识第{n}篇")
    category = "wellness"
    summary = "天冷了要注意保暖。"
    body = "<p>出门要戴帽子。</p><p>早晚温差大，注意添衣。</p>"


class ElderNoticeFactory(_Published):
    class Meta:
        model = ElderNotice

    title = factory.Sequence(lambda n: f"高龄津贴年审通知{n}")
    body = "<p>80 周岁以上老人每年认证一次。</p>"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"测试区{n}")
    city = "萍乡市"
    department = factory.SubFactory(DepartmentFactory)
    latitude = Decimal("27.615700")
    longitude = Decimal("113.870700")


class CareInstitutionFactory(_Published):
    class Meta:
        model = CareInstitution

    name = factory.Sequence(lambda n: f"测试养老院{n}")
    kind = "institution"
    district = factory.SubFactory(DistrictFactory)
    address = "萍乡市安源区测试路 1 号"
    phone = "0799-6830001"
    beds = 100
    hours = "全天"
    latitude = Decimal("27.615700")
    longitude = Decimal("113.870700")
