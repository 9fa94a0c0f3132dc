"""The 错敏字 check over what readers see: policy pages of every validity state (the doubled 已 in
"本文件已已修订" came from a template putting 已 before a label that already has it)."""
import re

import pytest
from django.urls import reverse

from policies.models import Validity
from portal.textcheck import check_wording
from tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db

_HIDDEN = re.compile(r"(?is)<(script|style|template)\b.*?</\1>|<!--.*?-->")


def visible_text(response) -> str:
    assert response.status_code == 200
    return _HIDDEN.sub(" ", response.content.decode())


@pytest.mark.parametrize("validity", list(Validity))
def test_policy_pages_read_without_errors(client, department, validity):
    replacement = PolicyFactory(issuer=department, title="现行的办法")
    policy = PolicyFactory(issuer=department, title="办法", validity=validity, for_elders=True,
                           superseded_by=replacement if validity != Validity.VALID else None)
    pages = [policy.get_absolute_url(), reverse("elderzone:policy_detail", args=[policy.pk]),
             reverse("elderzone:policy_list")]
    for url in pages:
        text = visible_text(client.get(url))
        assert [(f.term, f.context) for f in check_wording(text)] == [], url
    if validity == Validity.AMENDED:
        assert "本文件已修订" in visible_text(client.get(policy.get_absolute_url()))
