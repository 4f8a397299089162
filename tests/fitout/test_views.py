"""The pages: bad input is refused at its field with everything typed kept; the gate check shows the verdict;
the portal shows the tenant its documents and lets it answer notices."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from documents.models import Document
from fitout import services
from fitout.models import Application, Notice, Worker
from tests.factories import UserFactory

from .factories import applied, jpeg, live_lease, pdf, permitted, today, worker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def _apply_data(lease, **overrides):  # type: ignore[no-untyped-def]
    values = {
        "lease": lease.pk,
        "units": [u.pk for u in lease.units.all()],
        "contractor_company": "Huayi Decoration",
        "contractor_licence": "D231012345",
        "site_manager": "Zhao Qiang",
        "site_manager_phone": "13912345678",
        "scope": "Partitions and ceilings",
        "starts_on": (today() + timedelta(days=1)).isoformat(),
        "ends_on": (today() + timedelta(days=30)).isoformat(),
        "drawings": pdf(),
    }
    return {**values, **overrides}


def test_the_portal_refuses_a_drawing_that_is_not_a_pdf_at_the_field_and_keeps_the_rest(
    client, tenant, tenant_user
):
    # given
    lease = live_lease(tenant)
    client.force_login(tenant_user)
    # when
    response = client.post(reverse("fitout_portal:apply"), _apply_data(lease, drawings=jpeg("plan.jpg")))
    # then
    assert response.status_code == 200
    form = response.context["form"]
    assert "plan.jpg" in form.errors["drawings"][0] and "PDF" in form.errors["drawings"][0]
    assert "Huayi Decoration" in response.content.decode()
    assert not Application.objects.exists()


def test_the_portal_refuses_a_schedule_outside_the_lease_at_the_field(client, tenant, tenant_user):
    lease = live_lease(tenant)
    client.force_login(tenant_user)
    late = (lease.end_date + timedelta(days=1)).isoformat()
    response = client.post(reverse("fitout_portal:apply"), _apply_data(lease, ends_on=late))
    assert response.status_code == 200
    assert "within the lease" in response.context["form"].errors["ends_on"][0]
    assert "Partitions and ceilings" in response.content.decode()
    assert not Application.objects.exists()


def test_the_portal_offers_only_the_tenants_own_leases(client, tenant, tenant_user, other_tenant):
    # given
    own, other = live_lease(tenant), live_lease(other_tenant)
    client.force_login(tenant_user)
    # when
    response = client.post(reverse("fitout_portal:apply"), _apply_data(other))
    # then
    assert "lease" in response.context["form"].errors
    assert list(response.context["form"].fields["lease"].queryset) == [own]


def test_the_portal_apply_goes_on_to_signing(client, tenant, tenant_user):
    lease = live_lease(tenant)
    client.force_login(tenant_user)
    response = client.post(reverse("fitout_portal:apply"), _apply_data(lease))
    application = Application.objects.get()
    assert response["Location"] == reverse("fitout_portal:sign", kwargs={"pk": application.pk})
    assert application.created_by == tenant_user and application.tenant == tenant


def test_a_worker_without_an_id_number_is_refused_at_the_field_and_the_name_kept(
    client, security_guard, tenant
):
    # given
    application = permitted(tenant)
    client.force_login(security_guard)
    url = reverse("fitout:worker-register", kwargs={"pk": application.pk})
    # when
    response = client.post(url, {"worker-name": "Wang", "worker-trade": "carpenter", "worker-photo": jpeg()})
    # then
    assert response.status_code == 200
    form = response.context["worker_form"]
    assert "ID number" in form.errors["id_number"][0]
    assert form["name"].value() == "Wang"
    assert not Worker.objects.exists()


def test_a_fine_larger_than_the_deposit_is_refused_at_the_fine_with_the_text_kept(client, engineer, tenant):
    # given: 1000 held
    application = permitted(tenant, deposit=Decimal("1000.00"))
    client.force_login(engineer)
    url = reverse("fitout:notice-issue", kwargs={"pk": application.pk})
    data = {
        "notice-kind": "violation",
        "notice-text": "Noise at night",
        "notice-fine": "1500",
        "notice-idempotency_key": "form-1",
    }
    # when
    response = client.post(url, data)
    # then
    form = response.context["notice_form"]
    assert "1000.00" in form.errors["fine"][0] and "500.00" in form.errors["fine"][0]
    assert form["text"].value() == "Noise at night"
    assert not Notice.objects.exists()
    # when: the excess is to be billed
    response = client.post(url, {**data, "notice-bill_excess": "on"})
    # then
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert (notice.fine_deducted, notice.fine_billed) == (Decimal("1000.00"), Decimal("500.00"))


def test_notice_issue_twice_with_the_same_form_takes_one_fine(client, engineer, tenant):
    # given: 10000 held; the notice form as the detail page shows it, with its key
    application = permitted(tenant)
    client.force_login(engineer)
    page = client.get(reverse("fitout:application-detail", kwargs={"pk": application.pk}))
    key = page.context["notice_form"]["idempotency_key"].value()
    url = reverse("fitout:notice-issue", kwargs={"pk": application.pk})
    data = {
        "notice-kind": "violation",
        "notice-text": "Smoking on site",
        "notice-fine": "800",
        "notice-idempotency_key": key,
    }
    # when: submitted twice (a double click)
    first = client.post(url, data)
    second = client.post(url, data)
    # then: one notice, one fine taken from the deposit
    assert first.status_code == second.status_code == 302
    notice = Notice.objects.get()
    assert notice.fine_deducted == Decimal("800.00")
    application.deposit_account.refresh_from_db()
    assert application.deposit_account.held == Decimal("9200.00")


def test_notice_issue_without_the_form_key_is_refused(client, engineer, tenant):
    # given
    application = permitted(tenant)
    client.force_login(engineer)
    url = reverse("fitout:notice-issue", kwargs={"pk": application.pk})
    # when
    response = client.post(url, {"notice-kind": "violation", "notice-text": "Noise", "notice-fine": "100"})
    # then
    assert response.status_code == 200
    assert "The form has expired" in response.content.decode()
    assert not Notice.objects.exists()


def test_the_permit_button_says_why_it_is_refused(client, engineer, tenant):
    application = applied(tenant)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.APPROVED)
    client.force_login(engineer)
    response = client.post(reverse("fitout:permit-issue", kwargs={"pk": application.pk}))
    assert response.status_code == 200
    assert "agreement must be signed" in response.content.decode()


@pytest.mark.parametrize("revoke", [False, True])
def test_the_gate_check_shows_the_verdict_large(client, security_guard, tenant, revoke):
    # given
    application = permitted(tenant)
    w = worker(application)
    if revoke:
        services.worker_pass_revoke(worker=w, reason="lent to someone else", by=security_guard)
    client.force_login(security_guard)
    # when
    response = client.get(reverse("fitout:pass-check-number", kwargs={"number": w.pass_number}))
    # then
    body = response.content.decode()
    expected = "revoked" if revoke else ("valid" if w.valid_from <= today() else "not_yet")
    assert f'data-verdict="{expected}"' in body
    assert w.id_number not in body and w.id_number[-4:] in body


def test_the_typed_pass_number_is_checked(client, security_guard):
    client.force_login(security_guard)
    response = client.get(reverse("fitout:pass-check") + "?number=sgz-0000-000000")
    assert 'data-verdict="unknown"' in response.content.decode()


def test_the_portal_shows_the_permit_and_passes_and_takes_an_answer(client, tenant, tenant_user, engineer):
    # given
    application = permitted(tenant)
    w = worker(application)
    notice = services.notice_issue(
        application=application,
        kind="rectification",
        text="Clear the fire exit",
        deadline=today() + timedelta(days=2),
        by=engineer,
    )
    client.force_login(tenant_user)
    # when
    page = client.get(reverse("fitout_portal:detail", kwargs={"pk": application.pk})).content.decode()
    empty = client.post(reverse("fitout_portal:notice-answer", kwargs={"pk": notice.pk}), {"answer": " "})
    answered = client.post(
        reverse("fitout_portal:notice-answer", kwargs={"pk": notice.pk}), {"answer": "Done"}
    )
    # then
    assert application.permit_number in page and w.pass_number in page and "Clear the fire exit" in page
    assert w.id_number not in page
    assert empty.status_code == 200 and "answer" in empty.context["answer_form"].errors
    assert answered.status_code == 302
    notice.refresh_from_db()
    assert notice.answer == "Done"


def test_the_front_desk_chooses_the_lease_then_applies_for_the_tenant(client, front_desk, tenant):
    # given
    lease, other = live_lease(tenant), live_lease()
    client.force_login(front_desk)
    url = reverse("fitout:application-create")
    # when: first the lease, then its units are offered (not every leased unit in the buildings)
    first = client.get(url)
    second = client.get(url, {"lease": lease.pk})
    response = client.post(url, _apply_data(lease))
    # then
    assert first.context["choose_lease"] and not list(first.context["form"].fields["units"].queryset)
    assert list(second.context["form"].fields["units"].queryset) == list(lease.units.all())
    assert other.units.get() not in second.context["form"].fields["units"].queryset
    application = Application.objects.get()
    assert response["Location"] == reverse("fitout:application-sign", kwargs={"pk": application.pk})
    assert application.tenant == tenant and application.created_by == front_desk


def test_the_dashboard_counts_fit_outs_for_engineering(client, engineer, tenant):
    applied(tenant)
    client.force_login(engineer)
    response = client.get(reverse("dashboard"))
    assert "Drawings awaiting review" in response.content.decode()


def test_finance_sees_which_refund_is_a_fit_out_deposit(client, finance_manager, tenant):
    # given: a fit-out accepted with a deposit above the approval threshold
    application = permitted(tenant, deposit=Decimal("20000.00"))
    services.completion_accept(application=application, findings="ok", by=UserFactory(roles=["engineering"]))
    client.force_login(finance_manager)
    # when
    body = client.get(reverse("billing:deposit-list")).content.decode()
    # then
    assert f"Fit-out deposit {application.number}" in body


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_and_detail_pages_cost_the_same_queries_however_many_rows(client, general_manager):
    # given: one fit-out with a worker, a notice and its history
    engineer = UserFactory(roles=["engineering"])
    first = permitted()
    worker(first)
    client.force_login(general_manager)
    list_url = reverse("fitout:application-list")
    detail_url = reverse("fitout:application-detail", kwargs={"pk": first.pk})
    before = (_queries(client, list_url), _queries(client, detail_url))
    # when: more fit-outs, workers, notices and events
    for application in (first, permitted(), permitted()):
        worker(application, n=5)
        services.notice_issue(application=application, kind="violation", text="x", by=engineer)
    after = (_queries(client, list_url), _queries(client, detail_url))
    # then
    assert after == before


def test_id_numbers_show_in_full_only_to_supervisors(client, general_manager, engineer, tenant):
    # given
    application = permitted(tenant)
    w = worker(application)
    url = reverse("fitout:application-detail", kwargs={"pk": application.pk})
    # when / then
    client.force_login(engineer)
    assert w.id_number not in client.get(url).content.decode()
    client.force_login(general_manager)
    assert w.id_number in client.get(url).content.decode()


def test_the_tenant_downloads_its_permit_and_another_tenant_cannot(
    client, tenant, tenant_user, other_tenant_user
):
    # given
    application = permitted(tenant)
    permit = Document.objects.get(pk=application.permit_document_id)
    url = reverse("portal:document-download", args=[permit.download_token])
    client.force_login(tenant_user)
    # when: the tenant opens its fit-out
    page = client.get(reverse("fitout_portal:detail", args=[application.pk])).content.decode()
    # then: the permit is linked by its token, and downloads for this tenant only
    assert url in page
    assert reverse("documents:download", args=[permit.pk]) not in page
    assert client.get(url).status_code == 200
    client.force_login(other_tenant_user)
    assert client.get(url).status_code == 404
