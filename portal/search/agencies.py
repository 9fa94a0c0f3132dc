"""What citizens call an agency: 省发改委, 市住建局, 省民政厅, 长沙人社局 for 湖南省发展和改革委员会, 长沙市住房和城乡建设局 ….

Every Department (imported issuers included) gets a group of names that mean it — its full name, its
short name, and the names the standard abbreviation rules make of it with the level prefix (省/市/区/县)
or its place (湖南/长沙) — and the group joins the synonym table (portal.search.synonyms), so a query
naming an agency also matches that agency's documents (their text carries the issuer's full name) on
either engine, with no index change. `aliases()` is a pure function of the name.
"""
from __future__ import annotations

import re

# The long forms of agency names and their standard short forms (国务院 and provincial practice).
ABBREVIATIONS = [
    ("发展和改革委员会", "发改委"), ("人力资源和社会保障", "人社"), ("住房和城乡建设", "住建"), ("医疗保障", "医保"),
    ("市场监督管理", "市场监管"), ("自然资源和规划", "自然资源"), ("卫生健康委员会", "卫健委"),
    ("卫生和计划生育委员会", "卫计委"), ("工业和信息化", "工信"), ("科学技术", "科技"), ("文化和旅游", "文旅"),
    ("交通运输", "交通"), ("农业农村", "农业农村"), ("应急管理", "应急"), ("退役军人事务", "退役军人"),
    ("地方金融监督管理", "金融监管"), ("民族宗教事务委员会", "民宗委"), ("生态环境", "生态环境"),
    ("政务管理服务", "政务服务"), ("住房公积金管理中心", "公积金中心"), ("教育委员会", "教委"),
]
# A place, then the agency: 湖南省 | 长沙市 | 长沙市望城区 | 湘西土家族苗族自治州 ….
_PLACE = re.compile(r"^((?:[\u4e00-\u9fff]{1,8}?(?:自治区|自治州|自治县|省|市|州|盟|地区|区|县|旗))+)(.+)$")
_LEVEL_MARK = {"省": "省", "自治区": "区", "市": "市", "州": "州", "自治州": "州", "地区": "地区", "区": "区", "县": "县",
               "自治县": "县", "旗": "旗", "盟": "盟"}
# Names that are the government itself or its office, not an agency: they have short names of their own.
_NOT_AN_AGENCY = ("人民政府", "人民政府办公厅", "人民政府办公室")


def _split_place(name: str) -> tuple[str, str]:
    match = _PLACE.match(name)
    # "国家税务总局湖南省" is not a place: a place name holds no agency word.
    if not match or re.search(r"[局厅委办院会署部总]", match.group(1)):
        return "", name
    return match.group(1), match.group(2)


def _short_forms(core: str) -> list[str]:
    """The agency part in its usual short forms: 发展和改革委员会 → 发改委, 住房和城乡建设局 → 住建局."""
    forms = []
    for long, short in ABBREVIATIONS:
        if long in core:
            forms.append(core.replace(long, short))
    return [f for f in dict.fromkeys(forms) if f != core and len(f) >= 2]


def _place_names(place: str) -> tuple[str, list[str]]:
    """(the level mark of the last place, the short names of the place: 湖南省 → 湖南, 长沙市望城区 → 望城, 长沙望城)."""
    parts = re.findall(r"[\u4e00-\u9fff]+?(?:自治区|自治州|自治县|省|市|州|盟|地区|区|县|旗)", place)
    if not parts:
        return "", []
    last = parts[-1]
    suffix = next(s for s in sorted(_LEVEL_MARK, key=len, reverse=True) if last.endswith(s))
    bare = last[: -len(suffix)]
    names = [bare] if len(bare) >= 2 else []
    if len(parts) > 1 and bare:
        names.append(parts[-2][:-1] + bare)  # 长沙望城
    return _LEVEL_MARK[suffix], names


def aliases(name: str, short_name: str = "") -> list[str]:
    """The names citizens use for the agency `name` (without the name itself)."""
    name = (name or "").strip()
    place, core = _split_place(name)
    found = [short_name.strip()] if short_name and short_name.strip() != name else []
    if core in _NOT_AN_AGENCY or not place:
        return [f for f in dict.fromkeys(found) if f]
    mark, places = _place_names(place)
    cores = [core] + _short_forms(core)
    for form in cores:
        if form != core:  # the bare short form (发改委) is shared by every level: queries by it find them all
            found.append(form)
        found.append(mark + form)  # 省发改委, 市住建局
        found += [p + form for p in places]  # 湖南发改委, 长沙住建局
    return [f for f in dict.fromkeys(found) if f and f != name and len(f) >= 3 or f in cores[1:]]


def alias_groups(departments) -> list[list[str]]:
    """[[full name, alias, …]] for (name, short_name) pairs; departments without aliases are left out."""
    groups = []
    for name, short_name in departments:
        names = aliases(name, short_name)
        if names:
            groups.append([name, *names])
    return groups
