"""import_policies on a folder of .txt / .html / .docx files (header and signature read from the text)."""
import json
from io import StringIO

import docx
import pytest
from django.core.management import call_command

from policies.models import PolicyDocument

pytestmark = pytest.mark.django_db

WANGCHENG_TXT = """长沙市望城区政务公开政务服务工作领导小组办公室

望政务公开办函[2023]4号

关于印发《望城区2023年“政务公开主题日”活动实施方案》的通知

各街道办事处、镇人民政府，区直各单位：

根据《湖南省政务公开政务服务领导小组办公室关于印发〈湖南省“政务公开主题日”活动实施方案〉的通知》（湘政务公开办发〔2023〕1号）的部署要求，我区制定了实施方案，现印发给你们，请结合实际认真贯彻落实。

长沙市望城区政务公开政务服务工作领导小组办公室

2023年3月23日
"""

NOTICE_HTML = """<!doctype html><html><head><title>网站标题 - 湖南省人民政府</title>
<script>track()</script><style>p{color:red}</style></head><body>
<nav>首页 | 政务公开</nav>
<article><h1>关于进一步便利群众办理居民身份证的通知</h1>
<p>湘公通〔2024〕12号</p>
<p onclick="x()">各市州公安局：</p>
<p>全面推行居民身份证异地受理、挂失申报和丢失招领服务。</p>
<p>湖南省公安厅</p><p>2024年5月6日</p></article>
<footer>版权所有</footer></body></html>"""


def make_docx(path):
    document = docx.Document()
    document.add_paragraph("湖南省民政厅")
    document.add_heading("关于提高城乡最低生活保障标准的通知", level=1)
    document.add_paragraph("湘民发〔2025〕9号")
    document.add_paragraph("各市州民政局：")
    document.add_paragraph("经省人民政府同意，自2025年1月1日起提高全省城乡最低生活保障指导标准。")
    document.add_paragraph("湖南省民政厅")
    document.add_paragraph("2025年3月18日")
    document.save(path)


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_policies", str(path), "--no-progress", "--no-index", "--json", *args, stdout=out, stderr=err)
    return json.loads(out.getvalue().strip().splitlines()[-1]), out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "files"
    (root / "望城").mkdir(parents=True)
    (root / "望城" / "主题日.txt").write_text(WANGCHENG_TXT, encoding="gb18030")
    (root / "身份证.html").write_text(NOTICE_HTML, encoding="utf-8")
    make_docx(root / "低保.docx")
    (root / "说明.md").write_text("not imported", encoding="utf-8")
    return root


def test_folder_of_files_is_imported(folder):
    counts, _, stderr = run(folder)
    assert counts["created"] == 3, stderr
    txt = PolicyDocument.objects.get(external_id="file:望城/主题日.txt")
    assert txt.title == "关于印发《望城区2023年“政务公开主题日”活动实施方案》的通知"
    assert txt.doc_number == "望政务公开办函[2023]4号" and txt.doc_number_key == "望政务公开办函|2023|4"
    assert txt.issuer.name == "长沙市望城区政务公开政务服务工作领导小组办公室"
    assert str(txt.written_date) == "2023-03-23"
    assert txt.body.startswith("<p>各街道办事处、镇人民政府，区直各单位：</p>")
    assert txt.topic == "综合政务" and txt.subtopic == "政务公开"

    page = PolicyDocument.objects.get(external_id="file:身份证.html")
    assert page.title == "关于进一步便利群众办理居民身份证的通知"
    assert page.doc_number == "湘公通〔2024〕12号" and page.issuer.name == "湖南省公安厅"
    assert "track()" not in page.body and "版权所有" not in page.body and "首页" not in page.body
    assert str(page.written_date) == "2024-05-06"

    word = PolicyDocument.objects.get(external_id="file:低保.docx")
    assert word.title == "关于提高城乡最低生活保障标准的通知"
    assert word.doc_number == "湘民发〔2025〕9号" and word.issuer.name == "湖南省民政厅"
    assert "提高全省城乡最低生活保障指导标准" in word.body_text


