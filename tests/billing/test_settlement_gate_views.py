"""Issue 13 through the pages: the settlement page refuses before the move-out confirmation is signed (a
translated refusal where it happened, nothing posted, the payee typed kept); management records why a lease
is settled without it; a supplementary settlement settles what arrived later."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from billing.models import ChargeKind, Settlement, SettlementOverride, SupplementarySettlement
from billing.services.bills import charge_record
from billing.services.deposits import deposit_receive
from leasing.models import Lease
from tests.billing.factories import MARCH, active_lease, issued_bill, move_out_confirmed
from tests.factories import UserFactory
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db
PAYEE = {"payee_name": "示例公司", "payee_bank": "工商银行", "payee_account": "6222000011112222"}


def _leaving() -> Lease:
    lease = active_lease()
    issued_bill(lease)
    deposit_receive(
        lease=lease, amount=Decimal("3000"), method="transfer", on=MARCH, by=UserFactory(roles=["finance"])
    )
    Lease.objects.filter(pk=lease.pk).update(
        status=Lease.Status.NOTICE_GIVEN, effective_end=date(2026, 3, 31)
    )
    return lease


@pytest.mark.parametrize(
    ("language", "words"), [("zh-hans", "退租交接确认书"), ("en", "move-out handover confirmation")]
)
def test_the_settlement_page_refuses_before_the_confirmation_is_signed(
    client, finance_manager, language, words
):
    # given
    lease = _leaving()
    move_out_confirmed(lease, signed=False)
    client.force_login(finance_manager)
    client.cookies["django_language"] = language
    url = reverse("billing:settlement", args=[lease.pk])
    # when
    page = client.get(url).content.decode()
    posted = client.post(url, PAYEE)
    # then: said on the page, the button disabled; the post refused where it happened, the payee kept
    assert 'data-testid="settlement-refused"' in page and words in page
    assert 'data-testid="settle" disabled' in page
    assert posted.status_code == 200 and words in str(posted.context["form"].non_field_errors())
    assert PAYEE["payee_account"] in posted.content.decode()
    assert not Settlement.objects.exists()


def test_management_records_why_and_finance_then_settles(client, finance_manager, document_root):
    # given
    lease = _leaving()
    move_out_confirmed(lease, signed=False)
    url = reverse("billing:settlement-override", args=[lease.pk])
    client.force_login(finance_manager)
    assert client.get(url).status_code == 403
    manager = UserFactory(roles=["management"])
    client.force_login(manager)
    queue = client.get(reverse("billing:settlement-queue")).content.decode()
    # when: a blank reason, then a reason
    blank = client.post(url, {"reason": " "})
    recorded = client.post(url, {"reason": "The tenant left the keys at the desk and cannot be reached."})
    # then
    assert url in queue
    assert blank.status_code == 200 and blank.context["form"].errors["reason"]
    assert recorded.status_code == 302 and SettlementOverride.objects.get().by == manager
    client.force_login(finance_manager)
    assert lease.number in client.get(reverse("billing:settlement-queue")).content.decode()
    assert client.post(reverse("billing:settlement", args=[lease.pk]), PAYEE).status_code == 302
    assert Settlement.objects.filter(lease=lease).exists()


def test_a_supplementary_settlement_through_the_page(client, finance_manager, document_root):
    # given: settled, then a damage found later
    lease = _leaving()
    move_out_confirmed(lease)
    client.force_login(finance_manager)
    url = reverse("billing:settlement", args=[lease.pk])
    client.post(url, PAYEE)
    charge_record(
        lease=lease, kind=ChargeKind.DAMAGE, description="Scratched floor", amount=Decimal("120"),
        incurred_on=date(2026, 3, 30), source="late:floor",
    )  # fmt: skip
    # when
    queue = client.get(reverse("billing:settlement-queue")).content.decode()
    page = client.get(url).content.decode()
    posted = client.post(url, PAYEE)
    # then
    assert 'data-testid="supplement-queue"' in queue and lease.number in queue
    assert 'data-testid="supplement-preview"' in page and "Scratched floor" in page
    assert posted.status_code == 302
    supplement = SupplementarySettlement.objects.get()
    assert supplement.new_charges == Decimal("120.00")
    after = client.get(url).content.decode()
    assert 'data-testid="supplements"' in after and 'data-testid="supplement-preview"' not in after
