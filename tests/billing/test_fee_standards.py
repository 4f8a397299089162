"""Tariffs and fee standards changed in the application: finance proposes, a second person in management
approves (never the proposer), only an approved price takes effect and from its date, an approved price is
never edited (a change is a later proposal), and each page refuses the other roles."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from billing.models import FitoutFeeStandard, StandardProposal, Tariff
from billing.services.standards import (
    ProposalInput,
    standard_approve,
    standard_propose,
    standard_reject,
    standard_withdraw,
)
from billing.services.utilities import Tariffs
from documents.errors import DomainError
from tests.factories import UserFactory
from tests.leasing.factories import BuildingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def today():  # type: ignore[no-untyped-def]
    return timezone.localdate()


def _propose(by, kind="electricity", price="0.9500", days=0, building=None):  # type: ignore[no-untyped-def]
    data = ProposalInput(
        kind, building, Decimal(price), today() + timedelta(days=days), "supplier's new price"
    )
    return standard_propose(data=data, by=by)


def _refused(field, call, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    assert caught.value.field == field, caught.value.message
    return caught.value.message


def test_an_approved_tariff_takes_effect_from_its_date(finance_manager, general_manager):
    # given: a price today, a new one from the 10th day
    standard_approve(proposal=_propose(finance_manager, price="0.8000"), by=general_manager)
    later = _propose(finance_manager, price="0.9500", days=10)
    # when
    standard_approve(proposal=later, by=general_manager, note="ok")
    # then: utilities read on the 9th day use the old price, from the 10th the new one
    tariffs = Tariffs()
    assert tariffs.on("electricity", today() + timedelta(days=9)) == Decimal("0.8000")
    assert tariffs.on("electricity", today() + timedelta(days=10)) == Decimal("0.9500")
    later.refresh_from_db()
    assert later.status == StandardProposal.Status.APPROVED
    assert later.decided_by == general_manager and later.tariff.unit_price == Decimal("0.9500")


def test_a_proposal_changes_nothing_until_approved(finance_manager):
    # when
    _propose(finance_manager)
    # then
    assert not Tariff.objects.exists()


def test_the_proposer_never_approves_their_own_proposal(general_manager):
    # given: someone who is both finance and management
    both = UserFactory(roles=["finance", "management"])
    proposal = _propose(both)
    # when / then
    with pytest.raises(DomainError):
        standard_approve(proposal=proposal, by=both)
    with pytest.raises(DomainError):
        standard_reject(proposal=proposal, by=both, note="no")
    assert StandardProposal.objects.get(pk=proposal.pk).status == StandardProposal.Status.PROPOSED
    # and another manager may
    standard_approve(proposal=proposal, by=general_manager)
    assert Tariff.objects.filter(proposal=proposal).exists()


def test_an_effective_date_in_the_past_is_refused_at_the_field(finance_manager):
    message = _refused("effective_from", _propose, by=finance_manager, days=-1)
    assert "past" in message


def test_an_approved_price_is_never_edited(finance_manager, general_manager):
    # given
    standard_approve(proposal=_propose(finance_manager, days=5), by=general_manager)
    # when / then: the same date, or an earlier one, is refused
    _refused("effective_from", _propose, by=finance_manager, days=5)
    _refused("effective_from", _propose, by=finance_manager, days=3)
    assert _propose(finance_manager, days=6).status == StandardProposal.Status.PROPOSED


def test_a_second_approval_for_the_same_date_is_refused(finance_manager, general_manager):
    # given: two proposals for the same date, both waiting
    first, second = _propose(finance_manager, days=3), _propose(finance_manager, price="1.0", days=3)
    standard_approve(proposal=first, by=general_manager)
    # when / then
    with pytest.raises(DomainError):
        standard_approve(proposal=second, by=general_manager)
    assert Tariff.objects.count() == 1


def test_fit_out_fees_are_per_building(finance_manager, general_manager):
    building = BuildingFactory()
    _refused("building", _propose, by=finance_manager, kind="fitout_mgmt", price="15")
    _refused("price", _propose, by=finance_manager, kind="fitout_mgmt", price="15.005", building=building)
    proposal = _propose(finance_manager, kind="fitout_mgmt", price="15.00", building=building)
    standard_approve(proposal=proposal, by=general_manager)
    assert FitoutFeeStandard.objects.get(building=building).rate == Decimal("15.00")


def test_a_rejection_needs_a_reason_and_changes_nothing(finance_manager, general_manager):
    proposal = _propose(finance_manager)
    _refused("note", standard_reject, proposal=proposal, by=general_manager, note=" ")
    standard_reject(proposal=proposal, by=general_manager, note="too high")
    assert StandardProposal.objects.get(pk=proposal.pk).status == StandardProposal.Status.REJECTED
    assert not Tariff.objects.exists()
    with pytest.raises(DomainError):  # a decided proposal is not decided again
        standard_approve(proposal=proposal, by=general_manager)


def test_only_the_proposer_withdraws(finance_manager, general_manager):
    proposal = _propose(finance_manager)
    with pytest.raises(DomainError):
        standard_withdraw(proposal=proposal, by=UserFactory(roles=["finance"]))
    standard_withdraw(proposal=proposal, by=finance_manager)
    assert StandardProposal.objects.get(pk=proposal.pk).status == StandardProposal.Status.WITHDRAWN
    with pytest.raises(DomainError):
        standard_approve(proposal=proposal, by=general_manager)


@pytest.mark.parametrize("role", ["front_desk", "business", "legal", "engineering", "security", "management"])
def test_only_finance_proposes(role):
    with pytest.raises(PermissionDenied):
        _propose(UserFactory(roles=[role]))


@pytest.mark.parametrize("role", ["front_desk", "business", "legal", "engineering", "security", "finance"])
def test_only_management_decides(role, finance_manager):
    proposal = _propose(finance_manager)
    with pytest.raises(PermissionDenied):
        standard_approve(proposal=proposal, by=UserFactory(roles=[role]))
    with pytest.raises(PermissionDenied):
        standard_reject(proposal=proposal, by=UserFactory(roles=[role]), note="no")


# Pages


def test_finance_proposes_in_the_page_and_a_past_date_comes_back_at_its_field(client, finance_manager):
    client.force_login(finance_manager)
    url = reverse("billing:standard-propose")
    data = {"kind": "water", "price": "4.5", "effective_from": (today() - timedelta(days=1)).isoformat()}
    # when: a date in the past
    page = client.post(url, data)
    # then: the message at the field, what was entered kept
    assert page.status_code == 400
    assert page.context["form"].errors["effective_from"]
    assert 'value="4.5"' in page.text
    # when: today
    page = client.post(url, {**data, "effective_from": today().isoformat()})
    proposal = StandardProposal.objects.get()
    assert page.status_code == 302 and page["Location"] == reverse(
        "billing:standard-proposal", args=[proposal.pk]
    )


def test_management_approves_in_the_page_but_not_its_own(client, finance_manager, general_manager):
    proposal = _propose(finance_manager)
    client.force_login(general_manager)
    url = reverse("billing:standard-decide", args=[proposal.pk])
    page = client.get(reverse("billing:standard-proposal", args=[proposal.pk]))
    assert 'data-testid="approve"' in page.text
    client.post(url, {"decision": "approve", "note": ""})
    assert StandardProposal.objects.get(pk=proposal.pk).status == StandardProposal.Status.APPROVED
    # and one's own proposal shows no decision and is refused
    both = UserFactory(roles=["finance", "management"])
    own = _propose(both, days=1)
    client.force_login(both)
    page = client.get(reverse("billing:standard-proposal", args=[own.pk]))
    assert 'data-testid="approve"' not in page.text
    page = client.post(reverse("billing:standard-decide", args=[own.pk]), {"decision": "approve"})
    assert page.status_code == 400
    assert StandardProposal.objects.get(pk=own.pk).status == StandardProposal.Status.PROPOSED


def test_the_list_and_history_show_who_proposed_and_approved(client, finance_manager, general_manager):
    proposal = _propose(finance_manager, price="0.8800")
    standard_approve(proposal=proposal, by=general_manager)
    client.force_login(general_manager)
    listing = client.get(reverse("billing:standards"))
    assert listing.status_code == 200 and "0.88" in listing.text
    history = client.get(reverse("billing:standard-history", args=["electricity"]))
    assert history.status_code == 200
    assert finance_manager.first_name in history.text and general_manager.first_name in history.text


@pytest.mark.parametrize("role", ["front_desk", "business", "legal", "engineering", "security"])
def test_other_roles_get_403_on_every_page(client, role, finance_manager):
    proposal = _propose(finance_manager)
    client.force_login(UserFactory(roles=[role]))
    for url in (
        reverse("billing:standards"),
        reverse("billing:standard-propose"),
        reverse("billing:standard-proposal", args=[proposal.pk]),
        reverse("billing:standard-history", args=["electricity"]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("billing:standard-decide", args=[proposal.pk])).status_code == 403
    assert client.post(reverse("billing:standard-withdraw", args=[proposal.pk])).status_code == 403


def test_management_may_not_propose_and_finance_may_not_decide(client, finance_manager, general_manager):
    proposal = _propose(finance_manager)
    client.force_login(general_manager)
    assert client.get(reverse("billing:standard-propose")).status_code == 403
    client.force_login(UserFactory(roles=["finance"]))
    assert client.post(reverse("billing:standard-decide", args=[proposal.pk])).status_code == 403
