"""The leasing bench module runs on a small data set: the sweep's queries stay within the constant, and the
rent roll is measured against the admin changelist."""

import pytest
from django.utils import timezone

from bench import leasing as lease_bench
from tests.factories import TenantFactory, UserFactory


@pytest.mark.django_db
def test_the_leasing_bench_emits_its_metrics_within_their_limits(monkeypatch):
    # given: 200 leases instead of 10,000, the users the page bench logs in as
    monkeypatch.setattr(lease_bench, "LEASES", 200)
    monkeypatch.setattr(lease_bench, "FLOORS", 4)
    monkeypatch.setattr(lease_bench, "RUNS", 2)
    monkeypatch.setattr(lease_bench, "PAGE_WARMUPS", 1)
    monkeypatch.setattr(lease_bench, "PAGE_RUNS", 2)
    TenantFactory.create_batch(3)
    UserFactory(username="manager", roles=["management"])
    UserFactory(username="admin", is_superuser=True, is_staff=True)
    lines: list[dict] = []
    # when
    lease_bench._seed(timezone.localdate())
    lease_bench._sweep(lines.append, timezone.localdate())
    lease_bench._rent_roll(lines.append)
    # then
    metrics = {line["metric"]: line for line in lines}
    assert set(metrics) == {
        "jobs.expiry_sweep.ms", "jobs.expiry_sweep.queries", "pages.rent_roll.ms", "pages.rent_roll.queries",
    }  # fmt: skip
    sweep = metrics["jobs.expiry_sweep.queries"]
    assert "reminders opened" in metrics["jobs.expiry_sweep.ms"]["note"]
    assert sweep["value"] <= lease_bench.SWEEP_CONSTANT_QUERIES < sweep["limit"]
    assert metrics["pages.rent_roll.queries"]["value"] <= 12
    assert metrics["pages.rent_roll.ms"]["baseline"] > 0
