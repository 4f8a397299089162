"""Every staff page of handover: the roles allowed get it, every other role 403, portal users the staff-only
page, anonymous users the login page. The portal shows a tenant its own visits only."""

import pytest
from django.urls import reverse

from handover.models import RectificationItem, Sheet
from handover.permissions import HANDOVER_STAFF, INSPECTORS, RECTIFIERS, VISIT_OPENERS, VISIT_VIEWERS
from tenancy.roles import Role

from .factories import fill_acceptance, sign, staff

pytestmark = pytest.mark.django_db

# Engineering's pre-inspection task: engineering and management (security has its own task).
ENGINEERING_TASK = tuple(r for r in INSPECTORS if r != Role.SECURITY)

# (url name, kwargs builder, roles allowed)
GET_PAGES = [
    ("handover:visit-list", lambda v: {}, VISIT_VIEWERS),
    ("handover:visit-open-move-in", lambda v: {}, VISIT_OPENERS),
    ("handover:visit-open-move-out", lambda v: {}, VISIT_OPENERS),
    ("handover:visit-detail", lambda v: {"pk": v.pk}, VISIT_VIEWERS),
    ("handover:sheet", lambda v: {"pk": v.pk, "kind": "keys"}, HANDOVER_STAFF),
    ("handover:rectification-list", lambda v: {}, VISIT_VIEWERS),
]
POST_ACTIONS = [
    ("handover:visit-complete", lambda v: {"pk": v.pk}, HANDOVER_STAFF),
    ("handover:booking-create", lambda v: {"pk": v.pk}, HANDOVER_STAFF),
    ("handover:sheet", lambda v: {"pk": v.pk, "kind": "keys"}, HANDOVER_STAFF),
    ("handover:sheet-supersede", lambda v: {"pk": v.pk, "kind": "keys"}, HANDOVER_STAFF),
    (
        "handover:pre-inspection",
        lambda v: {"pk": v.pk, "task_pk": v.pre_inspections.get(department="engineering").pk},
        ENGINEERING_TASK,
    ),
    ("handover:rectification-fix", lambda v: {"pk": _rectification(v).pk}, RECTIFIERS),
    ("handover:rectification-confirm", lambda v: {"pk": _rectification(v).pk}, HANDOVER_STAFF),
]


def _rectification(visit) -> RectificationItem:
    item = RectificationItem.objects.filter(visit=visit).first()
    if item is None:
        by = staff()
        fill_acceptance(visit, by)
        sign(visit, Sheet.Kind.ACCEPTANCE, by)
        item = RectificationItem.objects.get(visit=visit)
    return item


def test_the_roles_are_the_ones_the_domain_names():
    assert Role.LEGAL not in VISIT_VIEWERS
    assert set(VISIT_OPENERS) == {Role.FRONT_DESK, Role.MANAGEMENT}
    assert set(HANDOVER_STAFF) == {Role.FRONT_DESK, Role.ENGINEERING, Role.MANAGEMENT}
    assert set(RECTIFIERS) == {Role.ENGINEERING, Role.MANAGEMENT}


@pytest.mark.parametrize(
    ("name", "kwargs", "role", "allowed"),
    [(name, kwargs, role, role in allowed) for name, kwargs, allowed in GET_PAGES for role in Role.values],
)
def test_each_role_gets_exactly_the_pages_it_may_use(
    client, staff_by_role, visit, name, kwargs, role, allowed
):
    # given
    client.force_login(staff_by_role[role])
    # when
    response = client.get(reverse(name, kwargs=kwargs(visit)))
    # then
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize(
    ("name", "kwargs", "role", "allowed"),
    [(name, kwargs, role, role in allowed) for name, kwargs, allowed in POST_ACTIONS for role in Role.values],
)
def test_each_role_may_press_exactly_the_buttons_it_may_use(
    client, staff_by_role, visit, name, kwargs, role, allowed
):
    # given
    url = reverse(name, kwargs=kwargs(visit))
    client.force_login(staff_by_role[role])
    # when
    response = client.post(url, {})
    # then: allowed roles get a page back (a form error or a redirect), the others 403
    assert response.status_code in ((200, 302, 409) if allowed else (403,))


def test_security_may_not_record_engineering_findings(client, security_guard, visit):
    task = visit.pre_inspections.get(department="engineering")
    client.force_login(security_guard)
    url = reverse("handover:pre-inspection", kwargs={"pk": visit.pk, "task_pk": task.pk})
    assert client.post(url, {"findings": "ok"}).status_code == 403
    task.refresh_from_db()
    assert not task.is_done


@pytest.mark.parametrize(("name", "kwargs"), [(name, kwargs) for name, kwargs, _allowed in GET_PAGES])
def test_a_portal_user_gets_the_staff_only_page(client, tenant_user, visit, name, kwargs):
    client.force_login(tenant_user)
    response = client.get(reverse(name, kwargs=kwargs(visit)))
    assert response.status_code == 403
    assert [t.name for t in response.templates][0] == "403_staff_only.html"


@pytest.mark.parametrize(("name", "kwargs"), [(name, kwargs) for name, kwargs, _allowed in GET_PAGES])
def test_anonymous_users_are_sent_to_log_in(client, visit, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs(visit)))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_unknown_sheet_kind_is_404(client, front_desk, visit):
    client.force_login(front_desk)
    assert client.get(reverse("handover:sheet", kwargs={"pk": visit.pk, "kind": "nope"})).status_code == 404
