"""Issue 13 in the browser: business proposes the landlord's termination from the lease page (a past date is
refused at its field, the reason kept), another manager approves it, the lease ends on the effective date
and the tenant has the termination letter in its portal inbox."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from documents.models import Document, Notice
from leasing.models import Lease, LeaseTermination
from tests.factories import UserFactory
from tests.leasing.lease_factories import document_root_fixture, lease_in  # noqa: F401 -- a fixture


def test_a_termination_proposed_by_business_and_approved_by_management(
    page, live_server, login, document_root
):
    # given
    today = timezone.localdate()
    lease = lease_in(
        Lease.Status.ACTIVE, start_date=today - timedelta(days=300), end_date=today + timedelta(days=400)
    )
    UserFactory(username="business", roles=["business"])
    UserFactory(username="manager", roles=["management"])
    effective = today + timedelta(days=30)
    # when: business proposes it from the lease page, first with a past date
    login("business")
    page.goto(live_server.url + reverse("leasing:lease-detail", args=[lease.pk]))
    page.get_by_test_id("terminate").click()
    page.locator("[name=grounds]").select_option("breach")
    page.locator("[name=reason]").fill("未经书面同意转租部分单元")
    page.locator("[name=effective_date]").fill("2020-01-01")
    page.get_by_test_id("propose").click()
    # then: refused at the date, the reason kept
    expect(page.locator("#id_effective_date")).to_have_class(re.compile("is-invalid"))
    expect(page.get_by_text("生效日期不能早于今天。")).to_be_visible()
    expect(page.locator("[name=reason]")).to_have_value("未经书面同意转租部分单元")
    # when: the date corrected
    page.locator("[name=effective_date]").fill(effective.isoformat())
    page.get_by_test_id("propose").click()
    expect(page.get_by_test_id("termination-status")).to_have_text("待管理层审批")
    # when: a manager approves it from the list
    page.context.clear_cookies()
    login("manager")
    page.goto(live_server.url + reverse("leasing:termination-list"))
    page.get_by_role("link", name=lease.number).click()
    page.get_by_test_id("approve").click()
    page.wait_for_url(live_server.url + reverse("leasing:lease-detail", args=[lease.pk]))
    # then
    expect(page.get_by_test_id("lease-terminations")).to_contain_text("已批准，通知书已发出")
    lease.refresh_from_db()
    assert lease.status == Lease.Status.NOTICE_GIVEN and lease.effective_end == effective
    termination = LeaseTermination.objects.get(lease=lease)
    letter = Document.objects.get(pk=termination.letter_document_id)
    assert Notice.objects.filter(tenant=lease.tenant, attachment=letter).exists()
