"""manage.py import_policies FILE.jsonl — the DESIGN.md import contract."""
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from haystack.query import SearchQuerySet

from policies.models import DocType, PolicyDocument, Validity
from portal.models import ChangeLog, Department, PublishStatus
from tests.factories import DepartmentFactory
from tests.policies.importing_helpers import BODY, OTHER_BODY, record, write_jsonl

pytestmark = pytest.mark.django_db


@pytest.fixture
def hrss(db):
    return DepartmentFactory(name="湖南省人力资源和社会保障厅", code="430000-03")


def run_import(path, *args, index=False):
    out, err = StringIO(), StringIO()
    # Indexing is tested once below; the rest skip it to keep the suite fast.
    extra = () if index else ("--no-index",)
    call_command("import_policies", str(path), "--no-progress", "--json", *extra, *args, stdout=out, stderr=err)
    stdout = out.getvalue()
    counts = json.loads(stdout.strip().splitlines()[-1])
    return counts, stdout, err.getvalue()


def test_good_line_lands_for_review_with_every_field(tmp_path, hrss, client):
    path = write_jsonl(tmp_path / "a.jsonl", [record(source_url="https://rst.hunan.gov.cn/a.html", summary="上调3%")])
    counts, stdout, _ = run_import(path)
    assert counts["created"] == 1 and counts["error"] == 0
    assert "新建 1 件" in stdout and "待审核" in stdout
    doc = PolicyDocument.objects.get(external_id="hn-2024-001")
    assert doc.issuer == hrss and doc.department == hrss
    assert doc.status == PublishStatus.PENDING
    assert client.get(doc.get_absolute_url()).status_code == 404
    assert str(doc.written_date) == "2024-07-10" and str(doc.issued_date) == "2024-07-15"
    assert doc.published_at.astimezone().date().isoformat() == "2024-07-15"
    assert (doc.topic, doc.subtopic) == ("劳动、人事、监察", "社会保障")
    assert doc.doc_type == DocType.NORMATIVE and doc.validity == Validity.VALID
    assert doc.doc_number_key == "湘人社规|2024|4"
    assert doc.index_number == "430000-03/2024-00001"
    assert doc.body.startswith("<p>各市州人力资源和社会保障局：</p><p>根据国家统一部署")
    assert "基本养老金" in doc.keyword_list
    assert doc.summary == "上调3%" and doc.source_url == "https://rst.hunan.gov.cn/a.html"
    assert ChangeLog.objects.filter(object_id=str(doc.pk), action="导入").count() == 1


def test_publish_is_explicit_and_logged_with_who_and_when(tmp_path, hrss, client, monkeypatch):
    from tests.factories import UserFactory

    officer = UserFactory(username="zhangwei", first_name="伟", last_name="张")
    counts, stdout, _ = run_import(write_jsonl(tmp_path / "a.jsonl", [record()]), "--publish", "--by", "zhangwei")
    doc = PolicyDocument.objects.get()
    assert counts["created"] == 1 and doc.status == PublishStatus.PUBLISHED and doc.reviewer == officer
    assert client.get(doc.get_absolute_url()).status_code == 200
    entry = ChangeLog.objects.get(object_id=str(doc.pk))
    assert entry.action == "导入并发布" and entry.actor == officer
    assert "未经审核直接发布" in entry.note and timezone.localtime().strftime("%Y-%m-%d") in entry.note
    # Without --by the OS account that ran the command answers for it.
    monkeypatch.setattr("getpass.getuser", lambda: "deploy")
    run_import(write_jsonl(tmp_path / "b.jsonl", [record(external_id="hn-2024-002", body=OTHER_BODY)]), "--publish")
    other = PolicyDocument.objects.get(external_id="hn-2024-002")
    assert other.is_public and "系统用户 deploy" in ChangeLog.objects.get(object_id=str(other.pk)).note
    with pytest.raises(CommandError, match="没有启用的后台用户"):
        run_import(write_jsonl(tmp_path / "c.jsonl", [record(external_id="x")]), "--publish", "--by", "nobody")


def test_publish_stops_at_personal_data_like_the_admin(tmp_path, hrss):
    rows = [record(), record(external_id="hn-2024-002", body=OTHER_BODY + "<p>联系人王某，手机13912345678。</p>")]
    counts, stdout, _ = run_import(write_jsonl(tmp_path / "a.jsonl", rows), "--publish")
    clean, personal = PolicyDocument.objects.order_by("pk")
    assert counts["created"] == 2 and clean.is_public
    assert personal.status == PublishStatus.PENDING and not personal.is_public  # waits for an official to mask it
    assert "未发布，转为待审核" in stdout and "139****5678" in stdout and "13912345678" not in stdout


