import pytest
from django.core.exceptions import ValidationError

from openinfo import fees
from openinfo.demo_ids import fake_credit_code, fake_id_card
from openinfo.validators import is_valid_credit_code, is_valid_id_card, validate_id_number


@pytest.mark.parametrize("k, price", [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300),
                                      (50, 300), (51, 400)])
def test_price_of_the_kth_application_in_a_month(k, price):
    assert fees.application_price(k) == price


def test_fee_by_applications_is_progressive():
    assert fees.fee_by_applications(10) == 0
    assert fees.fee_by_applications(30) == 20 * 100
    assert fees.fee_by_applications(45) == 20 * 100 + 10 * 200 + 5 * 300


@pytest.mark.parametrize("pages, fee", [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (150, 1700),
                                        (200, 2700), (201, 2740), (320, 7500)])
def test_fee_by_pages_bands(pages, fee):
    assert fees.fee_by_pages(pages) == fee


def test_compute_fee_dispatches_and_refuses_nonsense():
    assert fees.compute_fee(fees.BY_PAGES, 150) == 1700
    assert fees.compute_fee(fees.BY_APPLICATIONS, 12) == 100
    with pytest.raises(ValueError):
        fees.compute_fee("weight", 3)
    with pytest.raises(ValueError):
        fees.compute_fee(fees.BY_PAGES, -1)


def test_id_card_checksum():
    assert is_valid_id_card("11010519491231002X")
    assert is_valid_id_card("11010519491231002x")  # lower-case x is accepted and normalised
    assert not is_valid_id_card("110105194912310021")  # wrong check digit
    assert not is_valid_id_card("110105194913310029")  # month 13
    assert not is_valid_id_card("11010519491231002")  # 17 digits
    assert all(is_valid_id_card(fake_id_card(n)) for n in range(50))


def test_credit_code_checksum():
    assert is_valid_credit_code("91350100M000100Y43")
    assert not is_valid_credit_code("91350100M000100Y44")
    assert not is_valid_credit_code("91350100M000100I43")  # I is not in the GB 32100 alphabet
    assert all(is_valid_credit_code(fake_credit_code(n)) for n in range(50))


def test_validate_id_number_messages_are_chinese_and_normalise():
    assert validate_id_number("id_card", " 1101 0519 4912 3100 2x ") == "11010519491231002X"
    with pytest.raises(ValidationError, match="校验位"):
        validate_id_number("id_card", "110105194912310021")
    with pytest.raises(ValidationError, match="18位"):
        validate_id_number("credit_code", "12345")
    with pytest.raises(ValidationError, match="统一社会信用代码有误"):
        validate_id_number("credit_code", "91350100M000100Y44")
    assert validate_id_number("passport", "e12345678") == "E12345678"
