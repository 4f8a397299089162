"""Credit grades: scores to A/B/C, history with the previous grade, drops, the yearly reassessment list."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.errors import DomainError
from tenancy.credit import services
from tenancy.models import CreditAssessment
from tests.factories import TenantFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("scores", "grade"), [((90, 80, 75), "A"), ((60, 60, 60), "B"), ((59, 60, 60), "C")])
def test_credit_grade_follows_the_average_score(scores, grade):
    operations, finances, payments = scores
    assert services.credit_grade_for(operations=operations, finances=finances, payments=payments) == grade


def test_credit_assess_keeps_the_previous_grade_and_marks_a_drop(tenant, finance_manager):
    # given
    services.credit_assess(
        tenant=tenant, by=finance_manager, operations=90, finances=90, payments=90, reason="良好"
    )
    # when
    second = services.credit_assess(
        tenant=tenant, by=finance_manager, operations=50, finances=50, payments=40, reason="多次逾期付款"
    )
    # then
    assert (second.grade, second.previous_grade, second.is_drop) == ("C", "A", True)
    assert tenant.credit_assessments.count() == 2


def test_credit_assess_refuses_other_roles_a_bad_score_and_no_reason(tenant, front_desk, business_manager):
    with pytest.raises(DomainError):
        services.credit_assess(
            tenant=tenant, by=front_desk, operations=90, finances=90, payments=90, reason="x"
        )
    with pytest.raises(DomainError) as error:
        services.credit_assess(
            tenant=tenant, by=business_manager, operations=101, finances=9, payments=9, reason="x"
        )
    assert error.value.field == "operations_score"
    with pytest.raises(DomainError) as error:
        services.credit_assess(
            tenant=tenant, by=business_manager, operations=90, finances=9, payments=9, reason=" "
        )
    assert error.value.field == "reason"
    assert CreditAssessment.objects.count() == 0


def test_reassessment_is_due_for_the_never_assessed_and_the_assessed_over_a_year_ago(
    business_manager, settings
):
    # given
    settings.CREDIT_REASSESS_DAYS = 365
    never, recent, old = TenantFactory(), TenantFactory(), TenantFactory()
    for tenant in (recent, old):
        services.credit_assess(
            tenant=tenant, by=business_manager, operations=80, finances=80, payments=80, reason="年审"
        )
    CreditAssessment.objects.filter(tenant=old).update(assessed_at=timezone.now() - timedelta(days=400))
    # when
    due = set(services.credit_reassessment_due(today=timezone.localdate()))
    # then
    assert due == {never, old}


def test_latest_grade_lists_for_billing_and_renewals(business_manager):
    # given
    good, poor = TenantFactory(), TenantFactory()
    services.credit_assess(
        tenant=good, by=business_manager, operations=90, finances=90, payments=90, reason="好"
    )
    services.credit_assess(
        tenant=poor, by=business_manager, operations=90, finances=90, payments=90, reason="好"
    )
    services.credit_assess(
        tenant=poor, by=business_manager, operations=30, finances=30, payments=30, reason="差"
    )
    # then
    assert list(services.tenants_with_grade("A")) == [good]
    assert list(services.tenants_with_grade("C")) == [poor]


def test_a_grade_drop_shows_on_the_dashboard_and_the_credit_tab(client, tenant, finance_manager):
    # given
    services.credit_assess(
        tenant=tenant, by=finance_manager, operations=90, finances=90, payments=90, reason="好"
    )
    services.credit_assess(
        tenant=tenant, by=finance_manager, operations=60, finances=60, payments=60, reason="一般"
    )
    client.force_login(finance_manager)
    # when
    dashboard = client.get(reverse("dashboard"))
    credit = client.get(reverse("tenancy:tenant-credit", args=[tenant.pk]))
    # then
    card = next(c for c in dashboard.context["cards"] if c["icon"] == "graph-down")
    assert card["value"] == 1
    assert 'data-testid="grade-drop"' in credit.content.decode()


def test_an_assessment_from_the_credit_tab_with_a_bad_score_saves_nothing(client, tenant, business_manager):
    # given
    client.force_login(business_manager)
    # when
    response = client.post(
        reverse("tenancy:tenant-credit", args=[tenant.pk]),
        {"operations": "150", "finances": "80", "payments": "80", "reason": "x"},
    )
    # then
    assert response.status_code == 400
    assert "operations" in response.context["form"].errors
    assert CreditAssessment.objects.count() == 0


def test_the_grade_shows_on_the_review_page(client, front_desk, business_manager):
    # given
    from .factories import in_review

    application = in_review(front_desk)
    existing = TenantFactory()
    application.tenant = existing
    application.save(update_fields=["tenant"])
    services.credit_assess(
        tenant=existing, by=business_manager, operations=50, finances=50, payments=50, reason="欠费"
    )
    client.force_login(business_manager)
    # when
    response = client.get(reverse("intake:application-detail", args=[application.pk]))
    # then
    assert response.context["grade"].grade == "C"


def test_credit_grade_is_the_latest_assessment_for_other_apps(tenant, business_manager):
    # given
    from tenancy.selectors import credit_grade

    assert credit_grade(tenant.pk) is None
    services.credit_assess(
        tenant=tenant, by=business_manager, operations=90, finances=90, payments=90, reason="好"
    )
    services.credit_assess(
        tenant=tenant, by=business_manager, operations=65, finances=65, payments=65, reason="中"
    )
    # then
    assert credit_grade(tenant.pk).grade == "B"


def test_the_dashboard_counts_tenants_due_for_reassessment(client, business_manager):
    # given: two tenants never assessed, one assessed today
    TenantFactory.create_batch(2)
    services.credit_assess(
        tenant=TenantFactory(), by=business_manager, operations=80, finances=80, payments=80, reason="年审"
    )
    client.force_login(business_manager)
    # when
    cards = client.get(reverse("dashboard")).context["cards"]
    # then
    assert next(c for c in cards if c["icon"] == "calendar-check")["value"] == 2
