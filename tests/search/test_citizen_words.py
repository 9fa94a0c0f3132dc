"""Citizens' words find documents written in policy words (the second synonym round, migration
0005), on both engines: each document below uses only the official term, never the query's word."""
import pytest

from portal.search import service
from portal.search.engines import rebuild
from portal.search.models import SynonymDomain
from portal.search.synonym_data import CITIZEN_WORDS, SYNONYM_GROUPS, groups

OFFICIAL = {
    "廉租房": ("长沙市公共租赁住房配租办法", "<p>符合条件的家庭可申请公共租赁住房实物配租。</p>"),
    "房本": ("不动产权证书遗失补发办理指南", "<p>权利人可持身份证明申请补发不动产权证书。</p>"),
    "暂住证": ("湖南省居住证申领办法", "<p>在居住地连续居住半年以上的公民可以申领居住证。</p>"),
    "新农合": ("关于做好2024年城乡居民基本医疗保险参保工作的通知", "<p>各地做好参保登记和个人缴费工作。</p>"),
    "产假": ("关于女职工生育假期间工资待遇的说明", "<p>女职工依法享受生育假，期间工资照发。</p>"),
    "上户口": ("新生儿出生登记办理指南", "<p>新生儿出生后一个月内，由监护人到户口所在地派出所办理出生登记。</p>"),
    "环评": ("建设项目环境影响评价文件审批程序", "<p>建设单位应当依法编制环境影响评价文件。</p>"),
    "考公": ("2024年度全省公务员招录公告", "<p>报名采取网上报名方式进行。</p>"),
}


@pytest.fixture
def official_documents(db):
    from tests.factories import PolicyFactory

    docs = {word: PolicyFactory(title=title, body=body, keywords="") for word, (title, body) in OFFICIAL.items()}
    rebuild()
    return docs


@pytest.mark.both_engines
@pytest.mark.parametrize("query", list(OFFICIAL))
def test_citizens_word_finds_the_official_terms_document(official_documents, query):
    found = [item.obj for item in service.search(query).items[:3]]
    assert official_documents[query] in found


@pytest.mark.django_db
def test_the_second_round_is_seeded_and_covers_every_area():
    from portal.search.models import Synonym

    seeded = set(Synonym.objects.values_list("terms", flat=True))
    second = groups(CITIZEN_WORDS)
    assert len(second) >= 120
    assert {terms for _, terms in second} <= seeded
    assert {domain for domain, _ in second} == set(SynonymDomain.values)
    first = {terms for _, terms in groups(SYNONYM_GROUPS)}
    for domain, terms in second:
        words = terms.split("/")
        assert len(words) >= 2 and len(set(words)) == len(words), terms
        assert terms not in first, terms
