"""Schemathesis drives /api/ from its own OpenAPI schema: no input may cause a server error."""
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings

from tests.factories import PolicyFactory
from tests.portal.test_articles_support import fresh_cache  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fresh_cache")]


def test_no_input_causes_a_server_error(live_server, settings):
    import schemathesis
    from schemathesis.checks import not_a_server_error

    settings.API_RATE_LIMIT = 100000
    PolicyFactory(title="湖南省财政专项资金管理办法", topic="财政、金融、审计", issued_date=dt.date(2025, 3, 1))
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")
    failures, paths = [], set()
    for result in schema.get_all_operations():
        operation = result.ok()
        paths.add(operation.path)

        @hypothesis_settings(max_examples=8, deadline=None, database=None,
                             suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call()
            if response.status_code >= 500:
                failures.append((case.path, case.query, response.status_code))
            case.validate_response(response, checks=[not_a_server_error])

        check()
    assert failures == []
    assert "/api/search/" in paths  # the search API is described too
