"""Issue 13: the landlord's termination through the pages, in both languages: business proposes it from the
lease page, another manager approves it, the proposer cannot; bad input is refused at its field with what
was typed kept."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import Document
from leasing.document_kinds import TERMINATION_LETTER
from leasing.models import Lease, LeaseTermination
from tests.factories import UserFactory

from .lease_factories import document_root_fixture, lease_in  # noqa: F401 (the document_root fixture)

pytestmark = pytest.mark.django_db


def _lease() -> Lease:
    today = timezone.localdate()
    return lease_in(
        Lease.Status.ACTIVE, start_date=today - timedelta(days=300), end_date=today + timedelta(days=400)
    )


@pytest.mark.parametrize(
    ("language", "button", "title"),
    [("zh-hans", "解除合同", "提议解除合同"), ("en", "Terminate", "Propose a termination")],
)
def test_business_proposes_a_termination_from_the_lease_page(client, language, button, title):
    # given
    lease = _lease()
    client.force_login(UserFactory(roles=["business"]))
    client.cookies["django_language"] = language
    effective = timezone.localdate() + timedelta(days=30)
    # when
    detail = client.get(reverse("leasing:lease-detail", args=[lease.pk])).content.decode()
    form = client.get(reverse("leasing:termination-propose", args=[lease.pk])).content.decode()
    posted = client.post(
        reverse("leasing:termination-propose", args=[lease.pk]),
        {"grounds": "breach", "reason": "Sublet without consent.", "effective_date": effective.isoformat()},
    )
    # then
    assert button in detail and reverse("leasing:termination-propose", args=[lease.pk]) in detail
    assert title in form
    termination = LeaseTermination.objects.get()
    assert posted.status_code == 302 and posted.url == reverse(
        "leasing:termination-detail", args=[termination.pk]
    )
    assert (termination.grounds, termination.effective_date) == ("breach", effective)


@pytest.mark.parametrize(
    ("language", "message"), [("zh-hans", "生效日期不能早于今天"), ("en", "cannot be in the past")]
)
def test_a_past_effective_date_is_refused_at_its_field_with_the_reason_kept(client, language, message):
    lease = _lease()
    client.force_login(UserFactory(roles=["finance"]))
    client.cookies["django_language"] = language
    response = client.post(
        reverse("leasing:termination-propose", args=[lease.pk]),
        {"grounds": "arrears", "reason": "Unpaid since May.", "effective_date": "2020-01-01"},
    )
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["effective_date"])
    assert "Unpaid since May." in response.content.decode()
    assert not LeaseTermination.objects.exists()


def test_front_desk_and_legal_may_not_propose(client):
    lease = _lease()
    for role in ("front_desk", "legal"):
        client.force_login(UserFactory(roles=[role]))
        assert client.get(reverse("leasing:termination-propose", args=[lease.pk])).status_code == 403


@pytest.mark.parametrize(
    ("language", "approve"), [("zh-hans", "批准并发送通知书"), ("en", "Approve and send the letter")]
)
def test_another_manager_approves_and_the_proposer_cannot(client, document_root, language, approve):
    # given: proposed by one manager
    lease = _lease()
    proposer = UserFactory(roles=["management"])
    client.force_login(proposer)
    client.cookies["django_language"] = language
    effective = timezone.localdate() + timedelta(days=20)
    client.post(
        reverse("leasing:termination-propose", args=[lease.pk]),
        {"grounds": "arrears", "reason": "Three months unpaid.", "effective_date": effective.isoformat()},
    )
    termination = LeaseTermination.objects.get()
    url = reverse("leasing:termination-detail", args=[termination.pk])
    # when: the proposer opens it, and tries to approve anyway
    own = client.get(url).content.decode()
    refused = client.post(url, {"decision": "approve", "note": ""})
    # then
    assert approve not in own and 'data-testid="approve"' not in own
    assert refused.status_code == 200 and refused.context["form"].non_field_errors()
    # when: another manager approves it (the queue lists it)
    client.force_login(UserFactory(roles=["management"]))
    queue = client.get(reverse("leasing:termination-list")).content.decode()
    page = client.get(url).content.decode()
    approved = client.post(url, {"decision": "approve", "note": "Agreed."})
    # then
    assert lease.number in queue and approve in page
    assert approved.status_code == 302
    termination.refresh_from_db()
    lease.refresh_from_db()
    assert termination.status == LeaseTermination.Status.APPROVED
    assert lease.status == Lease.Status.NOTICE_GIVEN and lease.effective_end == effective
    assert Document.objects.filter(kind=TERMINATION_LETTER, tenant=lease.tenant).count() == 1
    detail = client.get(reverse("leasing:lease-detail", args=[lease.pk])).content.decode()
    assert 'data-testid="lease-terminations"' in detail and 'data-testid="terminate"' not in detail


def test_a_rejection_needs_a_note(client):
    lease = _lease()
    termination = LeaseTermination.objects.create(
        lease=lease, grounds="other", reason="x", effective_date=date.today() + timedelta(days=5)
    )
    client.force_login(UserFactory(roles=["management"]))
    url = reverse("leasing:termination-detail", args=[termination.pk])
    response = client.post(url, {"decision": "reject", "note": ""})
    assert response.status_code == 200 and response.context["form"].errors["note"]
    assert client.post(url, {"decision": "reject", "note": "Paid meanwhile."}).status_code == 302
    termination.refresh_from_db()
    assert termination.status == LeaseTermination.Status.REJECTED