def test_imported_documents_are_searchable(tmp_path, hrss):
    run_import(write_jsonl(tmp_path / "a.jsonl", [record()]), "--publish", index=True)
    hits = [int(r.pk) for r in SearchQuerySet().models(PolicyDocument).filter(content="基本养老金")]
    assert hits == [PolicyDocument.objects.get().pk]


def test_bad_lines_are_reported_by_number_and_good_ones_kept(tmp_path, hrss):
    rows = [
        record(external_id="ok-1"),
        "{这不是 JSON",
        record(external_id="bad-date", issued_date="2024-02-30", body=OTHER_BODY),
        record(external_id="no-title", title="", body=OTHER_BODY + "甲"),
        record(external_id="bad-type", doc_type="公文", body=OTHER_BODY + "乙"),
        record(external_id="bad-validity", validity="暂停", body=OTHER_BODY + "丙"),
        "[1, 2]",
        record(external_id="ok-2", title="关于公共租赁住房分配管理的通知", body=OTHER_BODY),
    ]
    counts, _, stderr = run_import(write_jsonl(tmp_path / "mixed.jsonl", rows))
    assert counts["created"] == 2 and counts["error"] == 6
    assert set(PolicyDocument.objects.values_list("external_id", flat=True)) == {"ok-1", "ok-2"}
    assert "第 2 行：错误：不是有效的 JSON" in stderr
    assert "第 3 行：错误：成文日期（issued_date）“2024-02-30”不是有效日期" in stderr
    assert "第 4 行：错误：缺少必填字段 title（标题）" in stderr
    assert "第 5 行：错误：文种（doc_type）“公文”无法识别" in stderr
    assert "第 6 行：错误：有效性（validity）“暂停”无法识别" in stderr
    assert "第 7 行：错误：每行应为一个 JSON 对象" in stderr


def test_blank_lines_and_bad_encoding(tmp_path, hrss):
    path = tmp_path / "enc.jsonl"
    good = json.dumps(record(), ensure_ascii=False).encode("utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\n\n" + "{\"title\": \"坏\"}".encode("gbk") + b"\n")
    counts, _, stderr = run_import(path)
    assert counts["created"] == 1 and counts["error"] == 1
    assert "第 3 行：错误：含有非 UTF-8 编码的字符" in stderr


@pytest.mark.parametrize("doc_type, validity, expected", [
    ("规章", "失效", (DocType.RULE, Validity.EXPIRED)),
    ("other", "repealed", (DocType.OTHER, Validity.REPEALED)),
    ("行政规范性文件", "已修订", (DocType.NORMATIVE, Validity.AMENDED)),
    ("", "", (DocType.OTHER, Validity.VALID)),
])
def test_doc_type_and_validity_labels_or_values(tmp_path, hrss, doc_type, validity, expected):
    run_import(write_jsonl(tmp_path / "a.jsonl", [record(doc_type=doc_type, validity=validity)]))
    doc = PolicyDocument.objects.get()
    assert (doc.doc_type, doc.validity) == expected


def test_exact_duplicates_are_dropped(tmp_path, hrss):
    rows = [
        record(),
        record(external_id="hn-2024-001"),                 # same external_id again
        record(external_id="copy-elsewhere"),             # same content under another id
        record(external_id=None, doc_number=""),          # same content, no id at all
    ]
    counts, stdout, _ = run_import(write_jsonl(tmp_path / "dup.jsonl", rows))
    assert counts == {**counts, "created": 1, "duplicate": 3, "error": 0}
    assert PolicyDocument.objects.count() == 1
    assert "第 2 行：提示：与第 1 行外部编号相同，已跳过" in stdout
    assert "第 3 行：提示：与第 1 行内容完全相同，已跳过" in stdout


def test_duplicate_of_a_document_already_in_the_library(tmp_path, hrss):
    run_import(write_jsonl(tmp_path / "a.jsonl", [record()]))
    counts, stdout, _ = run_import(write_jsonl(tmp_path / "b.jsonl", [record(external_id="other-source")]))
    assert counts["duplicate"] == 1 and counts["created"] == 0
    assert "内容完全相同，已跳过" in stdout


def test_near_duplicate_is_imported_and_flagged(tmp_path, hrss):
    near = BODY.replace("8月底前", "9月底前")
    rows = [record(), record(external_id="reprint", title="转发：关于2024年调整退休人员基本养老金的通知", body=near),
            record(external_id="different", title="关于公共租赁住房分配管理的通知", body=OTHER_BODY)]
    counts, stdout, _ = run_import(write_jsonl(tmp_path / "near.jsonl", rows))
    assert counts["created"] == 3 and counts["similar"] == 1
    original = PolicyDocument.objects.get(external_id="hn-2024-001")
    assert PolicyDocument.objects.get(external_id="reprint").similar_to == original
    assert PolicyDocument.objects.get(external_id="different").similar_to is None
    assert "第 2 行：提示：与《关于2024年调整退休人员基本养老金的通知》" in stdout


