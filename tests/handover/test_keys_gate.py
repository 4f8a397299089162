"""No keys before payment (《客户缴费通知书》) and before the signer's identity is checked: the key sheet of a
move-in is refused through the service and the page, shows what is still due, and signs once paid or once
management overrides with a reason."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from billing.services.deposits import deposit_receive
from documents.errors import DomainError
from handover import services
from handover.models import Sheet, Visit
from tenancy.document_kinds import AUTHORISATION_LETTER
from tests.billing.factories import MARCH, active_lease, issued_bill, pay
from tests.documents.factories import DocumentFactory

from .factories import TODAY, MeterFactory, data_url, fill_keys, identity_record, sheet_of, sign, staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """The refusals are read in English here."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _unpaid_visit() -> Visit:
    """A move-in of an active lease whose first bill is issued and nothing is paid."""
    lease = active_lease()
    MeterFactory(unit=lease.units.get())
    (visit,) = services.visits_open_move_in(
        lease=lease, visit_date=TODAY + timedelta(days=3), by=staff(), today=TODAY
    )
    issued_bill(lease)
    return visit


def _pay_all(visit: Visit, finance: Any) -> None:
    lease = visit.lease
    deposit_receive(lease=lease, amount=lease.deposit_amount, method="transfer", on=MARCH, by=finance)
    bill = lease.bills.get()
    pay(lease.tenant, bill.total, by=finance)


def test_sheet_sign_refuses_the_keys_while_the_deposit_and_first_bill_are_unpaid(front_desk):
    # given
    visit = identity_record(_unpaid_visit())
    fill_keys(visit, front_desk)
    # when / then
    with pytest.raises(DomainError) as refused:
        sign(visit, Sheet.Kind.KEYS, front_desk)
    amount = f"{visit.lease.deposit_amount:,}"
    assert f"Deposit of ¥{amount} not received." in refused.value.message
    assert "First bill" in refused.value.message
    assert sheet_of(visit, Sheet.Kind.KEYS).status == Sheet.Status.DRAFT


def test_sheet_sign_hands_over_the_keys_once_deposit_and_first_bill_are_paid(front_desk, finance_manager):
    # given
    visit = identity_record(_unpaid_visit())
    fill_keys(visit, front_desk)
    _pay_all(visit, finance_manager)
    # when
    sheet = sign(visit, Sheet.Kind.KEYS, front_desk)
    # then
    assert sheet.status == Sheet.Status.SIGNED
    assert services.keys_still_due(visit) == []


def test_sheet_sign_refuses_the_keys_with_only_the_deposit_paid(front_desk, finance_manager):
    # given
    visit = identity_record(_unpaid_visit())
    fill_keys(visit, front_desk)
    lease = visit.lease
    deposit_receive(lease=lease, amount=lease.deposit_amount, method="transfer", on=MARCH, by=finance_manager)
    # when / then
    with pytest.raises(DomainError) as refused:
        sign(visit, Sheet.Kind.KEYS, front_desk)
    assert "Deposit" not in refused.value.message
    assert "First bill" in refused.value.message


def test_sheet_sign_refuses_the_keys_until_the_identity_is_recorded(front_desk, finance_manager):
    # given: everything paid, nobody's identity checked
    visit = _unpaid_visit()
    fill_keys(visit, front_desk)
    _pay_all(visit, finance_manager)
    # when / then
    with pytest.raises(DomainError) as refused:
        sign(visit, Sheet.Kind.KEYS, front_desk)
    assert "identity" in refused.value.message
    # and once recorded the sheet signs
    identity_record(visit)
    assert sign(visit, Sheet.Kind.KEYS, front_desk).status == Sheet.Status.SIGNED


def test_visit_keys_override_by_management_lets_the_keys_go_and_keeps_the_reason(front_desk, general_manager):
    # given
    visit = identity_record(_unpaid_visit())
    fill_keys(visit, front_desk)
    # when
    visit = services.visit_keys_override(visit=visit, reason="总经理批准先交钥匙", by=general_manager)
    sheet = sign(visit, Sheet.Kind.KEYS, front_desk)
    # then
    visit.refresh_from_db()
    assert sheet.status == Sheet.Status.SIGNED
    assert visit.keys_override_by == general_manager
    assert visit.keys_override_reason.startswith("总经理批准先交钥匙")
    assert "not received" in visit.keys_override_reason  # what was overridden is kept with it


