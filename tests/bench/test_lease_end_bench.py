"""The lease-end sweep bench on a small count: constant queries, within its limit, and no trace left."""

import pytest

from bench import lease_end
from leasing.models import Lease
from tests.factories import TenantFactory


@pytest.mark.django_db
def test_the_lease_end_sweep_bench_emits_its_metrics_with_constant_queries(monkeypatch):
    # given: 40 leases instead of 10,000
    monkeypatch.setattr(lease_end, "LEASES", 40)
    monkeypatch.setattr(lease_end, "RUNS", 2)
    TenantFactory.create_batch(3)
    lines: list[dict] = []
    # when
    lease_end.run(lines.append)
    # then
    metrics = {line["metric"]: line for line in lines}
    assert set(metrics) == {"jobs.lease_end_sweep.ms", "jobs.lease_end_sweep.queries"}
    assert "40 renewed or holding over" in metrics["jobs.lease_end_sweep.ms"]["note"]
    assert metrics["jobs.lease_end_sweep.ms"]["limit"] == 1000
    assert metrics["jobs.lease_end_sweep.queries"]["value"] <= lease_end.SWEEP_CONSTANT_QUERIES
    assert not Lease.objects.exists()


@pytest.mark.django_db
def test_the_lease_end_sweep_costs_the_same_queries_for_few_and_many_leases(monkeypatch):
    # given
    TenantFactory.create_batch(2)
    monkeypatch.setattr(lease_end, "RUNS", 1)
    counts = []
    for leases in (4, 60):
        monkeypatch.setattr(lease_end, "LEASES", leases)
        lines: list[dict] = []
        # when
        lease_end.run(lines.append)
        counts.append(next(x["value"] for x in lines if x["metric"] == "jobs.lease_end_sweep.queries"))
    # then
    assert counts[0] == counts[1]
