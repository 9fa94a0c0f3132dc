"""Seed the 错敏字 list with errors that recur in government writing (and that inspections count).

Misspellings follow the 通用规范汉字表 (2013), 第一批异形词整理表 and 现代汉语词典 (第7版): e.g. 账 for
money and accounts (账号、账户), 帐 only for 帐篷/蚊帐; 截至 before a date, 截止 at the end of a clause.
Blocking words are placeholders left in drafts and spam/obscene words posted in comments; 公开办
extends the list in admin (敏感词 are kept there, not in the code).
"""
from django.db import migrations

MISSPELLINGS = [
    # (wrong, right, note)
    ("按装", "安装", ""), ("按排", "安排", ""), ("既使", "即使", "表示假设让步用“即使”"),
    ("布署", "部署", ""), ("部暑", "部署", ""), ("帐号", "账号", "与钱财、账目有关用“账”"),
    ("帐户", "账户", "与钱财、账目有关用“账”"), ("帐单", "账单", ""), ("帐目", "账目", ""), ("帐务", "账务", ""),
    ("报帐", "报账", ""), ("对帐", "对账", ""), ("转帐", "转账", ""), ("结帐", "结账", ""), ("记帐", "记账", ""),
    ("国务院办工厅", "国务院办公厅", "机关名称"), ("国务院办功厅", "国务院办公厅", "机关名称"),
    ("国务院办公听", "国务院办公厅", "机关名称"), ("国物院", "国务院", "机关名称"),
    ("办工室", "办公室", ""), ("辨公室", "办公室", ""), ("付主任", "副主任", "职务名称用“副”"),
    ("付市长", "副市长", "职务名称用“副”"), ("付省长", "副省长", "职务名称用“副”"), ("付局长", "副局长", "职务名称用“副”"),
    ("付厅长", "副厅长", "职务名称用“副”"), ("付书记", "副书记", "职务名称用“副”"), ("付县长", "副县长", "职务名称用“副”"),
    ("侯选人", "候选人", ""), ("截止至", "截至", "“截至”已含“到”的意思"), ("签定合同", "签订合同", ""),
    ("再接再励", "再接再厉", ""), ("一如继往", "一如既往", ""), ("按步就班", "按部就班", ""),
    ("迫不急待", "迫不及待", ""), ("走头无路", "走投无路", ""), ("明查暗访", "明察暗访", ""),
    ("以身做则", "以身作则", ""), ("精兵减政", "精兵简政", ""), ("事必恭亲", "事必躬亲", ""),
    ("廉洁奉工", "廉洁奉公", ""), ("鼎立相助", "鼎力相助", ""), ("既往不究", "既往不咎", ""),
    ("一愁莫展", "一筹莫展", ""), ("莫明其妙", "莫名其妙", ""), ("有价证卷", "有价证券", ""),
    ("防碍", "妨碍", ""), ("松驰", "松弛", ""), ("幅射", "辐射", ""), ("峻工", "竣工", ""),
    ("关健", "关键", ""), ("部份", "部分", "第一批异形词整理表推荐“部分”"), ("重迭", "重叠", ""),
    ("气慨", "气概", ""), ("针贬", "针砭", ""), ("渲泄", "宣泄", ""), ("寒喧", "寒暄", ""),
    ("矢志不逾", "矢志不渝", ""), ("坐谈会", "座谈会", ""), ("自立更生", "自力更生", ""),
    ("美仑美奂", "美轮美奂", ""), ("天翻地复", "天翻地覆", ""), ("陷井", "陷阱", ""), ("安祥", "安详", ""),
    ("暴燥", "暴躁", ""), ("九洲", "九州", ""), ("通谍", "通牒", ""), ("甘败下风", "甘拜下风", ""),
    ("出奇不意", "出其不意", ""), ("声名雀起", "声名鹊起", ""), ("默守成规", "墨守成规", ""),
]
# 截止 before a date or a time word should be 截至 (截至2024年底); 截止 ends a clause (报名于5月1日截止).
PATTERNS = [
    (r"截止(?=\s*(?:\d|[一二三四五六七八九十〇零]+年|今年|去年|目前|当前|年底|年末|本月|上月|本季度|发稿))",
     "截至", "后面是日期或时间时用“截至”"),
]
BLOCKING = [
    # (term, kind, note)
    ("此处填写", "banned", "草稿占位文字"), ("XXX局", "banned", "草稿占位文字"), ("×××", "banned", "草稿占位文字"),
    ("待补充", "banned", "草稿占位文字"), ("测试测试", "banned", "测试内容"), ("lorem ipsum", "banned", "测试内容"),
    ("代开发票", "banned", "垃圾广告"), ("办假证", "banned", "垃圾广告"), ("六合彩", "banned", "垃圾广告"),
    ("网络博彩", "banned", "垃圾广告"), ("裸聊", "banned", "低俗"), ("他妈的", "banned", "辱骂"),
    ("傻逼", "banned", "辱骂"), ("草泥马", "banned", "辱骂"),
]


def seed(apps, schema_editor):
    WordingRule = apps.get_model("portal", "WordingRule")
    for wrong, right, note in MISSPELLINGS:
        WordingRule.objects.get_or_create(term=wrong,
                                          defaults={"kind": "misspelling", "suggestion": right, "note": note})
    for pattern, right, note in PATTERNS:
        WordingRule.objects.get_or_create(term=pattern, defaults={"kind": "misspelling", "suggestion": right,
                                                                  "note": note, "is_pattern": True})
    for term, kind, note in BLOCKING:
        WordingRule.objects.get_or_create(term=term, defaults={"kind": kind, "note": note})


def unseed(apps, schema_editor):
    WordingRule = apps.get_model("portal", "WordingRule")
    terms = [t for t, _, _ in MISSPELLINGS] + [p for p, _, _ in PATTERNS] + [t for t, _, _ in BLOCKING]
    WordingRule.objects.filter(term__in=terms).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_textcheck")]
    operations = [migrations.RunPython(seed, unseed)]
