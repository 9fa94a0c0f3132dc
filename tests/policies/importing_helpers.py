"""Lines in the import contract's format for the import tests."""
import json

BODY = (
    "各市州人力资源和社会保障局：\n\n根据国家统一部署，经省人民政府同意，自2024年1月1日起调整退休人员基本养老金，"
    "全省总体调整水平为2023年退休人员月人均基本养老金的3%。\n\n调整采取定额调整、挂钩调整与适当倾斜相结合的办法，"
    "定额调整每人每月增加32元，挂钩调整按本人缴费年限每满1年增加1.1元。\n\n各地要确保调整增加的基本养老金于8月底前按时足额发放到位。"
)
OTHER_BODY = (
    "各区县（市）住房保障部门：\n\n为规范公共租赁住房分配管理，现就有关事项通知如下。申请人应当向工作所在地街道办事处提出申请，"
    "经审核、公示后轮候配租。\n\n公共租赁住房租金原则上按同地段市场租金的70%确定，对低保、特困家庭可减免租金。"
)


def record(**overrides) -> dict:
    data = {
        "title": "关于2024年调整退休人员基本养老金的通知",
        "doc_number": "湘人社规〔2024〕4号",
        "issuer": "湖南省人力资源和社会保障厅",
        "issued_date": "2024-07-10",
        "published_date": "2024-07-15",
        "category": "劳动、人事、监察\\社会保障",
        "doc_type": "行政规范性文件",
        "validity": "有效",
        "body": BODY,
        "external_id": "hn-2024-001",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def write_jsonl(path, rows) -> str:
    lines = [row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)
