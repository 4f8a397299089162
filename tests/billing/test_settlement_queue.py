"""Finance's queue of leases waiting for their move-out settlement."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from billing.models import Settlement
from handover.models import Sheet, Visit
from leasing.models import Lease
from tests.billing.factories import active_lease
from tests.documents.factories import DocumentFactory


def _confirmation(lease: Lease, status: str) -> Sheet:
    """A move-out visit of the lease with its confirmation sheet in the given state."""
    visit = Visit.objects.create(
        kind=Visit.Kind.MOVE_OUT,
        lease=lease,
        unit=lease.units.first(),
        tenant=lease.tenant,
        visit_date=date(2026, 3, 31),
    )
    signed = status == Sheet.Status.SIGNED
    return Sheet.objects.create(
        visit=visit,
        kind=Sheet.Kind.MOVE_OUT,
        status=status,
        signed_at=timezone.now() if signed else None,
        content_sha256="0" * 64 if signed else "",
        document=DocumentFactory() if signed else None,
    )


def test_the_queue_lists_leases_with_a_signed_confirmation_and_no_settlement(client, db, finance_manager):
    # given: one signed and waiting, one still a draft, one signed and settled
    waiting, draft, settled = active_lease(), active_lease(), active_lease()
    _confirmation(waiting, Sheet.Status.SIGNED)
    _confirmation(draft, Sheet.Status.DRAFT)
    _confirmation(settled, Sheet.Status.SIGNED)
    Settlement.objects.create(lease=settled, owed=0, deposit=0, applied=0, refund_due=0, balance_due=0)
    client.force_login(finance_manager)
    # when
    response = client.get(reverse("billing:settlement-queue"))
    # then
    assert list(response.context["leases"]) == [waiting]
    page = response.content.decode()
    assert reverse("billing:settlement", args=[waiting.pk]) in page
    assert reverse("billing:settlement", args=[draft.pk]) not in page


def test_the_billing_menu_links_the_queue(client, db, finance_manager):
    client.force_login(finance_manager)
    page = client.get(reverse("billing:deposit-list")).content.decode()
    assert reverse("billing:settlement-queue") in page
