"""The demo loaded once (seeding takes a while) and checked: consistent (let units, active tenants and
deposits follow the leases), work at every stage, valid identifiers and logins, and every number on the
dashboard the count of the list its card links to, for every staff role."""

import re
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.paginator import Page
from django.db import transaction
from django.db.models import QuerySet
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tables2 import Table
from stdnum.cn import ric, uscc

from billing.models import Bill, DepositAccount, DunningLetter
from billing.selectors import bills_with_balance
from handover.models import MeterRound, RectificationItem, Visit
from leasing.demo import DEMO_PASSWORD, PORTAL_USERNAMES, STAFF_USERNAMES, SUPERUSER
from leasing.models import Building, Lease, LeaseUnit, RenewalCase, Unit
from servicedesk.models import Ticket
from tenancy.models import Application, ReviewStep, Tenant, TenantMembership
from tenancy.validators import validate_credit_code, validate_mobile, validate_resident_id

User = get_user_model()
# One worker runs them all, so the demo is loaded once.
pytestmark = pytest.mark.xdist_group("seed_demo_living")


@pytest.fixture(scope="module")
def living(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module's read-only checks and rolled back after them; its output."""
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True, PASSWORD_HASHERS=hashers):
            out = StringIO()
            call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_seed_demo_loads_one_building_of_twenty_floors_and_two_hundred_units(living):
    # then
    building = Building.objects.get()
    assert building.floors.count() == 20
    units = list(building.units.select_related("floor"))
    assert len(units) == 200
    assert all(re.fullmatch(rf"{building.code}-(0[1-9]|1\d|20)(0[1-9]|10)", u.code) for u in units)
    assert all(u.code[2:4] == f"{u.floor.number:02d}" for u in units)
    assert {u.use for u in units} == set(Unit.Use.values)
    vacant_or_occupied = [u for u in units if u.status in (Unit.Status.VACANT, Unit.Status.OCCUPIED)]
    assert len(vacant_or_occupied) > 150
    assert all(0 < u.usable_area <= u.gross_area for u in units)
    assert all(isinstance(u.guide_rent, Decimal) and u.guide_rent > 0 for u in units)


@pytest.mark.django_db
def test_seed_demo_tenants_have_valid_identifiers_and_contacts(living):
    # then: the 30 tenants of the building (the applicant the demo admitted is checked by intake)
    tenants = list(Tenant.objects.filter(applications__isnull=True).prefetch_related("contacts"))
    assert len(tenants) == 30
    companies = [t for t in tenants if t.kind == Tenant.Kind.COMPANY]
    persons = [t for t in tenants if t.kind == Tenant.Kind.PERSON]
    assert persons and len(companies) > len(persons)
    assert all(uscc.is_valid(t.credit_code) for t in companies)
    assert all(ric.is_valid(t.id_number) for t in persons)
    assert all(t.name.endswith("有限公司") for t in companies)
    assert all(1 <= len(t.contacts.all()) <= 3 for t in tenants)
    assert all(sum(c.is_primary for c in t.contacts.all()) == 1 for t in tenants)
    # and the app's own form validators accept them
    assert all(validate_credit_code(t.credit_code) == t.credit_code for t in companies)
    assert all(validate_resident_id(t.id_number) == t.id_number for t in persons)
    assert all(validate_mobile(c.mobile) == c.mobile for t in tenants for c in t.contacts.all())


@pytest.mark.django_db
def test_seed_demo_staff_users_log_in_and_are_in_their_role_group(living):
    # then
    for role, username in STAFF_USERNAMES.items():
        user = User.objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [role]
        _assert_logs_in(username)
    admin = User.objects.get(username=SUPERUSER)
    assert admin.is_superuser and admin.is_staff
    _assert_logs_in(SUPERUSER)


@pytest.mark.django_db
def test_seed_demo_portal_users_act_for_different_tenants(living):
    # then
    users = [User.objects.get(username=username) for username in PORTAL_USERNAMES]
    assert not any(u.is_staff or u.is_superuser or u.groups.exists() for u in users)
    tenants = {TenantMembership.objects.get(user=u).tenant_id for u in users}
    assert len(tenants) == 2
    for username in PORTAL_USERNAMES:
        _assert_logs_in(username)


@pytest.mark.django_db
def test_seed_demo_prints_the_address_and_a_login_per_role(living):
    output = living
    # then
    assert settings.SITE_URL in output
    for username in [SUPERUSER, *STAFF_USERNAMES.values(), *PORTAL_USERNAMES]:
        assert re.search(rf"\s{username}\s+{re.escape(DEMO_PASSWORD)}$", output, re.MULTILINE)


def _assert_logs_in(username: str) -> None:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{username} could not log in"
    assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)


@pytest.mark.django_db
def test_seed_demo_every_active_tenant_has_a_running_lease_and_every_lease_its_deposit(living):
    # then: active tenants are exactly those with a live lease
    live = Lease.objects.filter(status__in=Lease.LIVE)
    assert set(Tenant.objects.filter(status=Tenant.Status.ACTIVE).values_list("pk", flat=True)) == set(
        live.values_list("tenant_id", flat=True)
    )
    # and each live lease holds the deposit it names, received through billing
    held = dict(
        DepositAccount.objects.filter(purpose=DepositAccount.Purpose.LEASE).values_list("lease_id", "held")
    )
    assert held == dict(live.values_list("pk", "deposit_amount"))
    # and the let units are those the live leases hold (the dashboard once showed 89 let units for 2 leases)
    taken = (Unit.Status.OCCUPIED, Unit.Status.RESERVED, Unit.Status.FIT_OUT)
    held_units = LeaseUnit.objects.filter(blocking=True, lease__status__in=Lease.LIVE)
    assert set(Unit.objects.filter(status__in=taken).values_list("pk", flat=True)) == set(
        held_units.values_list("unit_id", flat=True)
    )
    assert live.count() > 20