def test_near_duplicate_of_a_document_already_in_the_library(tmp_path, hrss):
    run_import(write_jsonl(tmp_path / "a.jsonl", [record()]))
    counts, _, _ = run_import(write_jsonl(tmp_path / "b.jsonl", [record(external_id="later", body=BODY + "\n\n特此通知。")]))
    assert counts["created"] == 1 and counts["similar"] == 1
    assert PolicyDocument.objects.get(external_id="later").similar_to.external_id == "hn-2024-001"


def test_reimporting_the_same_file_changes_nothing(tmp_path, hrss):
    near = BODY.replace("8月底前", "9月底前")
    rows = [record(), record(external_id="reprint", body=near), record(external_id=None, title="无编号文件", body=OTHER_BODY),
            record(external_id="new-issuer", issuer="长沙市住房公积金管理中心", body=OTHER_BODY + "（长沙）", category="")]
    path = write_jsonl(tmp_path / "a.jsonl", rows)
    first, _, _ = run_import(path)
    assert first["created"] == 4
    snapshot = list(PolicyDocument.objects.order_by("pk").values())
    history = ChangeLog.objects.count()
    departments = Department.objects.count()
    second, stdout, _ = run_import(path)
    assert second["created"] == 0 and second["updated"] == 0 and second["unchanged"] == 4
    assert "更新 0 件" in stdout
    assert list(PolicyDocument.objects.order_by("pk").values()) == snapshot
    assert ChangeLog.objects.count() == history and Department.objects.count() == departments


def test_changed_line_updates_the_document_with_history(tmp_path, hrss):
    run_import(write_jsonl(tmp_path / "a.jsonl", [record()]))
    counts, _, _ = run_import(write_jsonl(tmp_path / "b.jsonl", [record(validity="失效", title="关于2024年调整退休人员基本养老金的通知（已更正）")]))
    assert counts["updated"] == 1 and counts["created"] == 0
    doc = PolicyDocument.objects.get()
    assert doc.validity == Validity.EXPIRED and doc.title.endswith("（已更正）")
    entry = ChangeLog.objects.get(object_id=str(doc.pk), action="导入更新")
    assert entry.changes["validity"] == ["valid", "expired"]


def test_unknown_issuer_becomes_a_department_under_its_government(tmp_path, db):
    changsha = DepartmentFactory(name="长沙市人民政府", code="430100-00", level="city")
    DepartmentFactory(name="长沙市人民政府办公厅", code="430100-01", parent=changsha, level="city")
    rows = [record(issuer="长沙市住房公积金管理中心"), record(external_id="x2", issuer="某某行业协会", body=OTHER_BODY)]
    counts, stdout, _ = run_import(write_jsonl(tmp_path / "a.jsonl", rows))
    assert counts["created"] == 2
    fund = Department.objects.get(name="长沙市住房公积金管理中心")
    assert fund.parent == changsha and fund.code == "430100-02" and fund.level == "city"
    other = Department.objects.get(name="某某行业协会")
    assert other.code.startswith("EXT-") and other.parent is None
    assert "新建发文机关：长沙市住房公积金管理中心" in stdout
    assert PolicyDocument.objects.get(external_id="hn-2024-001").index_number == "430100-02/2024-00001"


def test_missing_category_is_classified_by_keywords(tmp_path, hrss):
    rows = [record(category=""), record(external_id="h", category="不存在的分类", title="关于公共租赁住房分配管理的通知", body=OTHER_BODY)]
    counts, stdout, _ = run_import(write_jsonl(tmp_path / "a.jsonl", rows))
    assert counts["created"] == 2
    assert PolicyDocument.objects.get(external_id="hn-2024-001").topic == "劳动、人事、监察"
    housing = PolicyDocument.objects.get(external_id="h")
    assert (housing.topic, housing.subtopic) == ("城乡建设、环境保护", "城乡建设（含住房）")
    assert "主题分类“不存在的分类”不在国务院主题分类中，已按内容自动归类" in stdout


