"""Every fit-out page: the roles allowed get it, every other role 403, portal users the staff-only page,
anonymous users the login page; in the portal a tenant sees its own fit-outs only (another's: 404)."""

import pytest
from django.urls import reverse

from fitout.models import Application, Notice, Worker
from fitout.permissions import APPLICANTS, CASHIERS, ENGINEERS, FITOUT_VIEWERS, GUARDS, INSPECTORS
from tenancy.roles import Role
from tests.documents.factories import DocumentFactory
from tests.factories import make_resident_id

from .factories import applied, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(tenant) -> Application:
    return applied(tenant)


def _worker(application: Application) -> Worker:
    return Worker.objects.create(
        application=application,
        name="王师傅",
        id_number=make_resident_id(7),
        trade="木工",
        photo_document=DocumentFactory(),
        pass_number="SGZ-2026-000099",
        valid_from=today(),
        valid_until=today(),
    )


GET_PAGES = [
    ("fitout:application-list", lambda a: {}, FITOUT_VIEWERS),
    ("fitout:application-create", lambda a: {}, APPLICANTS),
    ("fitout:application-detail", lambda a: {"pk": a.pk}, FITOUT_VIEWERS),
    ("fitout:application-sign", lambda a: {"pk": a.pk}, APPLICANTS),
    ("fitout:pass-check", lambda a: {}, GUARDS),
    ("fitout:pass-check-number", lambda a: {"number": "SGZ-2026-000001"}, GUARDS),
]
POST_ACTIONS = [
    ("fitout:application-create", lambda a: {}, APPLICANTS),
    ("fitout:application-sign", lambda a: {"pk": a.pk}, APPLICANTS),
    ("fitout:resubmit", lambda a: {"pk": a.pk}, APPLICANTS),
    ("fitout:fire-approval", lambda a: {"pk": a.pk}, (*APPLICANTS, *ENGINEERS)),
    ("fitout:review", lambda a: {"pk": a.pk}, ENGINEERS),
    ("fitout:deposit-bill", lambda a: {"pk": a.pk}, CASHIERS),
    ("fitout:power-agreement", lambda a: {"pk": a.pk}, (*CASHIERS, *ENGINEERS)),
    ("fitout:permit-issue", lambda a: {"pk": a.pk}, ENGINEERS),
    ("fitout:worker-register", lambda a: {"pk": a.pk}, GUARDS),
    ("fitout:inspection", lambda a: {"pk": a.pk}, INSPECTORS),
    ("fitout:notice-issue", lambda a: {"pk": a.pk}, INSPECTORS),
    ("fitout:completion", lambda a: {"pk": a.pk}, ENGINEERS),
    ("fitout:worker-revoke", lambda a: {"pk": _worker(a).pk}, GUARDS),
]


def test_the_roles_are_the_ones_the_domain_names():
    assert set(FITOUT_VIEWERS) == set(Role.values) - {Role.BUSINESS, Role.LEGAL}
    assert set(APPLICANTS) == {Role.FRONT_DESK, Role.MANAGEMENT}
    assert set(ENGINEERS) == {Role.ENGINEERING, Role.MANAGEMENT}
    assert set(CASHIERS) == {Role.FINANCE, Role.MANAGEMENT}
    assert set(GUARDS) == {Role.SECURITY, Role.MANAGEMENT}


@pytest.mark.parametrize(
    ("name", "kwargs", "role", "allowed"),
    [(name, kwargs, role, role in allowed) for name, kwargs, allowed in GET_PAGES for role in Role.values],
)
def test_each_role_gets_exactly_the_pages_it_may_use(
    client, staff_by_role, application, name, kwargs, role, allowed
):
    # given
    client.force_login(staff_by_role[role])
    # when
    response = client.get(reverse(name, kwargs=kwargs(application)))
    # then
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize(
    ("name", "kwargs", "role", "allowed"),
    [(name, kwargs, role, role in allowed) for name, kwargs, allowed in POST_ACTIONS for role in Role.values],
)
def test_each_role_may_press_exactly_the_buttons_it_may_use(
    client, staff_by_role, application, name, kwargs, role, allowed
):
    # given
    url = reverse(name, kwargs=kwargs(application))
    client.force_login(staff_by_role[role])
    # when
    response = client.post(url, {})
    # then: allowed roles get the page back with the form's errors (or a redirect), the others 403
    assert response.status_code in ((200, 302) if allowed else (403,))
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED and not application.deposit_account_id


@pytest.mark.parametrize(("name", "kwargs"), [(name, kwargs) for name, kwargs, _allowed in GET_PAGES])
def test_a_portal_user_gets_the_staff_only_page(client, tenant_user, application, name, kwargs):
    client.force_login(tenant_user)
    response = client.get(reverse(name, kwargs=kwargs(application)))
    assert response.status_code == 403
    assert [t.name for t in response.templates][0] == "403_staff_only.html"


@pytest.mark.parametrize(("name", "kwargs"), [(name, kwargs) for name, kwargs, _allowed in GET_PAGES])
def test_anonymous_users_are_sent_to_log_in(client, application, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs(application)))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def _notice(application: Application, by) -> Notice:  # type: ignore[no-untyped-def]
    return Notice.objects.create(
        application=application, kind="violation", number="WZ-2026-000099", text="x", by=by
    )


PORTAL_GET = [
    ("fitout_portal:detail", lambda a, n: {"pk": a.pk}),
    ("fitout_portal:sign", lambda a, n: {"pk": a.pk}),
]
PORTAL_POST = [
    ("fitout_portal:sign", lambda a, n: {"pk": a.pk}),
    ("fitout_portal:resubmit", lambda a, n: {"pk": a.pk}),
    ("fitout_portal:fire-approval", lambda a, n: {"pk": a.pk}),
    ("fitout_portal:notice-answer", lambda a, n: {"pk": n.pk}),
]


@pytest.mark.parametrize(("name", "kwargs"), PORTAL_GET)
def test_the_tenant_opens_its_own_fit_out_in_the_portal(
    client, tenant_user, engineer, application, name, kwargs
):
    client.force_login(tenant_user)
    response = client.get(reverse(name, kwargs=kwargs(application, _notice(application, engineer))))
    assert response.status_code == 200
    assert application.number in response.content.decode()


@pytest.mark.parametrize(
    ("name", "kwargs", "method"),
    [(n, k, "get") for n, k in PORTAL_GET] + [(n, k, "post") for n, k in PORTAL_POST],
)
def test_another_tenants_fit_out_is_404_in_the_portal(
    client, other_tenant_user, engineer, application, name, kwargs, method
):
    # given
    client.force_login(other_tenant_user)
    url = reverse(name, kwargs=kwargs(application, _notice(application, engineer)))
    # when
    response = getattr(client, method)(url, {"answer": "x"})
    # then
    assert response.status_code == 404
    assert not Notice.objects.filter(answered_at__isnull=False).exists()


def test_the_portal_list_shows_only_the_tenants_own_fit_outs(
    client, tenant_user, other_tenant_user, application
):
    # given
    client.force_login(other_tenant_user)
    # when
    response = client.get(reverse("fitout_portal:list"))
    # then
    assert response.status_code == 200 and application.number not in response.content.decode()
    client.force_login(tenant_user)
    assert application.number in client.get(reverse("fitout_portal:list")).content.decode()


@pytest.mark.parametrize("name", ["fitout_portal:list", "fitout_portal:apply"])
def test_staff_have_no_portal_pages(client, front_desk, name):
    client.force_login(front_desk)
    assert client.get(reverse(name)).status_code == 404