def test_visit_keys_override_is_refused_to_the_front_desk_and_without_a_reason(front_desk, general_manager):
    # given
    visit = _unpaid_visit()
    # when / then
    with pytest.raises(PermissionDenied):
        services.visit_keys_override(visit=visit, reason="急用", by=front_desk)
    with pytest.raises(DomainError):
        services.visit_keys_override(visit=visit, reason=" ", by=general_manager)
    visit.refresh_from_db()
    assert visit.keys_override_at is None


def test_visit_identity_record_by_an_agents_letter_needs_a_letter_of_this_tenant(front_desk, other_tenant):
    # given
    visit = _unpaid_visit()
    foreign = DocumentFactory(tenant=other_tenant, kind=AUTHORISATION_LETTER)
    letter = DocumentFactory(tenant=visit.tenant, kind=AUTHORISATION_LETTER)
    # when / then
    with pytest.raises(DomainError):
        services.visit_identity_record(visit=visit, name="张三", letter_id=foreign.pk, by=front_desk)
    visit = services.visit_identity_record(visit=visit, name="张三", letter_id=letter.pk, by=front_desk)
    assert visit.identity_kind == Visit.IdentityKind.AUTHORISATION
    assert visit.identity_letter_id == letter.pk


def test_visit_page_shows_what_is_still_due_and_masks_the_id_number(client, front_desk, general_manager):
    # given
    visit = identity_record(_unpaid_visit())
    url = reverse("handover:visit-detail", args=[visit.pk])
    # when
    client.force_login(front_desk)
    page = client.get(url).content.decode()
    # then
    assert "not received" in page and "First bill" in page
    assert "310101198506150012" not in page and "3101**********0012" in page
    client.force_login(general_manager)
    assert "310101198506150012" in client.get(url).content.decode()


def _sign_post(client: Any, visit: Visit) -> Any:
    return client.post(
        reverse("handover:sheet", args=[visit.pk, "keys"]),
        {
            "action": "sign",
            "keys-TOTAL_FORMS": "1",
            "keys-INITIAL_FORMS": "1",
            "keys-MIN_NUM_FORMS": "0",
            "keys-MAX_NUM_FORMS": "1000",
            "note-note": "",
            "keys-0-key_type": "door_key",
            "keys-0-number": "A-01",
            "keys-0-quantity": "3",
            "keys-0-issued_to": "李华",
            "keys-0-spare_kept": "1",
            "staff_name": "王小明",
            "staff_signature": data_url(),
            "tenant_name": "李华",
            "tenant_signature": data_url(),
        },
    )


def test_signing_the_keys_on_the_page_is_refused_while_unpaid_then_allowed_after_the_override(
    client, front_desk, general_manager
):
    # given
    visit = identity_record(_unpaid_visit())
    client.force_login(front_desk)
    # when
    refused = _sign_post(client, visit)
    # then
    assert refused.status_code == 200
    assert "not received" in refused.content.decode()
    assert sheet_of(visit, Sheet.Kind.KEYS).status == Sheet.Status.DRAFT
    # when management overrides on the visit page
    client.force_login(general_manager)
    response = client.post(
        reverse("handover:visit-keys-override", args=[visit.pk]), {"reason": "总经理批准先交钥匙"}
    )
    assert response.status_code == 302
    client.force_login(front_desk)
    signed = _sign_post(client, visit)
    # then
    assert signed.status_code == 302
    assert sheet_of(visit, Sheet.Kind.KEYS).status == Sheet.Status.SIGNED


def test_the_override_page_refuses_the_front_desk_and_an_empty_reason(client, front_desk, general_manager):
    # given
    visit = _unpaid_visit()
    url = reverse("handover:visit-keys-override", args=[visit.pk])
    # when
    client.force_login(front_desk)
    assert client.post(url, {"reason": "急用"}).status_code == 403
    client.force_login(general_manager)
    empty = client.post(url, {"reason": ""})
    # then
    assert empty.status_code == 200
    assert empty.context["override_form"].errors
    visit.refresh_from_db()
    assert visit.keys_override_at is None


def test_recording_the_identity_on_the_page(client, front_desk):
    # given
    visit = _unpaid_visit()
    url = reverse("handover:visit-identity", args=[visit.pk])
    client.force_login(front_desk)
    # when
    missing = client.post(url, {"name": "李华", "method": "id_document", "document_type": "resident_id"})
    recorded = client.post(
        url,
        {
            "name": "李华",
            "method": "id_document",
            "document_type": "passport",
            "document_number": "E12345678",
        },
    )
    # then
    assert missing.status_code == 200
    assert missing.context["identity_form"].errors
    assert recorded.status_code == 302
    visit.refresh_from_db()
    assert (visit.identity_document_type, visit.identity_document_number) == ("passport", "E12345678")
    assert visit.identity_checked_by == front_desk
