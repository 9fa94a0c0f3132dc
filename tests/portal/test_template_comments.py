"""Django's {# … #} comment ends on its own line: one spread over two lines is printed on the page."""
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_no_template_comment_spans_lines():
    broken = [f"{path.relative_to(TEMPLATES)}:{number}" for path in TEMPLATES.rglob("*.html")
              for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
              if line.count("{#") > line.count("#}")]
    assert broken == [], "use {% comment %} for these: " + ", ".join(broken)
