"""The policy library's search controls (关键词, 检索范围, 成文日期, 二级主题, 排序), as 国务院政策文件库
offers them: one form drawn by the library page (/policies/) and the search page's policy tab."""
from __future__ import annotations

from policies.topics import categories
from portal.search.understand import SEARCH_FIELDS

# Parameters the form itself sets; every other one of the page (type, facet filters) is kept hidden.
FORM_PARAMS = ("q", "field", "written_from", "written_to", "subtopic", "sort", "page")


def library_form(query, *, q: str, filters, field: str, sort: str, sorts: dict[str, str], action: str) -> dict:
    """What templates/policies/_library_search.html draws: current values, choices, hidden params."""
    if filters.topic in categories():
        subtopics = [(filters.topic, categories()[filters.topic])]
    else:
        subtopics = list(categories().items())
    return {
        "action": action, "q": q, "field": field, "fields": [("", "全部"), *SEARCH_FIELDS.items()],
        "written_from": filters.written_from, "written_to": filters.written_to,
        "subtopic": filters.subtopic, "subtopics": subtopics, "sort": sort, "sorts": sorts,
        "hidden": [(key, value) for key, values in query.lists() if key not in FORM_PARAMS for value in values[:1]],
    }
