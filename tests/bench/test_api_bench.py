"""The API bench on a small world: it emits its four metrics, the API answering and the staff pages too."""

import pytest

from bench import api
from tests.billing.factories import issued_bill
from tests.factories import UserFactory
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - a fixture


@pytest.mark.django_db
def test_the_api_bench_emits_its_metrics(monkeypatch, document_root):
    # given
    monkeypatch.setattr(api, "WARMUPS", 1)
    monkeypatch.setattr(api, "RUNS", 1)
    UserFactory(username="manager", roles=["management"])
    issued_bill()
    lines: list[dict] = []
    # when
    api.run(lines.append)
    # then
    metrics = {line["metric"]: line for line in lines}
    assert set(metrics) == {"api.units.ms", "api.units.queries", "api.bills.ms", "api.bills.queries"}
    assert metrics["api.units.queries"]["value"] == metrics["api.units.queries"]["baseline"]
    assert metrics["api.bills.queries"]["value"] <= api.QUERY_LIMIT
