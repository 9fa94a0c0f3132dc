"""Agencies by the names citizens use: 省发改委, 市住建局 … find the documents of 湖南省发展和改革委员会 …"""
import pytest

from portal.search import service, synonyms
from portal.search.agencies import aliases
from tests.factories import DepartmentFactory, PolicyFactory


@pytest.mark.parametrize("name, short, expected", [
    ("湖南省发展和改革委员会", "", {"省发改委", "湖南发改委", "发改委"}),
    ("长沙市住房和城乡建设局", "", {"市住建局", "长沙住建局", "住建局"}),
    ("湖南省人力资源和社会保障厅", "省人社厅", {"省人社厅", "湖南人社厅", "人社厅"}),
    ("长沙市市场监督管理局", "", {"市市场监管局", "长沙市场监管局"}),
    ("湖南省卫生健康委员会", "", {"省卫健委", "卫健委"}),
    ("湖南省民政厅", "省民政厅", {"省民政厅", "湖南民政厅"}),
])
def test_the_standard_abbreviations(name, short, expected):
    assert expected <= set(aliases(name, short))


def test_a_government_and_a_national_body_are_not_cut_up():
    assert aliases("湖南省人民政府", "省政府") == ["省政府"]
    assert "国家税务总局湖南税务局" not in aliases("国家税务总局湖南省税务局", "省税务局")


@pytest.mark.django_db
@pytest.mark.both_engines
def test_a_query_by_the_short_name_prefers_that_agencys_documents():
    from portal.search.engines import rebuild

    ndrc = DepartmentFactory(name="湖南省发展和改革委员会", code="430000-31", short_name="")
    housing = DepartmentFactory(name="长沙市住房和城乡建设局", code="430100-31", short_name="")
    other = DepartmentFactory(name="湖南省财政厅", code="430000-32")
    synonyms.invalidate()
    ours = PolicyFactory(issuer=ndrc, department=ndrc, title="关于进一步规范价格收费管理的通知",
                         body="<p>规范涉企收费，加强价格监管。</p>")
    PolicyFactory(issuer=other, department=other, title="关于规范行政事业性收费的通知", body="<p>规范收费，清理收费项目。</p>")
    built = PolicyFactory(issuer=housing, department=housing, title="关于加强物业服务管理的通知",
                          body="<p>规范物业服务收费。</p>")
    rebuild()
    assert service.search("省发改委 收费", type_name="policy").items[0].obj == ours
    assert service.search("市住建局 物业", type_name="policy").items[0].obj == built
    assert service.search("长沙住建局", type_name="policy").count >= 1
