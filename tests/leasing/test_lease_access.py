"""Every lease page: the roles allowed get it, every other role 403, portal users the staff-only page,
anonymous users the login page."""

from datetime import date

import pytest
from django.urls import reverse

from leasing.leases.amendments import amendment_create
from leasing.leases.permissions import LEASE_EDITORS, LEASE_REPORT_VIEWERS, LEASE_VIEWERS, RENEWAL_STAFF
from leasing.leases.renewals import lease_expiry_sweep
from leasing.models import Lease, RenewalCase
from tenancy.roles import Role
from tests.leasing.lease_factories import business_user, draft_lease, lease_in

# (url name, what the pk is, roles allowed, method)
PAGES = [
    ("leasing:lease-list", None, LEASE_VIEWERS),
    ("leasing:lease-detail", "draft", LEASE_VIEWERS),
    ("leasing:lease-create", None, LEASE_EDITORS),
    ("leasing:lease-edit", "draft", LEASE_EDITORS),
    ("leasing:lease-sign", "draft", LEASE_EDITORS),
    ("leasing:lease-summary-print", "draft", LEASE_EDITORS),
    ("leasing:lease-cancel", "draft", LEASE_EDITORS),
    ("leasing:amendment-create", "active", LEASE_EDITORS),
    ("leasing:amendment-sign", "amendment", LEASE_EDITORS),
    ("leasing:move-out-notice", "active", RENEWAL_STAFF),
    ("leasing:renewal-case-list", None, RENEWAL_STAFF),
    ("leasing:renewal-case-detail", "case", RENEWAL_STAFF),
    ("leasing:report-occupancy", None, LEASE_REPORT_VIEWERS),
    ("leasing:report-ending", None, LEASE_REPORT_VIEWERS),
    ("leasing:report-rent-roll", None, LEASE_REPORT_VIEWERS),
]
CASES = [(name, kind, role, role in allowed) for name, kind, allowed in PAGES for role in Role.values]


def _url(name: str, kind: str | None) -> str:
    if kind is None:
        return reverse(name)
    if kind == "draft":
        pk = draft_lease().pk
    elif kind == "active":
        pk = lease_in(Lease.Status.ACTIVE).pk
    elif kind == "amendment":
        lease = lease_in(Lease.Status.ACTIVE)
        pk = amendment_create(
            lease=lease,
            effective_date=lease.start_date,
            reason="调租",
            end_date=lease.end_date,
            by=business_user(),
        ).pk
    else:
        lease_in(Lease.Status.ACTIVE)
        lease_expiry_sweep(today=date(2027, 11, 1))
        pk = RenewalCase.objects.get().pk
    return reverse(name, kwargs={"pk": pk})


def test_the_roles_are_the_ones_the_issue_names():
    assert set(LEASE_EDITORS) == {Role.BUSINESS, Role.MANAGEMENT}
    assert set(RENEWAL_STAFF) == {Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT}
    assert Role.ENGINEERING not in LEASE_VIEWERS and Role.SECURITY not in LEASE_VIEWERS


@pytest.mark.parametrize(("name", "kind", "role", "allowed"), CASES)
def test_each_role_gets_exactly_the_lease_pages_it_may_use(client, staff_by_role, name, kind, role, allowed):
    # given
    url = _url(name, kind)
    client.force_login(staff_by_role[role])
    # when
    response = client.get(url)
    # then
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize(("name", "kind"), [(name, kind) for name, kind, _allowed in PAGES])
def test_a_portal_user_gets_the_staff_only_page(client, tenant_user, name, kind):
    # given
    url = _url(name, kind)
    client.force_login(tenant_user)
    # when
    response = client.get(url)
    # then
    assert response.status_code == 403
    assert [t.name for t in response.templates][0] == "403_staff_only.html"


@pytest.mark.parametrize(("name", "kind"), [(name, kind) for name, kind, _allowed in PAGES])
def test_anonymous_users_are_sent_to_the_login_page(client, db, name, kind):
    # given
    url = _url(name, kind)
    # when
    response = client.get(url)
    # then
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("role", Role.values)
def test_activate_is_a_post_for_the_editors_only(client, staff_by_role, role):
    # given
    lease = lease_in(Lease.Status.SIGNED)
    client.force_login(staff_by_role[role])
    # when
    response = client.post(reverse("leasing:lease-activate", kwargs={"pk": lease.pk}))
    # then
    assert response.status_code == (302 if role in LEASE_EDITORS else 403)
    expected = Lease.Status.ACTIVE if role in LEASE_EDITORS else Lease.Status.SIGNED
    assert Lease.objects.get(pk=lease.pk).status == expected
