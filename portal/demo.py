"""Demo departments and officials (one per role), from the Hunan / Changsha / Chengdu seeds.

Idempotent: keyed by natural keys, so `seed_demo` can run any number of times.
"""
from portal.models import Department, Role, User
from portal.roles import assign_role, sync_role_groups

DEMO_PASSWORD = "demo-portal-2026"

# (code, name, short name, level, parent code, functions)
DEPARTMENTS = [
    ("430000-00", "湖南省人民政府", "省政府", "province", None, "执行省人民代表大会及其常务委员会的决议，领导全省行政工作。"),
    ("430000-01", "湖南省人民政府办公厅", "省政府办公厅", "province", "430000-00", "协助省政府领导同志处理省政府日常工作，负责全省政务公开工作的组织协调。"),
    ("430000-02", "湖南省财政厅", "省财政厅", "province", "430000-00", "负责全省财政收支、财税政策和预算管理。"),
    ("430000-03", "湖南省人力资源和社会保障厅", "省人社厅", "province", "430000-00", "负责全省就业、社会保险、人才和劳动关系工作。"),
    ("430000-04", "湖南省民政厅", "省民政厅", "province", "430000-00", "负责社会救助、养老服务、社会福利和社会事务管理。"),
    ("430000-05", "湖南省生态环境厅", "省生态环境厅", "province", "430000-00", "负责全省生态环境监测、执法和污染防治。"),
    ("430000-06", "湖南省自然资源厅", "省自然资源厅", "province", "430000-00", "负责国土空间规划、土地管理和不动产登记。"),
    ("430000-07", "国家税务总局湖南省税务局", "省税务局", "province", "430000-00", "负责全省税收征管和纳税服务。"),
    ("430000-08", "湖南省司法厅", "省司法厅", "province", "430000-00", "负责全面依法治省、公共法律服务和行政复议。"),
    ("430000-09", "湖南省卫生健康委员会", "省卫生健康委", "province", "430000-00", "负责全省卫生健康和医疗服务管理。"),
    ("430000-10", "湖南省住房和城乡建设厅", "省住建厅", "province", "430000-00", "负责住房保障、住房公积金监管和城乡建设。"),
    ("430000-11", "湖南省医疗保障局", "省医保局", "province", "430000-00", "负责医疗保险、生育保险和医疗救助。"),
    ("430000-12", "湖南省教育厅", "省教育厅", "province", "430000-00", "负责全省教育事业发展和学生资助。"),
    ("430000-13", "湖南省应急管理厅", "省应急厅", "province", "430000-00", "负责应急管理和安全生产综合监管。"),
    ("430000-14", "湖南省统计局", "省统计局", "province", "430000-00", "负责全省统计调查和统计数据发布。"),
    ("430000-15", "湖南省地方金融监督管理局", "省地方金融监管局", "province", "430000-00", "负责地方金融监管和企业上市服务。"),
    ("430100-00", "长沙市人民政府", "长沙市政府", "city", "430000-00", "领导长沙市行政工作。"),
    ("430100-01", "长沙市人民政府办公厅", "长沙市政府办公厅", "city", "430100-00", "负责长沙市政务公开和政策咨询服务。"),
    ("430100-02", "长沙市人力资源和社会保障局", "长沙市人社局", "city", "430100-00", "负责长沙市就业和社会保障工作。"),
    ("430112-00", "长沙市望城区人民政府", "望城区政府", "county", "430100-00", "领导望城区行政工作。"),
    ("430112-01", "长沙市望城区人民政府办公室", "望城区政府办", "county", "430112-00", "负责望城区政务公开政务服务工作。"),
    ("430100-03", "长沙市民政局", "长沙市民政局", "city", "430100-00", "负责长沙市养老服务、社会救助和社会事务管理。"),
]


def seed() -> dict:
    by_code: dict[str, Department] = {}
    for order, (code, name, short, level, parent, functions) in enumerate(DEPARTMENTS):
        dept, _ = Department.objects.update_or_create(
            code=code,
            defaults={
                "name": name, "short_name": short, "level": level, "parent": by_code.get(parent),
                "functions": functions, "sort_order": order, "office_hours": "工作日 9:00-12:00，13:30-17:30",
                "address": f"{name}政务服务大厅", "phone": f"0731-8{order:03d}{order:04d}"[:13],
            },
        )
        by_code[code] = dept
    sync_role_groups()
    admin, created = User.objects.get_or_create(username="admin", defaults={"is_superuser": True, "is_staff": True})
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.last_name = "管理员"
        admin.save()
    assign_role(admin, Role.ADMIN)
    officials = [
        ("office", Role.OFFICE, "430000-01", "公开办"),
        ("editor_finance", Role.EDITOR, "430000-02", "财政厅信息员"),
        ("reviewer_finance", Role.REVIEWER, "430000-02", "财政厅审核员"),
        ("editor_hrss", Role.EDITOR, "430000-03", "人社厅信息员"),
        ("reviewer_hrss", Role.REVIEWER, "430000-03", "人社厅审核员"),
        ("reviewer_civil", Role.REVIEWER, "430000-04", "民政厅审核员"),
    ]
    for username, role, code, label in officials:
        user, created = User.objects.get_or_create(username=username, defaults={"department": by_code[code], "last_name": label})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        assign_role(user, role)
    from portal.demo_articles import seed as seed_articles

    return {"departments": len(by_code), "officials": len(officials) + 1, **seed_articles()}
