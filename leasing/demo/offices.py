"""Demo management offices: two offices sharing the demo's buildings (even ones to the first, odd ones to
the second), a front desk clerk and a manager in each, and the head office holding the role logins (who
therefore see every building, as before offices existed)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tenancy.models import ManagementOffice, StaffOffice
from tenancy.roles import Role

from ..models import Building
from .common import DemoLogin, SeedReport, person_name, rng
from .space import building_code
from .users import DEMO_PASSWORD, STAFF_USERNAMES, ensure_user

# code: (name, issuing name); the office of the index-th demo building is OFFICES[index % 2].
OFFICES: tuple[tuple[str, str, str], ...] = (
    ("PD", "浦东管理处", "浦东物业管理处"),
    ("JA", "静安管理处", "静安物业管理处"),
)
# Per office: (role, username suffix); the login of the first office's clerk is ``frontdesk_pd``.
OFFICE_STAFF: tuple[tuple[str, str], ...] = ((Role.FRONT_DESK, "frontdesk"), (Role.MANAGEMENT, "manager"))


def seed_offices(scale: int, report: SeedReport) -> list[DemoLogin]:
    """Create the offices, give each building without an office to its demo office, and the office logins."""
    head = _head_office(report)
    for username in STAFF_USERNAMES.values():
        user = get_user_model().objects.get(username=username)
        if not user.staff_offices.exists():  # a login someone moved to an office stays there
            StaffOffice.objects.create(user=user, office=head)
    offices = []
    for code, name, issuing in OFFICES:
        office, created = ManagementOffice.objects.get_or_create(
            code=code, defaults={"name": name, "issuing_name": issuing}
        )
        report.count("offices", int(created))
        offices.append(office)
    for index in range(scale):
        Building.objects.filter(code=building_code(index), office__isnull=True).update(
            office=offices[index % len(offices)]
        )
    return [login for office in offices for login in _office_staff(office, report)]


def _head_office(report: SeedReport) -> ManagementOffice:
    """The head office the migration made (made again on a database emptied since)."""
    head = ManagementOffice.objects.filter(is_head_office=True).first()
    if head is None:
        head = ManagementOffice.objects.create(name="总部", code="HQ", is_head_office=True)
        report.count("offices", 1)
    return head


def _office_staff(office: ManagementOffice, report: SeedReport) -> list[DemoLogin]:
    draw = rng(f"office/{office.code}")
    logins = []
    for role, prefix in OFFICE_STAFF:
        username = f"{prefix}_{office.code.lower()}"
        name = person_name(draw)
        user = ensure_user(report, username, is_staff=True, last_name=name[0], first_name=name[1:])
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        StaffOffice.objects.get_or_create(user=user, office=office)
        logins.append(DemoLogin(role, username, DEMO_PASSWORD, office=office.name))
    return logins
