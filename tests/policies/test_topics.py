"""专题: hand-picked and saved-search contents, the list page, and the booklet PDF."""
import datetime as dt
import io

import pytest
from django.urls import reverse

from policies import selectors
from policies.models import PolicyQA, QACategory, ServiceGuide, SpecialTopic, Validity
from portal.models import PublishStatus
from tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db
PUBLISHED = {"status": PublishStatus.PUBLISHED, "published_at": dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)}


def qa_for(policy, question, category=QACategory.REAL_ESTATE, **extra):
    return PolicyQA.objects.create(question=question, answer=f"{question}的答复。", basis_quote="", category=category,
                                   policy=policy, department=policy.department, **{**PUBLISHED, **extra})


@pytest.fixture
def topic(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        picked = PolicyFactory(title="住房公积金提取管理办法", body="<p>职工购买自住住房的，可以提取住房公积金。</p>")
        searched = PolicyFactory(title="关于调整住房公积金贷款政策的通知", body="<p>住房公积金贷款最高额度为70万元。</p>")
        PolicyFactory(title="住房公积金旧办法", validity=Validity.REPEALED, body="<p>住房公积金旧规定。</p>")
        PolicyFactory(title="住房公积金草稿", status=PublishStatus.DRAFT, body="<p>住房公积金草稿。</p>")
        PolicyFactory(title="关于城乡居民医保缴费的通知", body="<p>医保缴费。</p>")
    qa_for(picked, "公积金提取条件？")
    qa_for(searched, "公积金贷款最高能贷多少？")
    qa_for(picked, "未发布的问答？", status=PublishStatus.DRAFT, published_at=None)
    guide = ServiceGuide.objects.create(name="住房公积金提取（购买自住住房）", department=picked.department, conditions="购房",
                                        time_limit="即时办结", online_url="https://zwfw.example.gov.cn/item/1",
                                        location="服务网点", phone="12329", **PUBLISHED)
    guide.policies.add(picked)
    topic = SpecialTopic.objects.create(title="住房公积金", description="公积金缴存、提取、贷款政策。", search_query="住房公积金",
                                        department=picked.department, **PUBLISHED)
    topic.policies.add(picked)
    return topic


def test_contents_are_hand_picked_first_then_the_saved_search(topic):
    contents = selectors.topic_contents(topic)
    titles = [p.title for p in contents.policies]
    assert titles[0] == "住房公积金提取管理办法"
    assert "关于调整住房公积金贷款政策的通知" in titles
    assert "住房公积金旧办法" not in titles and "住房公积金草稿" not in titles  # not in force / not public
    assert "关于城乡居民医保缴费的通知" not in titles
    assert {q.question for q in contents.qas} == {"公积金提取条件？", "公积金贷款最高能贷多少？"}
    assert [g.name for g in contents.guides] == ["住房公积金提取（购买自住住房）"]


def test_saved_qa_category_adds_loose_questions(topic):
    other = PolicyFactory(title="关于学生资助的通知")
    qa_for(other, "助学贷款每年能贷多少？", category=QACategory.EDUCATION)
    topic.search_qa_category = QACategory.EDUCATION
    topic.save()
    assert "助学贷款每年能贷多少？" in {q.question for q in selectors.topic_contents(topic).qas}


def test_topic_pages(client, topic):
    listing = client.get(reverse("policies:topic_list")).content.decode()
    assert "住房公积金" in listing and reverse("policies:topic_booklet", args=[topic.pk]) in listing
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "关于调整住房公积金贷款政策的通知" in html and "公积金提取条件？" in html and "住房公积金提取（购买自住住房）" in html


def test_unpublished_topic_is_404(client, topic):
    topic.status = PublishStatus.DRAFT
    topic.save()
    assert client.get(topic.get_absolute_url()).status_code == 404
    assert client.get(reverse("policies:topic_booklet", args=[topic.pk])).status_code == 404


def test_booklet_is_a_pdf_with_cover_contents_and_each_policy_with_its_qa(client, topic):
    from pypdf import PdfReader

    response = client.get(reverse("policies:topic_booklet", args=[topic.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == "住房公积金（政策口袋书）"
    outline = [item.title for item in reader.outline]
    assert outline[:2] == ["1. 住房公积金提取管理办法", "2. 关于调整住房公积金贷款政策的通知"]
    text = "".join(page.extract_text() for page in reader.pages)
    compact = "".join(text.split())
    assert "目录" in compact and "住房公积金提取管理办法" in compact
    assert "公积金提取条件？" in compact and "公积金贷款最高能贷多少？" in compact
    assert "未发布的问答" not in compact and "住房公积金草稿" not in compact
    assert len(reader.pages) >= 3  # cover, contents, policies


def test_booklet_follows_changes(client, topic):
    url = reverse("policies:topic_booklet", args=[topic.pk])
    client.get(url)
    policy = topic.policies.get()
    qa_for(policy, "新增的问答？")
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(client.get(url).content)).pages)
    assert "新增的问答？" in "".join(text.split())


def test_booklet_embeds_its_font_and_the_cover_dot_is_a_glyph(client, topic):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(client.get(reverse("policies:topic_booklet", args=[topic.pk])).content))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            fonts[str(font["/BaseFont"])] = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts  # every font's glyphs are in the file (a subset)
    assert not any("STSong" in name for name in fonts)  # no reader-side font (it drew "·" as boxes)
    cover = reader.pages[0].extract_text()
    assert "·" in cover  # the separator is real text in the embedded font


def test_booklet_lines_follow_the_chinese_line_breaking_rules():
    import random

    from reportlab.platypus import Paragraph

    from policies import booklet, typesetting

    style = booklet._styles()["body"]
    pieces = ["根据", "《湖南省政府信息公开办法》", "规定，", "（试行）", "“免申即享”。", "有效性：有效", "。", "政策",
              "；", "！", "……", "、", "<b>加粗</b>"]
    rng = random.Random(7)
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(40))
        paragraph = Paragraph(text, style)
        paragraph.wrap(rng.choice([150, 200, 250, 333]), 2000)
        lines = paragraph.blPara.lines
        texts = (["".join(words) for _, words in lines] if paragraph.blPara.kind == 0
                 else ["".join(getattr(w, "text", "") for w in line.words) for line in lines])
        assert "".join(texts) == text.replace("<b>", "").replace("</b>", "")  # nothing lost or doubled
        assert typesetting.first_fault(texts) is None, texts


@pytest.mark.parametrize("lines, fault", [
    (["政策文件", "，规定"], (1, "start")), (["根据《", "办法》"], (0, "end")), (["根据", "《办法》，"], None),
    (["》"], None),
])
def test_first_fault_names_the_broken_rule(lines, fault):
    from policies import typesetting

    assert typesetting.first_fault(lines) == fault
