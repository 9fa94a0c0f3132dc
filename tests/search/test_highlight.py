from portal.search.highlight import mark, snippet


def test_snippet_marks_chinese_words_and_escapes_the_rest():
    text = "前言。" * 40 + "<b>注意</b>：调整退休人员基本养老金，养老金按月发放。" + "结尾。" * 40
    html = str(snippet(text, ["养老金", "基本养老金", "调整"]))
    assert "<mark>基本养老金</mark>" in html and "<mark>养老金</mark>" in html and "<mark>调整</mark>" in html
    assert "&lt;b&gt;注意&lt;/b&gt;" in html and "<b>" not in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html.replace("<mark>", "").replace("</mark>", "")) < 200


def test_mark_without_words_only_escapes():
    assert str(mark("<i>标题</i>", [])) == "&lt;i&gt;标题&lt;/i&gt;"
    # single symbols are never marked; the text around them is still escaped
    assert str(mark("A&B 政务公开", ["政务公开", "&"])) == "A&amp;B <mark>政务公开</mark>"
