"""Security may record inspections and violation notices during the works, as engineering can; rectification
notices stay engineering's, and the other desks are still refused."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from documents.errors import DomainError
from fitout import services
from fitout.models import Inspection, Notice

from .factories import permitted, today


def test_security_logs_an_inspection_and_issues_a_violation_notice(tenant, security_guard):
    # given
    application = permitted(tenant)
    # when
    inspection = services.inspection_log(
        application=application,
        inspected_on=today(),
        findings="消防通道堆放材料",
        passed=False,
        by=security_guard,
    )
    notice = services.notice_issue(
        application=application, kind="violation", text="违规动火作业", by=security_guard
    )
    # then
    assert inspection.by == security_guard and not inspection.passed
    assert notice.kind == Notice.Kind.VIOLATION and notice.by == security_guard


def test_security_may_not_issue_a_rectification_notice_nor_the_front_desk_anything(
    tenant, security_guard, front_desk
):
    # given
    application = permitted(tenant)
    # when / then
    with pytest.raises(DomainError) as error:
        services.notice_issue(
            application=application,
            kind="rectification",
            text="清理消防通道",
            deadline=today() + timedelta(days=3),
            by=security_guard,
        )
    assert error.value.field == "kind"
    with pytest.raises(PermissionDenied):
        services.inspection_log(
            application=application, inspected_on=today(), findings="正常", passed=True, by=front_desk
        )
    with pytest.raises(PermissionDenied):
        services.notice_issue(application=application, kind="violation", text="违规", by=front_desk)
    assert not Notice.objects.exists() and not Inspection.objects.exists()


def test_security_sees_the_forms_and_logs_an_inspection_on_the_page(client, tenant, security_guard):
    # given
    application = permitted(tenant)
    client.force_login(security_guard)
    # when
    detail = client.get(reverse("fitout:application-detail", args=[application.pk])).content.decode()
    page = client.post(
        reverse("fitout:inspection", args=[application.pk]),
        {
            "inspection-inspected_on": today().isoformat(),
            "inspection-findings": "巡查正常",
            "inspection-passed": "on",
        },
    )
    # then
    assert 'data-testid="inspection-submit"' in detail and 'data-testid="notice-submit"' in detail
    assert 'data-testid="completion-submit"' not in detail
    assert page.status_code == 302
    assert Inspection.objects.get(application=application).by == security_guard