def test_reimporting_a_folder_changes_nothing(folder):
    run(folder)
    counts, _, _ = run(folder)
    assert (counts["created"], counts["updated"], counts["unchanged"]) == (0, 0, 3)


def test_single_file_and_command_line_defaults(tmp_path):
    path = tmp_path / "简报.txt"
    path.write_text("关于做好政务公开工作的通知\n各单位要主动公开政府信息。\n", encoding="utf-8")
    counts, _, stderr = run(path)
    assert counts["error"] == 1 and "未能从文件中识别发文机关，请用 --issuer 指定" in stderr
    counts, _, _ = run(path, "--issuer", "湖南省人民政府办公厅", "--date", "2024-01-02", "--doc-type", "其他文件")
    doc = PolicyDocument.objects.get()
    assert doc.title == "关于做好政务公开工作的通知" and str(doc.written_date) == "2024-01-02"
    assert doc.external_id == "file:简报.txt"


def test_broken_files_are_reported_and_others_kept(tmp_path):
    (tmp_path / "坏.docx").write_bytes(b"not a zip")
    (tmp_path / "空.txt").write_text("   \n\n", encoding="utf-8")
    (tmp_path / "好.txt").write_text(WANGCHENG_TXT, encoding="utf-8")
    counts, _, stderr = run(tmp_path)
    assert counts["created"] == 1 and counts["error"] == 2
    assert "文件 坏.docx：错误：无法打开 Word 文件" in stderr
    assert "文件 空.txt：错误：文件没有文字内容" in stderr


def test_folder_without_supported_files(tmp_path):
    from django.core.management.base import CommandError

    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(CommandError, match="没有 .docx、.html 或 .txt 文件"):
        run(tmp_path)


def make_red_header_docx(path, *, signer=False):
    """A 下行文 as the 数据局 prints it (GB/T 9704): red 版头 "…文件" in the Title style, 发文字号, red rule."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    banner = document.add_paragraph(style="Title")
    run = banner.add_run("湖南省数据局文件")
    run.font.color.rgb, run.font.size = RGBColor(0xFF, 0, 0), Pt(48)
    banner.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("湘数据发〔2026〕3号" + ("　　　　签发人：王强" if signer else ""))
    rule = document.add_paragraph()  # the red rule: an empty paragraph with a red bottom border
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:color", "FF0000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    rule._p.get_or_add_pPr().append(borders)
    document.add_paragraph("━━━━━━━━━━━━━━━━━━━━━━")
    document.add_paragraph("关于印发《湖南省公共数据资源授权运营管理办法（试行）》的通知")
    document.add_paragraph("各市州数据局，省直有关单位：")
    document.add_paragraph("现将《湖南省公共数据资源授权运营管理办法（试行）》印发给你们，请认真贯彻执行。")
    document.add_paragraph("湖南省数据局")
    document.add_paragraph("2026年3月2日")
    document.save(path)


@pytest.mark.parametrize("signer", [False, True])
def test_red_header_is_kept_out_of_the_title(tmp_path, signer):
    make_red_header_docx(tmp_path / "授权运营.docx", signer=signer)
    counts, _, stderr = run(tmp_path / "授权运营.docx")
    assert counts["created"] == 1, stderr
    doc = PolicyDocument.objects.get()
    assert doc.title == "关于印发《湖南省公共数据资源授权运营管理办法（试行）》的通知"
    assert doc.doc_number == "湘数据发〔2026〕3号" and doc.doc_number_key == "湘数据发|2026|3"
    assert doc.issuer.name == "湖南省数据局"
    assert doc.body.startswith("<p>各市州数据局，省直有关单位：</p>")
    assert "文件" not in doc.title and "━" not in doc.body and "签发人" not in doc.body_text
