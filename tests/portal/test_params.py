"""portal.params, the one way to read request parameters, and the inputs of issue 14 (defect 2)
that answered 500: never again an error, the value is ignored or refused with a Chinese message."""
import datetime as dt

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from portal.params import MAX_INT, InvalidParameter, Params, clean_text, parse_int, to_id
from tests.factories import PolicyFactory


def q(text: str) -> Params:
    return Params(QueryDict(text))


@pytest.mark.parametrize("raw", ["²", "①", "٣", "¹⁰", "1.5", "1e3", "-1", "nan", "9" * 20, "0x10", "1_000"])
def test_only_plain_numbers_are_numbers(raw):
    assert Params({"n": raw}).int("n") is None
    with pytest.raises(InvalidParameter, match="之间的整数"):
        Params({"n": raw}, strict=True).int("n", minimum=0)


def test_full_width_digits_are_what_chinese_input_methods_type():
    assert Params({"year": "２０２３"}).year() == 2023


@pytest.mark.parametrize("raw", ["0", "20", "1948", "2101", "10000", "9" * 20])
def test_years_outside_the_sane_range_are_ignored(raw):
    assert Params({"year": raw}).year() is None


def test_ids_pages_dates_and_choices():
    assert q("department=7").id("department") == 7
    assert q(f"department={MAX_INT + 1}").id("department") is None and to_id("0") is None
    assert q("page=0").page() == 1 and q("page=3").page() == 3 and q("page=²").page() == 1
    assert q("d=2024-02-29").date("d") == dt.date(2024, 2, 29)
    assert q("d=2023-02-30").date("d") is None and q("d=10000-01-01").date("d") is None
    assert q("kind=guide").choice("kind", ["guide", "report"]) == "guide"
    assert q("kind=%00guide").choice("kind", ["guide"]) == ""
    assert q("ids=3,x,²,5").ids("ids") == [3, 5]
    assert q("lat=28.2&lng=1e3").number("lat", minimum=-90, maximum=90) == 28.2
    assert q("lng=1e3").number("lng", minimum=-180, maximum=180) is None
    assert q("page=1&page=²").page() == 1  # the last of repeated values counts, and it is not a number


def test_text_loses_control_characters_and_lone_surrogates_and_is_capped():
    assert clean_text("养\x00老\x1f金\ud800", 10) == "养 老 金"
    assert clean_text("  a \t b  ") == "a b"
    assert len(clean_text("页" * 500, 100)) == 100
    with pytest.raises(InvalidParameter, match="不能超过 5 个字符"):
        Params({"q": "abcdef"}, strict=True).text("q", max_length=5)


def test_parse_int_bounds():
    assert parse_int("-3", minimum=-5, maximum=5) == -3
    with pytest.raises(InvalidParameter):
        parse_int("6", minimum=0, maximum=5)


# ---- the URLs of the issue ------------------------------------------------------------------------

BAD_INPUT = [
    "/openinfo/letters/?department=²", "/search/?page=²", "/search/?page=①", "/api/search/?page=①",
    "/policies/?year=²", "/policies/?year=0", "/policies/?year=10000", "/policies/?year=99999999999999999999",
    "/openinfo/powers/?department=①", "/elder/map/?district=²", "/elder/map/?lat=1e309&lng=nan",
    "/articles/news/?year=²", "/articles/news/?year=99999999999999999999", "/themedays/reports/?department=²",
    "/themedays/calendar/?year=²&month=①", "/themedays/calendar/?year=10000&month=13",
    "/themedays/stats/?year=٣٣٣٣", "/openinfo/annual-report/2023/?department=²",
    "/api/policies/?page=²", "/api/policies/?year=10000", "/api/policies/?year=²",
]
NUL_INPUT = ["/policies/?topic=%00", "/openinfo/powers/?q=%00", "/policies/guides/?q=%00", "/search/?q=a%00b",
             "/api/policies/?q=%00", "/api/policies/?topic=%00", "/policies/?%00=1", "/elder/map/?kind=%01"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", BAD_INPUT)
def test_unusable_values_are_ignored_or_refused_never_an_error(client, url):
    PolicyFactory(title="关于养老服务的通知")
    response = client.get(url)
    assert response.status_code in (200, 400, 404), url
    if response.status_code == 400:
        assert "参数" in response.json()["error"]  # the API says what is wrong, in Chinese


@pytest.mark.django_db
@pytest.mark.parametrize("url", NUL_INPUT)
def test_a_nul_byte_never_reaches_the_database(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code in (200, 400)
    assert not [q["sql"] for q in queries.captured_queries if "\x00" in q["sql"] or "\x01" in q["sql"]]


@pytest.mark.django_db
def test_a_control_character_in_the_path_is_refused_in_chinese(client):
    response = client.get("/admin/portal/department/1%00/change/")
    assert response.status_code == 400 and "无法识别的字符" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/policies/2147483648/", "/policies/99999999999999999999/", "/api/policies/99999999999/",
                                  "/api/policies/²/", "/openinfo/letters/a%00b/", "/kiosk/topics/%00/"])
def test_path_values_the_database_cannot_hold_are_not_found(client, path):
    assert client.get(path).status_code in (400, 404)


def test_the_api_detail_reports_a_bad_id_in_json(client, db):
    response = client.get("/api/policies/99999999999/")
    assert response.status_code == 404 and response.json()["error"] == "编号应为正整数。"
