"""A small corpus of realistic policy documents for the search tests.

Each document carries the wording one query kind must bridge: the title says 基本养老金 where a
citizen types 养老金, 机动车驾驶证 for 驾照, 公共租赁住房 for 公租房, and so on.
"""
import datetime as dt

from policies.models import DocType, Validity
from tests.factories import DepartmentFactory, PolicyFactory

DOCS = {
    "pension": dict(
        title="关于调整2024年退休人员基本养老金的通知", doc_number="湘人社发〔2024〕12号",
        body="<p>经省人民政府同意，自2024年1月1日起，调整全省企业和机关事业单位退休人员基本养老金水平。"
             "调整采取定额调整、挂钩调整与适当倾斜相结合的办法。</p><p>各地要确保调整后的基本养老金按时足额发放。</p>",
        keywords="基本养老金,调整,退休人员", topic="劳动、人事、监察", issued_date=dt.date(2024, 6, 20),
    ),
    "unemployment": dict(
        title="湖南省失业保险金申领发放办法", doc_number="湘人社规〔2023〕8号",
        body="<p>参保职工非因本人意愿中断就业的，可以申领失业保险金。失业保险金按月发放，标准为当地最低工资标准的90%。"
             "领取期限根据累计缴费时间确定，最长不超过24个月。</p>",
        keywords="失业保险金,申领", topic="劳动、人事、监察", issued_date=dt.date(2023, 3, 2),
    ),
    "driving": dict(
        title="机动车驾驶证申领和使用管理实施细则", doc_number="湘公规〔2022〕3号",
        body="<p>本细则适用于本省机动车驾驶证的申领、换证、补证和审验。驾驶证有效期满前九十日内，"
             "驾驶人应当申请换证。</p>",
        keywords="机动车驾驶证,换证", topic="公安、安全、司法", issued_date=dt.date(2022, 5, 10),
    ),
    "public_rental": dict(
        title="长沙市公共租赁住房保障管理办法", doc_number="长政发〔2023〕7号",
        body="<p>公共租赁住房面向城镇住房困难家庭、新就业无房职工和在城镇稳定就业的外来务工人员供应。"
             "申请人应当向户籍所在地街道提出申请。</p>",
        keywords="公共租赁住房,住房保障", topic="城乡建设、环境保护", issued_date=dt.date(2023, 8, 15),
    ),
    "id_card": dict(
        title="关于优化居民身份证异地办理服务的通知", doc_number="湘公发〔2023〕21号",
        body="<p>群众可在全省任一户政窗口申请换领、补领居民身份证，办理时限压缩至10个工作日。</p>",
        keywords="居民身份证,异地办理", topic="公安、安全、司法", issued_date=dt.date(2023, 11, 1),
    ),
    "provident": dict(
        title="住房公积金提取管理办法", doc_number="长公积金发〔2022〕5号",
        body="<p>职工购买、建造、翻建、大修自住住房的，可以提取住房公积金账户内的存储余额。</p>",
        keywords="住房公积金,提取", topic="城乡建设、环境保护", issued_date=dt.date(2022, 9, 9),
    ),
    "business": dict(
        title="关于持续优化营商环境的若干措施", doc_number="湘政发〔2023〕1号",
        body="<p>为持续优化营商环境，激发市场主体活力，现提出以下措施。推行企业开办一件事一次办。</p>",
        keywords="营商环境,市场主体", topic="综合政务", issued_date=dt.date(2023, 1, 5),
    ),
    "business_scattered": dict(
        title="关于推进园区建设的通知", doc_number="湘政办发〔2021〕30号",
        body="<p>加快园区道路建设，改善营商条件，同时加强生态环境保护和人居环境整治。</p>",
        keywords="园区,建设", topic="综合政务", issued_date=dt.date(2021, 4, 1),
    ),
    "medical_valid": dict(
        title="湖南省城乡居民基本医疗保险实施办法", doc_number="湘政办发〔2023〕15号",
        body="<p>城乡居民基本医疗保险实行市级统筹，住院费用报销比例不低于70%。</p>",
        keywords="城乡居民基本医疗保险,报销", topic="卫生、体育", issued_date=dt.date(2020, 2, 1),
    ),
    "medical_repealed": dict(
        title="湖南省城乡居民基本医疗保险实施办法", doc_number="湘政办发〔2016〕40号",
        body="<p>城乡居民基本医疗保险实行县级统筹，住院费用报销比例不低于60%。</p>",
        keywords="城乡居民基本医疗保险,报销", topic="卫生、体育", issued_date=dt.date(2020, 2, 1),
        validity=Validity.REPEALED,
    ),
    "elderly": dict(
        title="关于做好高龄津贴发放工作的通知", doc_number="湘民发〔2023〕9号",
        body="<p>对八十周岁以上老年人按月发放高龄津贴，所需资金由财政保障。</p>",
        keywords="高龄津贴,老年人", topic="民政、扶贫、救灾", issued_date=dt.date(2023, 7, 7),
    ),
    "tax": dict(
        title="关于进一步实施小微企业所得税优惠政策的公告", doc_number="湘税发〔2023〕4号",
        body="<p>对小型微利企业年应纳税所得额不超过100万元的部分，减按25%计入应纳税所得额。</p>",
        keywords="小型微利企业,企业所得税", topic="财政、金融、审计", issued_date=dt.date(2023, 3, 26),
    ),
    "school": dict(
        title="关于做好2024年义务教育招生入学工作的通知", doc_number="长教发〔2024〕2号",
        body="<p>坚持免试就近入学，进城务工人员随迁子女入学按居住证明办理。</p>",
        keywords="义务教育,招生入学", topic="教育", issued_date=dt.date(2024, 4, 1),
    ),
    "citation": dict(
        title="关于贯彻落实营商环境若干措施的实施方案", doc_number="长政办发〔2023〕11号",
        body="<p>根据《关于持续优化营商环境的若干措施》（湘政发〔2023〕1号）要求，结合本市实际制定本方案。</p>",
        keywords="实施方案", topic="综合政务", issued_date=dt.date(2023, 2, 20),
    ),
}


def make_corpus() -> dict:
    """Create the documents (published) and return them by key."""
    issuer = DepartmentFactory(name="湖南省人民政府", code="430000-00")
    docs = {}
    for n, (key, fields) in enumerate(DOCS.items()):
        values = {"doc_type": DocType.NORMATIVE, "validity": Validity.VALID, "index_number": f"SEARCH/{n:04d}",
                  "issuer": issuer, "department": issuer, **fields}
        docs[key] = PolicyFactory(**values)
    return docs