def test_html_body_is_sanitised_and_junk_whitespace_removed(tmp_path, hrss):
    body = ("<p onclick=\"steal()\">\u3000\u3000各市州：</p><script>alert(1)</script><p>\u200b</p>"
            "<p>现将有关事项通知如下。</p><iframe src=\"http://x\"></iframe>")
    run_import(write_jsonl(tmp_path / "a.jsonl", [record(body=body, title="  关于\u3000做好 工作的\n通知 ")]))
    doc = PolicyDocument.objects.get()
    assert doc.title == "关于做好工作的通知"
    assert "<script" not in doc.body and "onclick" not in doc.body and "iframe" not in doc.body
    assert "\u200b" not in doc.body and "<p></p>" not in doc.body
    assert "现将有关事项通知如下。" in doc.body


def test_given_index_number_is_kept_and_a_clash_is_an_error(tmp_path, hrss):
    rows = [record(index_number="430000-03/2024-00099"),
            record(external_id="clash", index_number="430000-03/2024-00099", body=OTHER_BODY)]
    counts, _, stderr = run_import(write_jsonl(tmp_path / "a.jsonl", rows))
    assert counts["created"] == 1 and counts["error"] == 1
    assert PolicyDocument.objects.get().index_number == "430000-03/2024-00099"
    assert "第 2 行：错误：索引号已被其他文件使用" in stderr


def test_auto_index_numbers_continue_per_issuer_and_year(tmp_path, hrss):
    rows = [record(external_id=f"n{i}", body=f"{OTHER_BODY}第{i}件。", issued_date=f"{2023 + i % 2}-03-01",
                   published_date=f"{2023 + i % 2}-03-02") for i in range(4)]
    run_import(write_jsonl(tmp_path / "a.jsonl", rows), "--batch-size", "2")
    numbers = sorted(PolicyDocument.objects.values_list("index_number", flat=True))
    assert numbers == ["430000-03/2023-00001", "430000-03/2023-00002", "430000-03/2024-00001", "430000-03/2024-00002"]


def test_missing_file_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到文件或文件夹"):
        call_command("import_policies", str(tmp_path / "nope.jsonl"), "--no-progress")


def test_side_effect_receivers_are_back_after_an_import(tmp_path, hrss):
    from django.db.models.signals import post_save

    def receivers():
        sync, async_ = post_save._live_receivers(PolicyDocument)
        return len(sync) + len(async_)

    before = receivers()
    run_import(write_jsonl(tmp_path / "a.jsonl", [record()]), index=False)
    assert receivers() == before
    # ...and a document saved after the import is indexed again per row, as usual.
    from django.db import transaction

    doc = PolicyDocument.objects.get()
    with transaction.atomic():
        doc.title = "关于2024年调整退休人员基本养老金的通知（重发）"
        doc.save()


def _has_planner_statistics() -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = %s", [PolicyDocument._meta.db_table])
        return cursor.fetchone()[0] > 0


def test_a_large_import_refreshes_postgresql_statistics(tmp_path, hrss, monkeypatch):
    """Without statistics PostgreSQL fetched a page of search results by scanning the whole
    library's index (bench/RESULTS.md); a large import must not leave the table unanalysed."""
    from policies.importing.runner import PolicyImporter
    from tests.services import need_postgres

    need_postgres()
    monkeypatch.setattr(PolicyImporter, "analyze_after", 2)  # "large", scaled down for the test
    assert not _has_planner_statistics()
    run_import(write_jsonl(tmp_path / "one.jsonl", [record()]))
    assert not _has_planner_statistics()  # below the threshold: autovacuum's job
    run_import(write_jsonl(tmp_path / "two.jsonl", [record(external_id=f"hn-{n}", doc_number=f"湘人社规〔2024〕{n}号",
                                                           body=f"{BODY}第{n}批。") for n in (7, 8)]))
    assert _has_planner_statistics()


def test_a_red_header_run_into_the_title_is_taken_out(tmp_path, hrss):
    rows = [record(title="湖南省人力资源和社会保障厅文件 湘人社规〔2024〕4号 关于2024年调整退休人员基本养老金的通知",
                   doc_number=None),
            record(title="湖南省人力资源和社会保障厅文件关于做好失业保险稳岗返还工作的通知", doc_number="湘人社函〔2024〕9号",
                   external_id="hn-2024-002", body=OTHER_BODY)]
    counts, _, _ = run_import(write_jsonl(tmp_path / "a.jsonl", rows))
    assert counts["created"] == 2
    first = PolicyDocument.objects.get(external_id="hn-2024-001")
    assert first.title == "关于2024年调整退休人员基本养老金的通知" and first.doc_number == "湘人社规〔2024〕4号"
    second = PolicyDocument.objects.get(external_id="hn-2024-002")
    assert second.title == "关于做好失业保险稳岗返还工作的通知" and second.doc_number == "湘人社函〔2024〕9号"
