"""Demo reference content of openinfo: 指南/制度, 权责清单, consultations, letters, 年报 figures."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from openinfo.models import (
    AnnualReportEntry, Consultation, ConsultationComment, GuidePage, Letter, PowerItem,
)
from openinfo.models.common import hash_query_code
from openinfo.services.letters import letter_deadline
from portal.models import PublishStatus

GUIDE_BODY = """<h2>一、主动公开</h2><p>{name}主动公开的政府信息，通过本网站“政府信息公开”专栏、政府公报、新闻发布会以及政务服务大厅等途径公开，并在信息形成或者变更之日起20个工作日内予以公开。</p>
<h2>二、依申请公开</h2><p>公民、法人或者其他组织可以通过本网站在线申请、信函、传真或当面提交等方式向本机关申请获取政府信息。申请应当包括申请人的姓名或者名称、身份证明、联系方式，所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述，以及获取信息的方式、途径。</p>
<p>本机关收到申请，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。</p>
<h2>三、收费</h2><p>本机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，按照《政府信息公开信息处理费管理办法》收取信息处理费。</p>
<h2>四、监督和救济</h2><p>申请人认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>"""

SYSTEMS = [
    ("政府信息公开申请办理工作规程", "<p>依申请公开按照登记、审核、办理、答复、归档的流程办理。收到申请当日登记，补正须在收到申请之日起7个工作日内一次性告知；答复书由承办处室拟稿，经政府信息公开工作机构负责人审核后发出，全部材料归档保存。</p>"),
    ("政府信息公开保密审查制度", "<p>拟公开的政府信息应当依照《中华人民共和国保守国家秘密法》以及其他法律、法规和国家有关规定进行审查。不能确定政府信息是否可以公开的，依照法律、法规和国家有关规定报有关主管部门或者保密行政管理部门确定。</p>"),
]

POWER_SEEDS = [
    ("430000-02", "licensing", "政府采购代理机构资格认定", "《中华人民共和国政府采购法》第十九条"),
    ("430000-02", "penalty", "对政府采购供应商提供虚假材料的处罚", "《中华人民共和国政府采购法》第七十七条"),
    ("430000-02", "inspection", "对会计师事务所执业质量的检查", "《中华人民共和国注册会计师法》第五条"),
    ("430000-02", "confirmation", "会计专业技术资格确认", "《会计专业技术资格考试暂行规定》"),
    ("430000-02", "penalty", "对违反会计法行为的处罚", "《中华人民共和国会计法》第四十二条"),
    ("430000-02", "levy", "非税收入征收管理", "《湖南省非税收入管理条例》"),
    ("430000-02", "other", "财政专项资金绩效评价", "《中华人民共和国预算法》第三十二条"),
    ("430000-03", "licensing", "人力资源服务许可", "《人力资源市场暂行条例》第十八条"),
    ("430000-03", "licensing", "劳务派遣经营许可", "《中华人民共和国劳动合同法》第五十七条"),
    ("430000-03", "penalty", "对用人单位违反劳动保障法律法规的处罚", "《劳动保障监察条例》第二十五条"),
    ("430000-03", "enforcement", "查封、扣押与违法行为有关的资料", "《劳动保障监察条例》第十五条"),
    ("430000-03", "payment", "失业保险金给付", "《失业保险条例》第十四条"),
    ("430000-03", "confirmation", "工伤认定", "《工伤保险条例》第十七条"),
    ("430000-03", "reward", "对劳动保障违法行为举报的奖励", "《劳动保障监察条例》第九条"),
    ("430000-03", "adjudication", "劳动人事争议仲裁", "《中华人民共和国劳动争议调解仲裁法》第五条"),
    ("430000-03", "inspection", "劳动保障监察", "《劳动保障监察条例》第十一条"),
    ("430000-04", "licensing", "社会团体成立、变更、注销登记", "《社会团体登记管理条例》第三条"),
    ("430000-04", "licensing", "民办非企业单位登记", "《民办非企业单位登记管理暂行条例》第三条"),
    ("430000-04", "payment", "最低生活保障金给付", "《社会救助暂行办法》第九条"),
    ("430000-04", "payment", "特困人员救助供养", "《社会救助暂行办法》第十四条"),
    ("430000-04", "payment", "高龄津贴发放", "《湖南省实施〈中华人民共和国老年人权益保障法〉办法》"),
    ("430000-04", "penalty", "对社会组织违法行为的处罚", "《社会团体登记管理条例》第三十条"),
    ("430000-04", "inspection", "养老机构监督检查", "《养老机构管理办法》第三十八条"),
    ("430000-04", "confirmation", "婚姻登记", "《婚姻登记条例》第二条"),
    ("430000-04", "reward", "见义勇为人员表彰奖励", "《湖南省见义勇为人员奖励和保护条例》"),
    ("430000-05", "licensing", "排污许可证核发", "《排污许可管理条例》第五条"),
    ("430000-05", "licensing", "建设项目环境影响评价文件审批", "《中华人民共和国环境影响评价法》第二十二条"),
    ("430000-05", "penalty", "对超标排放污染物的处罚", "《中华人民共和国大气污染防治法》第九十九条"),
    ("430000-05", "enforcement", "查封、扣押造成污染物排放的设施设备", "《中华人民共和国环境保护法》第二十五条"),
    ("430000-05", "inspection", "生态环境执法检查", "《中华人民共和国环境保护法》第二十四条"),
    ("430000-05", "levy", "环境保护税征收协作", "《中华人民共和国环境保护税法》第十四条"),
    ("430000-06", "licensing", "建设用地规划许可", "《中华人民共和国城乡规划法》第三十七条"),
    ("430000-06", "licensing", "采矿权新立登记", "《中华人民共和国矿产资源法》第三条"),
    ("430000-06", "penalty", "对非法占用土地的处罚", "《中华人民共和国土地管理法》第七十七条"),
    ("430000-06", "confirmation", "不动产统一登记", "《不动产登记暂行条例》第六条"),
    ("430000-06", "levy", "土地复垦费征收", "《土地复垦条例》第十八条"),
    ("430000-06", "adjudication", "土地权属争议裁决", "《中华人民共和国土地管理法》第十四条"),
    ("430000-06", "enforcement", "责令停止违法用地行为", "《中华人民共和国土地管理法》第六十八条"),
    ("430000-09", "licensing", "医疗机构执业登记", "《医疗机构管理条例》第十四条"),
    ("430000-09", "penalty", "对非法行医的处罚", "《中华人民共和国医师法》第五十九条"),
    ("430000-09", "inspection", "公共场所卫生监督检查", "《公共场所卫生管理条例》第十条"),
    ("430000-09", "reward", "对在传染病防治工作中做出显著成绩单位和个人的奖励", "《中华人民共和国传染病防治法》第十一条"),
    ("430000-10", "licensing", "建筑业企业资质核准", "《中华人民共和国建筑法》第十三条"),
    ("430000-10", "penalty", "对未取得施工许可证擅自施工的处罚", "《中华人民共和国建筑法》第六十四条"),
    ("430000-10", "inspection", "住房公积金管理情况监督检查", "《住房公积金管理条例》第七条"),
    ("430000-12", "licensing", "民办学校办学许可", "《中华人民共和国民办教育促进法》第十八条"),
    ("430000-12", "payment", "学生资助金发放", "《中华人民共和国教育法》第三十八条"),
    ("430000-12", "confirmation", "教师资格认定", "《教师资格条例》第十三条"),
    ("430000-13", "licensing", "危险化学品经营许可", "《危险化学品安全管理条例》第三十三条"),
    ("430000-13", "penalty", "对生产经营单位安全生产违法行为的处罚", "《中华人民共和国安全生产法》第九十七条"),
    ("430000-13", "enforcement", "查封、扣押不符合标准的设施设备器材", "《中华人民共和国安全生产法》第六十五条"),
    ("430000-14", "penalty", "对统计造假、弄虚作假的处罚", "《中华人民共和国统计法》第四十一条"),
]


def seed_guides(departments) -> dict:
    n = 0
    for code in ("430000-01", "430000-02", "430000-03", "430000-04", "430000-05", "430000-06", "430100-01",
                 "430112-01"):
        dept = departments.get(code)
        if dept is None:
            continue
        GuidePage.objects.update_or_create(
            kind=GuidePage.Kind.GUIDE, department=dept,
            defaults={"title": f"{dept.name}政府信息公开指南", "body": GUIDE_BODY.format(name=dept.name),
                      "office": f"{dept.name}政务公开办公室", "address": dept.address, "postcode": "410011",
                      "phone": dept.phone, "hours": dept.office_hours, "status": PublishStatus.PUBLISHED,
                      "published_at": timezone.make_aware(dt.datetime(2025, 1, 6, 9))})
        n += 1
    office = departments["430000-01"]
    for title, body in SYSTEMS:
        GuidePage.objects.update_or_create(
            kind=GuidePage.Kind.SYSTEM, title=title,
            defaults={"department": office, "body": body, "status": PublishStatus.PUBLISHED,
                      "published_at": timezone.make_aware(dt.datetime(2024, 3, 1, 9))})
    return {"guides": n}


def seed_powers(departments) -> dict:
    for i, (code, kind, name, basis) in enumerate(POWER_SEEDS, start=1):
        dept = departments.get(code)
        if dept is None:
            continue
        label = PowerItem.Kind(kind).label
        PowerItem.objects.update_or_create(
            code=f"{code}-{kind[:3].upper()}-{i:03d}",
            defaults={"department": dept, "name": name, "kind": kind, "subject": dept.name, "legal_basis": basis,
                      "responsibilities": f"1.受理责任：公示{label}的依据、条件和程序。\n2.审查责任：依法审查相关材料。\n"
                                          "3.决定责任：在法定期限内作出决定并告知。\n4.监管责任：加强事中事后监管。",
                      "accountability": "因不履行或不正确履行行政职责，有下列情形的，行政机关及相关工作人员应承担相应责任："
                                        "对符合条件的不予办理或不在法定期限内办理的；滥用职权、玩忽职守的；索取或者收受他人财物的。",
                      "status": PublishStatus.PUBLISHED,
                      "published_at": timezone.make_aware(dt.datetime(2025, 3, 1, 9))})
    return {"powers": PowerItem.objects.count()}


def seed_consultations(departments) -> dict:
    today = timezone.localdate()
    open_one, _ = Consultation.objects.update_or_create(
        title="《湖南省养老服务促进条例（征求意见稿）》公开征求意见",
        defaults={"department": departments["430000-04"], "summary": "为推进居家社区机构相协调、医养康养相结合的养老服务体系建设，现公开征求社会各界意见。",
                  "draft": "<h3>第一章 总则</h3><p>第一条 为了促进养老服务发展，满足老年人多层次、多样化养老服务需求，根据有关法律、行政法规，结合本省实际，制定本条例。</p><p>第二条 本省行政区域内养老服务及其促进、监督管理等活动，适用本条例。</p>",
                  "explanation": "<p>一、起草背景。我省已进入中度老龄化社会……</p><p>二、主要内容。征求意见稿共七章四十五条，包括规划建设、居家社区养老服务、机构养老服务、医养康养结合、人才队伍、扶持保障等。</p>",
                  "starts_on": today - dt.timedelta(days=10), "ends_on": today + dt.timedelta(days=25),
                  "contact": "电子邮箱 yanglao@example.gov.cn；通信地址：长沙市示例路1号（邮编410011）",
                  "status": PublishStatus.PUBLISHED, "published_at": timezone.now() - dt.timedelta(days=10)})
    closed, _ = Consultation.objects.update_or_create(
        title="《湖南省城乡居民最低生活保障办法（修订草案）》公开征求意见",
        defaults={"department": departments["430000-04"], "summary": "修订草案调整了低保标准确定机制和家庭经济状况核对办法。",
                  "draft": "<p>第一条 为了规范城乡居民最低生活保障工作……</p><p>第八条 最低生活保障标准由设区的市级人民政府按照当地居民生活必需的费用确定、公布，并根据经济社会发展水平和物价变动情况适时调整。</p>",
                  "explanation": "<p>修订的必要性：现行办法施行已逾十年……</p>",
                  "starts_on": today - dt.timedelta(days=120), "ends_on": today - dt.timedelta(days=80),
                  "feedback": "<p>征求意见期间共收到意见建议4条，采纳2条，部分采纳1条，未采纳1条。主要采纳情况：一是将低保标准调整周期明确为“每年”；二是增加了申请人可通过线上渠道提交材料的规定。未采纳的意见为取消家庭财产核对，因与国务院《社会救助暂行办法》规定不一致，未予采纳。</p>",
                  "feedback_published_at": timezone.now() - dt.timedelta(days=50),
                  "status": PublishStatus.PUBLISHED, "published_at": timezone.now() - dt.timedelta(days=120)})
    comments = [
        (closed, "建议明确低保标准每年调整一次，并向社会公布。", "adopted", "已采纳，修改为“每年调整”。"),
        (closed, "建议允许通过手机提交低保申请材料。", "adopted", "已采纳，增加线上申请渠道。"),
        (closed, "希望对因病致贫家庭单独设定认定标准。", "partly", "部分采纳，增加重病患者刚性支出扣减规定。"),
        (closed, "建议取消家庭财产核对。", "not_adopted", "与国务院《社会救助暂行办法》规定不一致，未采纳。"),
        (open_one, "建议在社区增设老年助餐点，并给予运营补贴。", "", ""),
        (open_one, "希望明确失能老人长期护理的支持措施。", "", ""),
    ]
    for n, (consultation, content, adoption, reason) in enumerate(comments):
        comment, _ = ConsultationComment.objects.update_or_create(
            consultation=consultation, content=content,
            defaults={"status": ConsultationComment.Status.APPROVED, "adoption": adoption, "adoption_reason": reason,
                      "name": "示例市民", "contact": "13900000000"})
        # Comments arrive during the consultation, not on the day the demo is loaded.
        when = timezone.make_aware(dt.datetime.combine(consultation.starts_on + dt.timedelta(days=2 + n), dt.time(10)))
        ConsultationComment.objects.filter(pk=comment.pk).update(submitted_at=when)
    return {"consultations": 2}


LETTER_SEEDS = [
    ("consult", "430000-03", "灵活就业人员如何参加职工养老保险？", "灵活就业人员可持身份证到户籍地或居住地社保经办机构办理参保登记，也可通过“湖南智慧人社”APP线上办理。缴费基数在全省上年度全口径城镇单位就业人员平均工资的60%至300%之间自行选择。", "satisfied"),
    ("consult", "430000-02", "小微企业减税政策适用范围咨询", "对月销售额10万元以下（含本数）的增值税小规模纳税人，免征增值税。具体以税务部门规定为准。", "basic"),
    ("suggest", "430000-04", "建议在老旧小区加装电梯给予补贴", "感谢您的建议。我省已出台既有住宅加装电梯财政补助政策，每台补助标准为10万元至20万元，具体请咨询所在市州住建部门。", "satisfied"),
    ("help", "430000-04", "高龄老人津贴申请求助", "已转交所在街道民政办，工作人员将上门协助办理。经核实，老人符合高龄津贴发放条件，已于本月起发放。", "satisfied"),
    ("complaint", "430000-05", "投诉某工厂夜间噪声扰民", "经执法人员现场检查，该企业夜间生产噪声超标，已依法责令整改并立案查处。", "unsatisfied"),
    ("consult", "430000-12", "随迁子女入学需要哪些材料？", "一般需提供居住证、监护人就业或社保证明、户口簿等材料，具体以就读地教育部门公布的入学政策为准。", "basic"),
    ("consult", "430000-10", "住房公积金异地贷款办理流程", "可在缴存地公积金中心开具缴存证明后，到购房地公积金中心申请贷款。", "satisfied"),
    ("suggest", "430000-02", "建议公开各市州财政专项资金使用情况", "感谢您的建议，我厅将在预决算公开专栏进一步细化专项资金公开内容。", ""),
    ("consult", "430000-03", "退休人员养老金调整何时发放？", "本年度养老金调整已于7月底前发放到位，补发1月至6月的调整金额。", "satisfied"),
    ("help", "430000-03", "被拖欠工资求助", "已由劳动保障监察机构立案调查，督促用人单位支付拖欠工资。", "basic"),
]


def seed_letters(departments, actors) -> dict:
    now = timezone.now()
    for i, (kind, code, subject, reply, rating) in enumerate(LETTER_SEEDS * 2, start=1):
        number = f"XX-2026-9000{i:02d}"
        if Letter.objects.filter(tracking_number=number).exists():
            continue
        submitted = now - dt.timedelta(days=15 * i + 3)
        replied = i > 2  # the two newest are still open
        dept = departments[code]
        due = letter_deadline(kind, timezone.localtime(submitted).date())
        letter = Letter.objects.create(
            tracking_number=number, query_code_hash=hash_query_code(f"80000000{i:02d}"), kind=kind, department=dept,
            subject=subject if i <= len(LETTER_SEEDS) else f"{subject}（再次来信）",
            content=f"您好！{subject}请予以答复。谢谢。", name="示例来信人", phone=f"1390731{i:04d}",
            email="", channel="elder" if i % 4 == 0 else "web", consent_publish=i % 3 != 0,
            due_date=due.date, due_provisional=due.provisional,
            status=Letter.Status.REPLIED if replied else Letter.Status.SUBMITTED,
            accepted_on=timezone.localtime(submitted).date() + dt.timedelta(days=1) if replied else None,
            reply=reply if replied else "", replied_at=submitted + dt.timedelta(days=6) if replied else None,
            reply_department=dept if replied else None, published=replied and i % 3 != 0,
            rating=rating if replied else "", handler=actors.get(code),
        )
        Letter.objects.filter(pk=letter.pk).update(submitted_at=submitted)
    return {"letters": Letter.objects.filter(tracking_number__contains="-9000").count()}


def seed_annual(departments) -> dict:
    texts = {
        "overview": "2025年，本级政府深入贯彻《中华人民共和国政府信息公开条例》，围绕优化营商环境、保障和改善民生等重点领域加大公开力度，"
                    "完善依申请公开办理机制，全面推行答复文书模板化和办理期限工作日自动计算，依申请公开按期答复率达到100%。",
        "problems": "一是部分部门政策解读形式较为单一；二是依申请公开答复说理有待加强。下一步将开展答复文书质量评查，加强业务培训。",
        "other_matters": "本年度政务公开工作纳入绩效考核。开展政务公开主题日活动12场。",
    }
    AnnualReportEntry.objects.update_or_create(
        year=2025, department=None,
        defaults={**texts, "licensing": 12650, "penalties": 3420, "enforcement": 215, "fees_wan": Decimal("5321.5600"),
                  "review_upheld": 3, "review_corrected": 1, "review_other": 1, "review_pending": 0,
                  "suit_upheld": 2, "suit_corrected": 0, "suit_other": 0, "suit_pending": 1,
                  "after_upheld": 1, "after_corrected": 0, "after_other": 0, "after_pending": 0})
    for code, lic, pen in (("430000-02", 860, 45), ("430000-03", 2210, 380), ("430000-04", 640, 12)):
        dept = departments[code]
        AnnualReportEntry.objects.update_or_create(
            year=2025, department=dept,
            defaults={"overview": f"2025年，{dept.name}认真落实政府信息公开各项要求，主动公开政府信息，依法办理依申请公开。",
                      "problems": "政策解读的针对性有待提高。", "other_matters": "无。",
                      "licensing": lic, "penalties": pen, "review_upheld": 1})
    return {"annual_entries": AnnualReportEntry.objects.filter(year=2025).count()}
