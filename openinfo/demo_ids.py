"""Deterministic, checksum-valid but fictitious identity numbers for demo and test data."""
from openinfo.validators import CREDIT_CHARSET, credit_code_check_char, id_card_check_char


def fake_id_card(n: int, birth: str = "19800101") -> str:
    """430104 (长沙岳麓区) + birth date + serial: valid checksum, not a real person's number."""
    first17 = f"430104{birth}{n % 1000:03d}"
    return first17 + id_card_check_char(first17)


def fake_credit_code(n: int) -> str:
    """91 (企业) + 430100 + 9-char body + checksum."""
    body = "".join(CREDIT_CHARSET[(n * 7 + i * 3) % len(CREDIT_CHARSET)] for i in range(9))
    first17 = f"91430100{body}"
    return first17 + credit_code_check_char(first17)
