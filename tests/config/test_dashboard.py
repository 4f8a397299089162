"""The dashboard counts every shown section's querysets in one statement, and each count is right."""

from datetime import timedelta

from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from config.dashboard import SECTIONS, _compiled, count_all, section_cards
from leasing.models import Unit
from tenancy.credit.services import credit_reassessment_due
from tenancy.models import ReviewStep, Tenant
from tests.factories import TenantFactory
from tests.leasing.factories import UnitFactory
from tests.tenancy.intake.factories import ApplicationFactory, assessment, open_step


def _queries_for(client, user) -> int:
    client.force_login(user)
    client.get(reverse("home"))  # the first request loads what is cached per process
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home")).status_code == 200
    return len(captured)


def test_count_all_counts_plain_grouped_and_distinct_querysets_as_count_does(db, general_manager):
    # given
    TenantFactory.create_batch(3, status=Tenant.Status.ACTIVE)
    graded = TenantFactory(status=Tenant.Status.ACTIVE)
    assessment(graded, "B", general_manager)
    UnitFactory.create_batch(2, status=Unit.Status.VACANT)
    querysets = {
        "active": Tenant.objects.filter(status=Tenant.Status.ACTIVE),
        "due": credit_reassessment_due(today=graded.created_at.date()).values("pk"),
        "floors": Unit.objects.values("floor_id").distinct(),
        "none": Unit.objects.filter(status=Unit.Status.FIT_OUT),
        "per_status": Tenant.objects.values("status").annotate(n=Count("pk")),
    }
    # when
    with CaptureQueriesContext(connection) as captured:
        counts = count_all(querysets)
    # then
    assert len(captured) == 1
    per_status = counts.pop("per_status")
    assert counts == {name: queryset.count() for name, queryset in querysets.items() if name != "per_status"}
    assert per_status == {row["status"]: row["n"] for row in querysets["per_status"]} == {"active": 4}
    assert counts["active"] == 4 and counts["due"] == 3 and counts["none"] == 0


def test_every_section_is_counted_in_one_statement(db):
    # given
    application = ApplicationFactory()
    open_step(application, ReviewStep.Department.LEGAL)
    # when
    with CaptureQueriesContext(connection) as captured:
        sections = section_cards(list(SECTIONS))
    # then
    assert len(captured) == 1
    cards = {str(card["label"]): card["value"] for section in sections for card in section["cards"]}
    assert cards["待审核：法务部"] == 1 and cards["待审核：业务部"] == 0


def test_a_role_that_sees_every_section_costs_no_more_queries_than_one_that_sees_two(
    client, general_manager, engineer
):
    # given: management sees all six sections, engineering two
    # when / then
    assert _queries_for(client, general_manager) == _queries_for(client, engineer)


def test_a_fixed_section_compiles_to_the_same_sql_whatever_the_time_and_language(monkeypatch):
    # given: the SQL of each section marked fixed is compiled once per process, so it must not depend on when
    # or for whom it is compiled
    fixed = [section for section in SECTIONS if section.fixed]
    now = timezone.now()
    before = [_uncached_parts(section) for section in fixed]
    # when: a year later, in English
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(days=365, hours=5))
    with translation.override("en"):
        after = [_uncached_parts(section) for section in fixed]
    # then
    assert fixed and after == before


def _uncached_parts(section):
    return {name: _compiled(queryset) for name, queryset in section.counts().items()}
