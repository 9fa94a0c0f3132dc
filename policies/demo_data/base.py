"""The shape of one demo document (kept small so the texts read like the documents they imitate)."""
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoDoc:
    key: str                 # external_id, e.g. "demo-001"
    dept: str                # 机构代码 from portal/demo.py
    title: str
    doc_number: str
    written: str             # 成文日期 YYYY-MM-DD
    issued: str              # 发布日期 YYYY-MM-DD
    category: str            # 一级\二级
    doc_type: str            # rule / normative / other
    paragraphs: tuple[str, ...]
    summary: str = ""
    validity: str = "valid"
    replaced_by: str = ""    # key of the document that replaces this one
    for_elders: bool = False
    effective: str = ""
    expiry: str = ""
