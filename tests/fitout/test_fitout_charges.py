"""Fit-out charges (《装修收费表》): the building's approved fee standards billed through billing when the
permit is issued (once per permit, on the units' gross area), the pass fee per pass on the next bill,
nothing billed where the building sets nothing, the charge sheet in the tenant's language, and the pages
showing what is paid."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import translation

from billing.models import Account, Bill, Charge, ChargeKind, FitoutChargeBilling, JournalLine
from billing.money import money
from billing.services.fitout_charges import fitout_charges_bill, fitout_pass_charge
from billing.services.standards import ProposalInput, standard_approve, standard_propose
from documents.models import Document
from documents.models import Notice as InboxNotice
from fitout import services
from fitout.models import Application
from fitout.services.charges import permit_area, permit_key
from tests.billing.factories import pay
from tests.factories import TenantFactory
from tests.language import pdf_text

from .factories import permitted, ready, staff, today, worker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def set_fee(building, kind: str, rate: str, effective_from=None) -> None:  # type: ignore[no-untyped-def]
    """Finance proposes, another person in management approves: the standard is in force from its date."""
    proposal = standard_propose(
        data=ProposalInput(kind, building, Decimal(rate), effective_from or today()), by=staff("finance")
    )
    standard_approve(proposal=proposal, by=staff("management"))


def _standards(application: Application, management: str = "15.00", rubbish: str = "3.50") -> None:
    building = application.lease.building
    set_fee(building, "fitout_mgmt", management)
    set_fee(building, "fitout_waste", rubbish)


def _issue(application: Application, **kwargs) -> Application:  # type: ignore[no-untyped-def]
    services.permit_issue(application=application, by=staff("engineering"), **kwargs)
    return Application.objects.get(pk=application.pk)


def test_permit_issue_bills_the_building_fees_on_the_units_gross_area():
    # given
    application = ready()
    _standards(application)
    area = permit_area(application)
    # when
    application = _issue(application)
    # then: one extra bill, a line per fee, rate × area
    billing = FitoutChargeBilling.objects.get(reference=application.number)
    bill = billing.bill
    assert billing.area == area and bill.kind == Bill.Kind.EXTRA and bill.lease_id == application.lease_id
    amounts = dict(bill.lines.values_list("kind", "amount"))
    assert amounts == {
        ChargeKind.FITOUT_MANAGEMENT: money(Decimal("15.00") * area),
        ChargeKind.FITOUT_RUBBISH: money(Decimal("3.50") * area),
    }
    assert bill.total == sum(amounts.values())
    # and the posting is balanced: the receivable against other income
    lines = JournalLine.objects.filter(entry=bill.entry)
    totals = lines.aggregate(d=Sum("debit"), c=Sum("credit"))
    assert totals["d"] == totals["c"] == bill.total
    assert lines.get(account=Account.RECEIVABLE).debit == bill.total
    assert lines.get(account=Account.OTHER_INCOME).credit == bill.total
    # and the charge sheet is printed and sent to the tenant
    sheet = Document.objects.get(pk=application.charge_sheet_document_id)
    notice = InboxNotice.objects.filter(tenant=application.tenant, attachment=sheet).get()
    assert bill.number in notice.body


def test_the_same_key_twice_bills_once():
    # given
    application = ready()
    _standards(application)
    application = _issue(application)
    bills = Bill.objects.filter(lease=application.lease).count()
    # when: billing is asked again for the permit (a retry)
    again = fitout_charges_bill(
        key=permit_key(application),
        reference=application.number,
        lease=application.lease,
        area=permit_area(application),
    )
    # then
    assert again.bill == FitoutChargeBilling.objects.get(reference=application.number).bill
    assert Bill.objects.filter(lease=application.lease).count() == bills
    assert FitoutChargeBilling.objects.filter(reference=application.number).count() == 1


def test_a_building_without_standards_bills_nothing_and_the_page_says_so(client):
    # given / when
    application = permitted()
    # then
    billing = FitoutChargeBilling.objects.get(reference=application.number)
    assert billing.bill is None and application.charge_sheet_document_id is None
    assert not Bill.objects.filter(lease=application.lease, number__startswith="BZ").exists()
    client.force_login(staff("engineering"))
    page = client.get(reverse("fitout:application-detail", args=[application.pk]))
    assert page.status_code == 200
    assert 'data-testid="charges-none"' in page.text


def test_a_bill_before_the_new_rate_takes_effect_uses_the_old_rate():
    # given: 15.00 from today, 20.00 from the 10th day on
    application = ready()
    set_fee(application.lease.building, "fitout_mgmt", "15.00")
    set_fee(application.lease.building, "fitout_mgmt", "20.00", today() + timedelta(days=10))
    area = permit_area(application)
    # when: the permit is issued the day before the change; another bill on the day of the change
    application = _issue(application, today=today() + timedelta(days=9))
    later = fitout_charges_bill(
        key="later", reference="LATER", lease=application.lease, area=area, today=today() + timedelta(days=10)
    )
    # then
    before = FitoutChargeBilling.objects.get(reference=application.number).bill
    assert before.lines.get().amount == money(Decimal("15.00") * area)
    assert later.bill.lines.get().amount == money(Decimal("20.00") * area)
    # and the bill issued before stays as issued
    assert Bill.objects.get(pk=before.pk).total == money(Decimal("15.00") * area)


def test_each_worker_pass_is_charged_once_on_the_next_bill():
    # given
    application = ready()
    set_fee(application.lease.building, "fitout_pass", "25.00")
    application = _issue(application)
    # when
    issued = worker(application)
    fitout_pass_charge(reference=application.number, lease=application.lease, pass_number=issued.pass_number)
    # then: one charge, waiting for the next periodic bill
    charge = Charge.objects.get(kind=ChargeKind.WORKER_PASS, lease=application.lease)
    assert charge.amount == Decimal("25.00") and charge.bill is None
    assert issued.pass_number in charge.source


def test_the_pages_show_the_charges_and_whether_they_are_paid(client):
    # given
    tenant = TenantFactory()
    application = ready(tenant)
    _standards(application)
    application = _issue(application)
    bill = FitoutChargeBilling.objects.get(reference=application.number).bill
    client.force_login(staff("finance"))
    url = reverse("fitout:application-detail", args=[application.pk])
    # when / then: not paid yet
    page = client.get(url)
    assert 'data-testid="charges-unpaid"' in page.text and bill.number in page.text
    # when the tenant pays
    pay(tenant, bill.total, by=staff("finance"), on=today())
    # then
    assert 'data-testid="charges-paid"' in client.get(url).text


def test_the_portal_shows_the_charges_and_the_charge_sheet(client, tenant, tenant_user):
    # given
    application = ready(tenant)
    _standards(application)
    application = _issue(application)
    client.force_login(tenant_user)
    # when
    page = client.get(reverse("fitout_portal:detail", args=[application.pk]))
    # then
    assert page.status_code == 200
    assert 'data-testid="fitout-charges"' in page.text and 'data-testid="charge-sheet-pdf"' in page.text


@pytest.mark.parametrize(("language", "words"), [("zh-hans", "装修收费表"), ("en", "Fit-out charge sheet")])
def test_the_charge_sheet_is_in_the_tenant_language(language, words):
    # given
    application = ready(TenantFactory(language=language))
    _standards(application)
    # when: an engineer reading English issues the permit
    application = _issue(application)
    # then
    text = pdf_text(Document.objects.get(pk=application.charge_sheet_document_id))
    assert words in text
    assert application.number in text
