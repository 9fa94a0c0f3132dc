"""The State Council policy library's 主题分类: 22 一级 categories, each with its 二级 list."""
import json
from functools import cache
from pathlib import Path

_DATA = Path(__file__).parent / "data" / "topic_categories.json"


@cache
def categories() -> dict[str, list[str]]:
    return json.loads(_DATA.read_text(encoding="utf-8"))["categories"]


TOPIC_CHOICES = [(name, name) for name in categories()]


def split_category(value: str) -> tuple[str, str]:
    """'一级\\二级' (or '一级/二级', or '一级' alone) → (一级, 二级); unknown names give ('', '')."""
    value = (value or "").strip().replace("/", "\\").replace("＼", "\\")
    primary, _, secondary = value.partition("\\")
    primary, secondary = primary.strip(), secondary.strip()
    if primary not in categories():
        return "", ""
    if secondary and secondary not in categories()[primary]:
        secondary = ""
    return primary, secondary
