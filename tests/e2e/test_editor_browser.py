"""An official pastes a Word document into the 正文 editor, in a real browser: Word's styles go, the headings,
lists and table stay, the pasted picture is uploaded through the checked path, and the result passes the
sanitiser unchanged in substance."""
import base64
import io

import pytest
from django.test import Client
from PIL import Image

from portal.models import BodyImage, PublishStatus, Role
from portal.text import sanitize_html
from tests.factories import PolicyFactory, official

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def png_data_url() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style>
<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--></head><body>
<h2 style="mso-outline-level:2"><span style="font-family:黑体">第一章 总则</span></h2>
<p class="MsoNormal" style="text-indent:2em;mso-char-indent-count:2"><span style="font-family:仿宋_GB2312;mso-bidi-font-family:宋体">第一条 为规范养老服务补贴发放，制定本办法。</span></p>
<ol><li class="MsoListParagraph" style="mso-list:l0 level1 lfo1">年满80周岁的老年人；</li><li class="MsoListParagraph">经济困难的失能老年人。</li></ol>
<table class="MsoTableGrid" border="1" style="border-collapse:collapse;mso-yfti-tbllook:1184"><tbody>
<tr><td style="width:120pt">补贴对象</td><td>每月标准</td></tr><tr><td>80至89周岁</td><td>50元</td></tr></tbody></table>
<p><img src="%s" width="40" height="30"></p></body></html>"""


def test_word_paste_keeps_structure_drops_styles_and_uploads_the_picture(page, live_server, department):
    editor = official(Role.EDITOR, department)
    editor.refresh_from_db()
    policy = PolicyFactory(department=department, issuer=department, body="<p>原有正文。</p>",
                           status=PublishStatus.DRAFT, published_at=None)
    client = Client()
    client.force_login(editor)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page.goto(f"{live_server.url}/admin/policies/policydocument/{policy.pk}/change/")
    page.wait_for_selector(".rich-text-editor .ql-editor")
    assert "原有正文。" in page.inner_text(".rich-text-editor .ql-editor")
    assert page.get_attribute(".ql-toolbar .ql-image", "aria-label") == "插入图片"  # the toolbar speaks Chinese

    page.click(".rich-text-editor .ql-editor")
    page.evaluate("""(html) => {
        const data = new DataTransfer();
        data.setData('text/html', html);
        data.setData('text/plain', '第一章 总则');
        document.querySelector('.rich-text-editor .ql-editor')
            .dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }""", WORD_HTML % png_data_url())
    page.wait_for_function("() => document.querySelector('.ql-editor img') && "
                           "document.querySelector('.ql-editor img').getAttribute('src').startsWith('/media/')")
    # What the form sends: the editor writes its HTML back into the textarea on submit.
    page.evaluate("document.querySelector('textarea[data-rich-text]').form.dispatchEvent(new Event('submit'))")
    sent = page.input_value("textarea[data-rich-text]")
    assert "mso" not in sent.lower() and "<style" not in sent and "仿宋" not in sent  # Word's formatting is gone
    for kept in ("第一章 总则", "<h2", "<ol>", "<li>年满80周岁的老年人；</li>", "<table", "80至89周岁</td>", "50元</td>"):
        assert kept in sent, (kept, sent)
    picture = BodyImage.objects.get()
    assert picture.uploaded_by == editor and picture.image.name in sent
    clean = sanitize_html(sent)
    assert "<table" in clean and "<ol>" in clean and picture.image.name in clean
