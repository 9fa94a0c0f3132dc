"""条例 Art. 20: the 15 kinds of information every agency publishes, and where each lives on this site.

Links are (label, url name or path, query) — into the policy library by 文种/主题分类, or to our own pages.
"""
from urllib.parse import urlencode

from django.urls import reverse


def _policies(**query) -> str:
    return reverse("policies:list") + ("?" + urlencode(query) if query else "")


def article20() -> list[dict]:
    power = reverse("openinfo:power_list")
    return [
        {"no": "一", "title": "行政法规、规章和规范性文件",
         "links": [("规章", _policies(doc_type="rule")), ("行政规范性文件", _policies(doc_type="normative"))]},
        {"no": "二", "title": "机构职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
         "links": [("机构职能目录", reverse("openinfo:department_list"))]},
        {"no": "三", "title": "国民经济和社会发展规划、专项规划、区域规划及相关政策",
         "links": [("规划与宏观经济", _policies(topic="国民经济管理、国有资产监管"))]},
        {"no": "四", "title": "国民经济和社会发展统计信息",
         "links": [("统计信息", _policies(topic="国民经济管理、国有资产监管"))]},
        {"no": "五", "title": "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
         "links": [("行政许可事项", f"{power}?kind=licensing")]},
        {"no": "六", "title": "实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定",
         "links": [("行政处罚事项", f"{power}?kind=penalty"), ("行政强制事项", f"{power}?kind=enforcement")]},
        {"no": "七", "title": "财政预算、决算信息", "links": [("财政预决算", _policies(topic="财政、金融、审计"))]},
        {"no": "八", "title": "行政事业性收费项目及其依据、标准",
         "links": [("收费项目", _policies(topic="财政、金融、审计")), ("行政征收事项", f"{power}?kind=levy")]},
        {"no": "九", "title": "政府集中采购项目的目录、标准及实施情况",
         "links": [("政府采购", _policies(topic="财政、金融、审计"))]},
        {"no": "十", "title": "重大建设项目的批准和实施情况",
         "links": [("重大建设项目", _policies(topic="国民经济管理、国有资产监管"))]},
        {"no": "十一", "title": "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
         "links": [("扶贫救助", _policies(topic="民政、扶贫、救灾")), ("教育", _policies(topic="科技、教育")),
                   ("医疗卫生", _policies(topic="卫生、体育")), ("社保就业", _policies(topic="劳动、人事、监察"))]},
        {"no": "十二", "title": "突发公共事件的应急预案、预警信息及应对情况",
         "links": [("应急管理", _policies(topic="综合政务"))]},
        {"no": "十三", "title": "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
         "links": [("环境保护", _policies(topic="城乡建设、环境保护")),
                   ("市场监管与安全生产", _policies(topic="市场监管、安全生产监管")),
                   ("行政检查事项", f"{power}?kind=inspection")]},
        {"no": "十四", "title": "公务员招考的职位、名额、报考条件等事项以及录用结果",
         "links": [("人事工作", _policies(topic="劳动、人事、监察"))]},
        {"no": "十五", "title": "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
         "links": [("政策文件库", _policies())]},
    ]
