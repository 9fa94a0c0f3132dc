"""Demo news, notices, media coverage, 专栏 and site settings (wording from the seeds: Hunan, 永州,
湘潭, 望城, 长沙, 龙华, 雁塔, 新乐, 萍乡). Idempotent: keyed by title / slug / pk.
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from portal.models import Article, Column, Department, OfficialAccount, PublishStatus, SiteSettings

SITE = {
    "site_name": "阳光政务", "government_name": "湖南省人民政府", "domain": "www.hunan.gov.cn",
    "site_id_code": "4300000001", "icp_number": "湘ICP备05005093号", "police_number": "湘公网安备 43010502000001号",
    "organizer": "湖南省人民政府办公厅", "operator": "湖南省政务管理和服务局",
    "address": "长沙市韶山北路1号", "postcode": "410011", "phone": "0731-82211000", "email": "zwgk@hunan.gov.cn",
    "service_hours": "工作日 9:00-12:00，13:30-17:30", "kiosk_title": "政务公开自助查询",
}

# (name, kind, level, url)
ACCOUNTS = [
    ("中国政府网", "website", "national", "https://www.gov.cn/"),
    ("湖南省人民政府门户网站", "website", "province", "https://www.hunan.gov.cn/"),
    ("湖南发布", "wechat", "province", "https://www.hunan.gov.cn/hnyw/hnfb/"),
    ("湖南政务服务", "miniprogram", "province", "https://zwfw-new.hunan.gov.cn/"),
    ("长沙发布", "wechat", "city", "https://www.changsha.gov.cn/"),
    ("望城发布", "wechat", "county", "http://www.wangcheng.gov.cn/"),
]

# (slug, name, department code, openness, on_home, description)
COLUMNS = [
    ("themeday", "政务公开主题日", "430000-01", "execution", True,
     "围绕群众关心的重要政策，开展实地调研、现场观摩、座谈交流、政策发布、问卷调查等“互动式”公开、“面对面”解读活动。"),
    ("executive-meetings", "省政府常务会议", "430000-01", "decision", True, "省政府常务会议研究部署的重要工作和重大决策。"),
    ("grassroots", "基层政务公开标准化规范化", "430000-01", "management", True,
     "基层政务公开标准目录、政务公开专区建设和各地经验做法。"),
    ("business-environment", "优化营商环境", "430000-02", "service", False, "惠企政策汇编、涉企收费清单和营商环境改革举措。"),
]

# (title, category, department code, columns, headline, days ago, source, openness, body paragraphs)
ARTICLES = [
    ("湖南省创新开展政务公开主题日活动 助推政策落地落实", "news", "430000-01", ["themeday"], True, 1, "湖南省人民政府办公厅", "",
     ["湖南省组织开展“政务公开主题日”活动，进一步提高公开的含金量、参与度、覆盖面，服务“三高四新”战略定位和使命任务，助力经济平稳健康发展。",
      "省直各单位报来44个主题，经优中选优甄选30个主题形成年度活动计划安排表，每月组织开展2次以上政务公开主题日活动，实行“互动式”公开、“面对面”解读。"]),
    ("长沙市打造“政策百度” 提升政策咨询服务水平", "news", "430100-01", [], True, 3, "长沙市人民政府办公厅", "service",
     ["长沙市设立线上线下政务公开窗口，打造市级互动政策问答平台，实现政策咨询服务“一站式”“一号答”“一键查”，让群众“看得见”、“问得到”、“办得了”。",
      "平台共汇集18695条政策文件，涵盖9个区县（市）、12个园区、近60个市直部门，提供5255条企业群众常见问题答案查询。"]),
    ("萍乡市“适老化改造+长者服务专区”让老年人办事更方便", "media", "430000-01", [], True, 5, "政务公开工作交流", "service",
     ["萍乡市政府网站上线长者专区，围绕老年群体高频事项及服务场景，推出政府文件、养老政策、长者服务、懂生活、关爱地图等一站式服务。",
      "老年人只需点击“养老待遇查询”，即可查询福利津贴、健康养老等信息，并可扫码直达办理。"]),
    ("省政府常务会议研究部署政务公开重点工作", "news", "430000-01", ["executive-meetings"], False, 6, "湖南省人民政府办公厅", "decision",
     ["会议听取了全省政务公开工作情况汇报，研究部署下一阶段重点工作。",
      "会议强调，要围绕高质量发展和群众关切，推进决策、执行、管理、服务、结果公开，以公开促落实、强监管、优服务。"]),
    ("永州市“四字诀”让政务公开主题日活动出彩", "news", "430000-01", ["themeday"], False, 8, "湖南省政务管理和服务局", "",
     ["永州市形成“分管领导主抓、责任具体到人”工作机制，征集市直单位活动32期。",
      "创新政务直播、12345领导接听日等形式，就“基本医保待遇保障政策”开展直播解读，观看人数达14万余人次。"]),
    ("湘潭市以数字化建设为基点为政务公开赋能蓄力", "news", "430000-01", ["grassroots"], False, 10, "湖南省政务管理和服务局", "result",
     ["湘潭市建设政务公开数据分析平台，实现信息智能检索、数据统计分析等功能，智能分析公众关注的热点事件，自动汇聚分析图表，形成分析报告。"]),
    ("关于征集2027年度“政务公开主题日”活动主题的通知", "notice", "430000-01", ["themeday"], False, 2, "湖南省人民政府办公厅", "execution",
     ["各市州人民政府办公室，省直各单位：",
      "请围绕群众关心关注的重要政策，填写“政务公开主题日”活动申报表（单位、联系人、电话、活动主题、活动时间、活动形式、活动简介），于12月20日前通过后台“主题日申报”提交。"]),
    ("关于印发《望城区2023年“政务公开主题日”活动实施方案》的通知", "notice", "430112-01", ["themeday"], False, 12, "长沙市望城区人民政府办公室", "execution",
     ["各街道办事处、镇人民政府，区直各单位：",
      "根据省、市“政务公开主题日”活动实施方案的部署要求，我区制定了《长沙市望城区2023年“政务公开主题日”活动实施方案》，现印发给你们，请结合实际认真贯彻落实。"]),
    ("政务服务大厅政务公开专区开放时间调整的公告", "notice", "430000-01", ["grassroots"], False, 4, "湖南省政务管理和服务局", "service",
     ["自12月1日起，政务服务大厅政务公开专区开放时间调整为工作日9:00-17:30，午间不休息。专区提供政府信息查阅、依申请公开受理、政策咨询等服务。"]),
    ("关于2026年政府网站和政务新媒体检查情况的通报", "notice", "430000-01", [], False, 15, "湖南省人民政府办公厅", "result",
     ["按照政府网站和政务新媒体检查工作安排，现将第三季度检查情况通报如下：全省政府网站总体合格率100%，政务新媒体总体合格率98.6%。"]),
    ("湖南省涉企行政事业性收费目录清单（2026年版）公布", "notice", "430000-02", ["business-environment"], False, 13,
     "湖南省财政厅", "service",
     ["经省人民政府同意，现将全省涉企行政事业性收费目录清单（2026年版）予以公布。清单之外的涉企行政事业性收费一律不得收取。",
      "企业发现违规收费的，可通过12345政务服务便民热线或本网站“政务信箱”反映。"]),
    ("惠企政策“免申即享”：首批资金已直达企业账户", "news", "430000-02", ["business-environment"], False, 14,
     "湖南省财政厅", "service",
     ["省财政厅会同有关部门梳理符合条件的企业名单，对稳岗返还、专精特新奖补等政策实行“免申即享”，企业无需申报即可获得资金。",
      "政策文件、办理指南和常见问答已汇集到本网站“惠企政策”专题。"]),
    ("深圳市龙华区多平台融合贯通 打造立体联动公开新格局", "media", "430000-01", ["grassroots"], False, 7, "政务公开工作交流", "",
     ["龙华区建立政务公开数据分析机制，每月就依申请案件、政府网站热门栏目浏览量、网民热点关注领域等数据进行归集、分析、连续性监测。",
      "全市率先建成区—街道—社区三级政务公开专区一体化标准化服务体系，已建成政务公开专区19个。"]),
    ("西安市雁塔区打出政务公开组合拳 促服务优环境提效能", "media", "430000-01", ["grassroots"], False, 9, "政务公开工作交流", "",
     ["雁塔区依托区、街政务服务中心标准化建设政务公开专区，统一设置政府信息查阅点和依申请公开窗口，在区政府门户网站开设“菜单式”重点信息公开栏目101个。"]),
    ("河北新乐市高标准建设政务公开专区", "media", "430000-01", ["grassroots"], False, 11, "政务公开工作交流", "",
     ["新乐市专区设置政务公开自助查询机，采用操作便捷的触控屏技术，群众只需动动手指就能查阅相关信息；设计制作二维码矩阵，展示各级政府和主要民生部门政务微信公众号。"]),
]


def _body(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def seed() -> dict:
    site, _ = SiteSettings.objects.update_or_create(pk=1, defaults=SITE)
    for order, (name, kind, level, url) in enumerate(ACCOUNTS):
        OfficialAccount.objects.update_or_create(
            site=site, name=name, defaults={"kind": kind, "level": level, "url": url, "sort_order": order},
        )
    departments = {d.code: d for d in Department.objects.all()}
    columns = {}
    for order, (slug, name, code, openness, on_home, description) in enumerate(COLUMNS):
        columns[slug], _ = Column.objects.update_or_create(slug=slug, defaults={
            "name": name, "department": departments[code], "openness": openness, "on_home": on_home,
            "description": description, "sort_order": order,
        })
    now = timezone.localtime().replace(hour=9, minute=30, second=0, microsecond=0)
    for title, category, code, slugs, headline, days, source, openness, paragraphs in ARTICLES:
        article, created = Article.objects.update_or_create(title=title, defaults={
            "category": category, "department": departments[code], "is_headline": headline, "source": source,
            "openness": openness, "body": _body(paragraphs), "summary": paragraphs[-1][:110] if category != "notice" else "",
            "status": PublishStatus.PUBLISHED,
        })
        if created or article.published_at is None:  # keep the first date, so a second run changes nothing
            article.published_at = now - dt.timedelta(days=days)
            article.save(update_fields=["published_at"])
        article.columns.set([columns[slug] for slug in slugs])
    return {"site_settings": 1, "accounts": len(ACCOUNTS), "columns": len(COLUMNS), "articles": len(ARTICLES)}
