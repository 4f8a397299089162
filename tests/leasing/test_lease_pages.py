"""Lease pages at work: bad input shown at its field with nothing saved, the ledger's filters and exports,
signing, amendments, notices, the managers' reports, and the portal scoped to the tenant."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from leasing.leases.renewals import lease_expiry_sweep
from leasing.models import Amendment, Lease, MoveOutNotice, RenewalCase
from tests.leasing.factories import UnitFactory
from tests.leasing.lease_factories import (
    building_with_units,
    document_root_fixture,  # noqa: F401 (the document_root fixture)
    draft_lease,
    lease_in,
    legal_approve,
)

pytestmark = pytest.mark.django_db


def _lease_post(tenant, units, **overrides):
    data = {
        "tenant": tenant.pk, "units": [u.pk for u in units],
        "start_date": timezone.localdate().isoformat(), "end_date": "2027-12-31",
        "rent_basis": "per_m2", "rent_rate": "6.50", "fee_basis": "per_m2", "fee_rate": "1.20",
        "payment_cycle": "quarterly", "due_day": "5", "deposit_months": "3", "deposit_amount": "",
        "late_fee_rate": "0.05", "grace_days": "5", "rent_free_days": "0", "escalation_rate": "0",
        "use": "office",
        "notice_days": "30", "special_terms": "",
    }  # fmt: skip
    return {**data, **overrides}


def _around_today(before: int, after: int) -> dict:
    today = timezone.localdate()
    return {"start_date": today - timedelta(days=before), "end_date": today + timedelta(days=after)}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_date": "2025-12-31"}, "end_date", "截止日期不能早于起始日期。"),
        ({"rent_rate": "-1"}, "rent_rate", "租金不能为负数。"),
    ],
)
def test_lease_create_shows_bad_terms_at_the_field_and_saves_nothing(
    client, business_manager, tenant, overrides, field, message
):
    # given
    client.force_login(business_manager)
    # when
    response = client.post(reverse("leasing:lease-create"), _lease_post(tenant, [UnitFactory()], **overrides))
    # then
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert message in response.content.decode()
    assert Lease.objects.count() == 0


def test_lease_create_shows_another_building_and_an_overlap_at_the_units(client, business_manager, tenant):
    # given
    client.force_login(business_manager)
    taken = lease_in(Lease.Status.ACTIVE).lease_units.get().unit
    url = reverse("leasing:lease-create")
    # when
    other_building = client.post(url, _lease_post(tenant, [UnitFactory(), UnitFactory()]))
    overlap = client.post(url, _lease_post(tenant, [taken]))
    # then
    assert "同一楼宇" in other_building.context["form"].errors["units"][0]
    assert "已在合同" in overlap.context["form"].errors["units"][0]
    assert Lease.objects.count() == 1


def test_lease_create_drafts_and_shows_the_lease(client, business_manager, tenant):
    # given
    client.force_login(business_manager)
    units = building_with_units(2)
    # when
    response = client.post(reverse("leasing:lease-create"), _lease_post(tenant, units), follow=True)
    # then
    lease = Lease.objects.get()
    assert response.redirect_chain[-1][0] == reverse("leasing:lease-detail", kwargs={"pk": lease.pk})
    assert lease.area == Decimal("240.00") and lease.tenant == tenant
    assert lease.number in response.content.decode()


def test_the_ledger_filters_by_status_building_tenant_and_ending_within(client, business_manager):
    # given
    client.force_login(business_manager)
    soon = lease_in(Lease.Status.ACTIVE, **_around_today(300, 20))
    later = lease_in(Lease.Status.ACTIVE, **_around_today(300, 200))
    draft = draft_lease()
    url = reverse("leasing:lease-list")

    def numbers(**params: object) -> set[str]:
        return {row.record.number for row in client.get(url, params).context["table"].rows}

    # when / then
    assert numbers(ending_within=30) == {soon.number}
    assert numbers(status="draft") == {draft.number}
    assert numbers(building=later.building_id) == {later.number}
    assert numbers(q=soon.tenant.name) == {soon.number}
    assert numbers() == {soon.number, later.number, draft.number}


def test_the_ledger_costs_the_same_queries_for_many_leases(
    client, business_manager, django_assert_max_num_queries
):
    # given
    client.force_login(business_manager)
    for _ in range(12):
        draft_lease(units=building_with_units(2))
    # when / then
    with django_assert_max_num_queries(12):
        client.get(reverse("leasing:lease-list"))


def test_the_ledger_exports_csv_and_xlsx(client, finance_manager):
    # given
    lease = lease_in(Lease.Status.ACTIVE)
    client.force_login(finance_manager)
    url = reverse("leasing:lease-list")
    # when
    csv_response = client.get(url, {"export": "csv"})
    xlsx_response = client.get(url, {"export": "xlsx"})
    # then
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "合同编号" and rows[1][0] == lease.number and rows[1][4] == "120.00"
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert sheet["A2"].value == lease.number and sheet["E2"].value == 120
    assert 'filename="leases-' in xlsx_response["Content-Disposition"]


def test_signing_from_the_page_archives_the_summary(client, business_manager, document_root):
    # given
    lease = draft_lease()
    client.force_login(business_manager)
    # when
    response = client.post(
        reverse("leasing:lease-sign", kwargs={"pk": lease.pk}),
        {"staff_signer": "王经理", "tenant_signer": "张三", "method": "wet_ink"},
        follow=True,
    )
    # then
    lease.refresh_from_db()
    assert lease.status == Lease.Status.SIGNED and lease.signed_document_id
    assert "租赁合同摘要" in response.content.decode()


def test_signing_without_the_tenants_signatory_is_shown_at_the_field(client, business_manager):
    lease = draft_lease()
    client.force_login(business_manager)
    response = client.post(
        reverse("leasing:lease-sign", kwargs={"pk": lease.pk}),
        {"staff_signer": "王经理", "tenant_signer": "", "method": "wet_ink"},
    )
    assert response.context["form"].errors["tenant_signer"]
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.DRAFT


def test_an_amendment_dated_before_the_start_is_shown_at_its_field(client, business_manager):
    # given
    lease = lease_in(Lease.Status.ACTIVE)
    client.force_login(business_manager)
    data = {"effective_date": "2025-06-01", "reason": "调租", "rent_basis": "per_m2", "rent_rate": "7"}
    # when
    response = client.post(
        reverse("leasing:amendment-create", kwargs={"pk": lease.pk}), {**data, "fee_basis": ""}
    )
    # then
    assert "不能在合同起始日" in response.context["form"].errors["effective_date"][0]
    assert Amendment.objects.count() == 0


def test_a_short_notice_at_the_front_desk_is_refused_and_management_may_accept_it(
    client, front_desk, general_manager
):
    # given
    today = timezone.localdate()
    lease = lease_in(Lease.Status.ACTIVE, **_around_today(100, 400), break_from=today - timedelta(days=50))
    url = reverse("leasing:move-out-notice", kwargs={"pk": lease.pk})
    short = {
        "move_out_date": (today + timedelta(days=10)).isoformat(),
        "reason": "",
        "override_reason": "搬迁",
    }
    # when
    client.force_login(front_desk)
    refused = client.post(url, short)
    client.force_login(general_manager)
    accepted = client.post(url, short)
    # then
    assert "至少提前 30 天" in refused.context["form"].errors["move_out_date"][0]
    assert accepted.status_code == 302
    assert MoveOutNotice.objects.get().override_by == general_manager


def test_the_rent_roll_shows_the_terms_in_force_and_exports(client, finance_manager):
    # given
    lease = lease_in(Lease.Status.ACTIVE, **_around_today(10, 300))
    lease_in(Lease.Status.DRAFT)
    client.force_login(finance_manager)
    # when
    page = client.get(reverse("leasing:report-rent-roll"))
    export = client.get(reverse("leasing:report-rent-roll"), {"export": "csv"})
    # then
    assert [row.lease for row in page.context["rows"]] == [lease]
    assert page.context["rows"][0].terms.monthly_rent == Decimal("780.00")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][3] == lease.number and rows[1][5] == "780.00"


def test_occupancy_and_ending_reports(client, general_manager):
    # given
    lease = lease_in(Lease.Status.ACTIVE, **_around_today(10, 45))
    client.force_login(general_manager)
    # when
    occupancy = client.get(reverse("leasing:report-occupancy"))
    in_30 = client.get(reverse("leasing:report-ending"), {"days": "30"})
    in_60 = client.get(reverse("leasing:report-ending"), {"days": "60"})
    # then
    row = next(r for r in occupancy.context["rows"] if r.building == lease.building)
    assert (row.units, row.occupied, row.rate) == (1, 1, Decimal("100.0"))
    assert in_30.context["leases"] == [] and in_60.context["leases"] == [lease]


def test_the_portal_shows_the_tenants_signed_leases_only(client, tenant, tenant_user, other_tenant):
    # given
    own = lease_in(Lease.Status.ACTIVE, tenant=tenant)
    own_draft = lease_in(Lease.Status.DRAFT, tenant=tenant)
    others = lease_in(Lease.Status.ACTIVE, tenant=other_tenant)
    client.force_login(tenant_user)
    # when
    listing = client.get(reverse("portal:lease-list"))
    # then
    assert list(listing.context["leases"]) == [own]
    assert client.get(reverse("portal:lease-detail", kwargs={"pk": own.pk})).status_code == 200
    assert client.get(reverse("portal:lease-detail", kwargs={"pk": others.pk})).status_code == 404
    assert client.get(reverse("portal:lease-detail", kwargs={"pk": own_draft.pk})).status_code == 404


def test_the_portal_is_closed_to_staff_and_anonymous_users(client, business_manager):
    lease = lease_in(Lease.Status.ACTIVE)
    url = reverse("portal:lease-detail", kwargs={"pk": lease.pk})
    assert client.get(url).status_code == 302
    client.force_login(business_manager)
    assert client.get(url).status_code == 404


def test_the_tenant_answers_the_renewal_question_in_the_portal(client, tenant, tenant_user):
    # given
    lease = lease_in(Lease.Status.ACTIVE, tenant=tenant, **_around_today(300, 50))
    lease_expiry_sweep(today=timezone.localdate())
    client.force_login(tenant_user)
    url = reverse("portal:lease-detail", kwargs={"pk": lease.pk})
    # when
    response = client.post(url, {"intent": "renew", "note": "续两年"})
    # then
    assert response.status_code == 302
    case = RenewalCase.objects.get(lease=lease)
    assert case.intent == RenewalCase.Intent.RENEW and case.next_lease.previous == lease


def test_a_short_notice_in_the_portal_is_refused_at_the_field(client, tenant, tenant_user):
    # given
    today = timezone.localdate()
    lease = lease_in(
        Lease.Status.ACTIVE, tenant=tenant, **_around_today(30, 400), break_from=today - timedelta(days=10)
    )
    client.force_login(tenant_user)
    url = reverse("portal:lease-detail", kwargs={"pk": lease.pk})
    # when
    refused = client.post(url, {"move_out_date": (today + timedelta(days=5)).isoformat(), "reason": ""})
    accepted = client.post(url, {"move_out_date": (today + timedelta(days=60)).isoformat(), "reason": "扩张"})
    # then
    assert "至少提前 30 天" in refused.context["notice"].errors["move_out_date"][0]
    assert MoveOutNotice.objects.filter(lease=lease).count() == 1
    assert accepted.status_code == 302
    assert MoveOutNotice.objects.get(lease=lease).channel == "portal"


def test_the_lease_page_shows_the_terms_on_a_chosen_date(client, finance_manager, document_root):
    # given: rent 6.50 until an amendment from 1 July 2026 raises it to 8.00
    from leasing.leases.amendments import amendment_create, amendment_sign
    from tests.leasing.lease_factories import business_user

    lease = lease_in(Lease.Status.ACTIVE)
    by = business_user()
    amendment = amendment_create(
        lease=lease,
        effective_date=timezone.datetime(2026, 7, 1).date(),
        reason="调租",
        rent_rate=Decimal("8"),
        by=by,
    )
    legal_approve(amendment.lease, amendment)
    amendment_sign(amendment=amendment, staff_signer="王", tenant_signer="张", by=by)
    client.force_login(finance_manager)
    url = reverse("leasing:lease-detail", kwargs={"pk": lease.pk})
    # when
    before = client.get(url, {"on": "2026-06-30"}).context["terms"]
    after = client.get(url, {"on": "2026-07-01"}).context["terms"]
    garbage = client.get(url, {"on": "not-a-date"})
    # then
    assert (before.rent_rate, after.rent_rate) == (Decimal("6.50"), Decimal("8.00"))
    assert garbage.status_code == 200 and garbage.context["on"] == timezone.localdate()


def test_the_draft_summary_prints_as_a_pdf_without_archiving_anything(client, business_manager):
    # given
    from pypdf import PdfReader

    from documents.models import Document

    lease = draft_lease()
    client.force_login(business_manager)
    # when
    response = client.get(reverse("leasing:lease-summary-print", kwargs={"pk": lease.pk}))
    # then
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "租赁合同摘要" in text and lease.number in text and "待签草稿" in text
    assert Document.objects.count() == 0


def test_the_dashboard_cards_count_leases_ending_and_open_cases_in_one_query(django_assert_num_queries):
    # given
    from config.dashboard import count_all
    from leasing.selectors import lease_dashboard_cards, lease_dashboard_counts

    lease_in(Lease.Status.ACTIVE, **_around_today(300, 40))
    lease_in(Lease.Status.ACTIVE, **_around_today(300, 45))
    lease_in(Lease.Status.ACTIVE, **_around_today(300, 200))
    lease_expiry_sweep(today=timezone.localdate())
    # when
    with django_assert_num_queries(1):
        cards = lease_dashboard_cards(count_all(lease_dashboard_counts()))
    # then
    assert [card["value"] for card in cards] == [2, 2, 0]