@pytest.mark.django_db
def test_seed_demo_shows_applications_at_every_review_step(living):
    # then
    applications = list(Application.objects.prefetch_related("steps"))
    open_steps = {
        step.department
        for application in applications
        for step in application.steps.all()
        if step.status == ReviewStep.Status.OPEN and application.status == Application.Status.IN_REVIEW
    }
    assert open_steps == set(ReviewStep.Department.values)
    statuses = {application.status for application in applications}
    assert {Application.Status.APPROVED, Application.Status.REJECTED} <= statuses


@pytest.mark.django_db
def test_seed_demo_shows_leases_ending_with_renewal_cases_and_a_move_out(living):
    # then
    cases = list(RenewalCase.objects.order_by("term_end"))
    today = timezone.localdate()
    assert len(cases) == 3 and all(today < case.term_end <= today + timedelta(days=62) for case in cases)
    assert [case.intent for case in cases] == ["leave", "renew", "undecided"]
    assert all(case.notice_id for case in cases)
    assert Lease.objects.filter(status=Lease.Status.NOTICE_GIVEN).count() == 1
    assert Lease.objects.filter(status=Lease.Status.DRAFT, previous__isnull=False).count() == 1


@pytest.mark.django_db
def test_seed_demo_shows_visits_rectifications_and_meter_rounds_in_progress(living):
    # then
    assert Visit.objects.filter(kind=Visit.Kind.MOVE_IN, status=Visit.Status.OPEN).count() >= 2
    assert Visit.objects.filter(kind=Visit.Kind.MOVE_OUT, status=Visit.Status.OPEN).exists()
    items = RectificationItem.objects.filter(status=RectificationItem.Status.OPEN)
    assert items.filter(overdue_flagged_on__isnull=False).count() == 1
    assert items.filter(overdue_flagged_on__isnull=True).count() == 1
    statuses = sorted(MeterRound.objects.values_list("status", flat=True))
    assert statuses == sorted([MeterRound.Status.CLOSED, MeterRound.Status.OPEN])


@pytest.mark.django_db
def test_seed_demo_shows_bills_paid_part_paid_and_at_every_dunning_stage(living):
    # then
    today = timezone.localdate()
    bills = list(bills_with_balance(Bill.objects.filter(due_date__lt=today)))
    assert any(b.outstanding == 0 for b in bills)
    assert any(0 < b.paid_total < b.total for b in bills)
    stages = set(DunningLetter.objects.values_list("kind", flat=True))
    assert stages == {"reminder", "second", "final", "termination"}
    assert bills_with_balance(Bill.objects.filter(due_date__gte=today)).filter(outstanding__gt=0).exists()


@pytest.mark.django_db
def test_seed_demo_shows_tickets_new_overdue_awaiting_follow_up_and_closed(living):
    # then
    now = timezone.now()
    tickets = Ticket.objects.all()
    assert tickets.filter(status=Ticket.Status.NEW).count() >= 2
    open_ = tickets.exclude(status__in=(Ticket.Status.RESOLVED, Ticket.Status.CLOSED))
    assert (
        open_.filter(resolution_due_at__lt=now).exists() or open_.filter(acknowledge_due_at__lt=now).exists()
    )
    assert tickets.filter(status=Ticket.Status.RESOLVED).exists()
    assert tickets.filter(status=Ticket.Status.CLOSED, follow_ups__reached=True).exists()


@pytest.mark.django_db
def test_every_dashboard_number_is_the_count_of_its_list(living, client):
    # given: each staff role, on the seeded building
    checked = 0
    for username in STAFF_USERNAMES.values():
        client.force_login(User.objects.get(username=username))
        cards = [card for card in client.get(reverse("dashboard")).context["cards"] if card["url"]]
        # when: the card's link is followed as that user
        for card in cards:
            response = client.get(card["url"])
            # then
            assert response.status_code == 200, (username, card["url"])
            value = card["value"]
            assert _rows(response) == value, (username, str(card["label"]), card["url"])
            checked += 1
    assert checked > 20


def _rows(response) -> int:
    """How many rows the list page has in all (not only on the page shown): its table's or page's paginator,
    else the one queryset it lists."""
    values: dict = {}
    for context in response.context:
        values.update(context.flatten())
    # A page that shows what waits beside a table of what was decided (the termination decisions): the
    # card counts what waits.
    if "waiting" in values:
        return len(values["waiting"])
    for value in values.values():
        if isinstance(value, Table):
            paginator = getattr(value, "paginator", None)
            return paginator.count if paginator is not None else len(value.rows)
    for value in values.values():
        if isinstance(value, Page):
            return value.paginator.count
    # Lists that are not tables yet: the rows they show.
    for name in LIST_NAMES:
        if name in values:
            rows = values[name]
            return rows.count() if isinstance(rows, QuerySet) else len(rows)
    raise AssertionError(f"{response.request['PATH_INFO']}: which list? {sorted(values)}")


LIST_NAMES = ("rows", "leases", "tenants")
