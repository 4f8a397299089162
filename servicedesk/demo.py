"""Demo stage of the service desk, last of the house: tickets of the first building's tenants at every step.

Through the desk's services, as the front desk, engineering and a portal user: a portal request nobody has
taken yet and a phone call just received (new); a complaint received two days ago and not yet answered, and a
repair routed to engineering five days ago and still in progress (both overdue on their clocks); a repair done
yesterday awaiting its follow-up (回访); one done last week, followed up by phone with a rating and closed.
Nothing is added once any ticket exists, so running ``seed_demo`` again adds nothing.
"""

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from documents.actors import User
from leasing.demo.common import SeedReport
from leasing.demo.space import building_code
from leasing.models import Lease
from tenancy.models import TenantMembership

from .models import Category, Department, Ticket
from .models_followup import FollowUp
from .services.followup import ticket_follow_up_record
from .services.intake import ticket_create
from .services.workflow import ticket_acknowledge, ticket_assign, ticket_resolve, ticket_start

__all__ = ["DEMO_STAGES"]

Kind, Channel = Ticket.Kind, Ticket.Channel
# The categories the demo's tickets use, as the migration adds them (name: English name, department, target).
DEMO_CATEGORIES: dict[str, tuple[str, str, int, str]] = {
    "空调暖通": ("Air conditioning and heating", "engineering", 2, "days"),
    "保洁": ("Cleaning", "front_desk", 1, "days"),
    "噪音与环境": ("Noise and environment", "front_desk", 2, "days"),
    "水电维修": ("Plumbing and electrical", "engineering", 2, "days"),
    "门禁与钥匙": ("Access cards and keys", "security", 1, "days"),
}


def _people() -> dict[str, Any]:
    names = ("frontdesk", "engineer", "tenant1", "tenant2")
    return {user.username: user for user in get_user_model().objects.filter(username__in=names)}


def _places() -> list[tuple[Any, Any]]:
    """(tenant, unit) of the running leases of building A, portal tenants first."""
    portal = set(TenantMembership.objects.values_list("tenant_id", flat=True))
    leases = Lease.objects.filter(building__code=building_code(0), status=Lease.Status.ACTIVE)
    places = [
        (lease.tenant, lease.lease_units.order_by("pk").first().unit) for lease in leases.order_by("pk")
    ]
    return sorted(places, key=lambda place: place[0].pk not in portal)


def demo_seed_tickets(report: SeedReport) -> None:
    """Seven tickets: new, overdue, resolved awaiting follow-up, closed."""
    people = _people()
    places = _places()
    if len(people) < 4 or len(places) < 6 or Ticket.objects.exists():
        return
    now = timezone.now()
    categories = _categories()
    desk, engineer = people["frontdesk"], people["engineer"]

    def create(place: int, category: str, text: str, *, by: User = desk, **extra: Any) -> Ticket:
        tenant, unit = places[place]
        report.count("tickets", 1)
        return ticket_create(
            by=by, category=categories[category], description=text, tenant=tenant, unit=unit, **extra
        )

    # New: from the portal (waiting for the desk), and a call just taken.
    create(0, "空调暖通", "会议室空调不制冷，温度一直在28度。", by=people["tenant1"], kind=Kind.REPAIR,
           channel=Channel.PORTAL)  # fmt: skip
    create(2, "保洁", "公共走廊地毯有大片污渍，请安排清洗。", kind=Kind.REPAIR, channel=Channel.PHONE)
    # Overdue: a complaint not answered in two days; a repair at engineering for five.
    create(3, "噪音与环境", "隔壁单元装修噪音很大，影响办公。", kind=Kind.COMPLAINT, channel=Channel.PHONE,
           received_at=now - timedelta(days=2, hours=3))  # fmt: skip
    leak = create(4, "水电维修", "卫生间洗手池下方漏水。", kind=Kind.REPAIR, channel=Channel.COUNTER,
                  received_at=now - timedelta(days=5))  # fmt: skip
    _route(leak, desk, engineer, "已安排工程部上门检查。")
    # Resolved yesterday, its follow-up still to make; resolved last week, followed up and closed.
    for place, text, resolution, days in (
        (1, "办公室两盏筒灯不亮。", "更换两只LED筒灯，已恢复照明。", 1),
        (5, "门禁卡无法开启前门。", "门禁卡重新授权，已可正常使用。", 7),
    ):
        category = "水电维修" if days == 1 else "门禁与钥匙"
        ticket = create(place, category, text, kind=Kind.REPAIR, channel=Channel.PHONE,
                        received_at=now - timedelta(days=days, hours=4))  # fmt: skip
        _route(ticket, desk, engineer, "已派单，今天处理。")
        ticket_resolve(ticket=ticket, by=engineer, resolution=resolution, cause=Ticket.Cause.WEAR)
        if days > 1:
            ticket_follow_up_record(
                ticket=ticket, by=desk, channel=FollowUp.Channel.PHONE, reached=True,
                outcome="客户确认已修好，对处理速度满意。", rating=5,
            )  # fmt: skip


def _route(ticket: Ticket, desk: Any, engineer: Any, reply: str) -> None:
    ticket_acknowledge(ticket=ticket, by=desk, reply=reply)
    ticket_assign(ticket=ticket, by=desk, department=Department.ENGINEERING, assignee=engineer)
    ticket_start(ticket=ticket, by=engineer)


# Called by ``leasing.demo.demo_seed`` in its transaction, after the stages of the apps below.
DEMO_STAGES = (demo_seed_tickets,)


def _categories() -> dict[str, Category]:
    """The demo's categories by name; a database emptied since its migrations (a flush) gets them again."""
    found = {}
    for name, (name_en, department, target, unit) in DEMO_CATEGORIES.items():
        found[name], _created = Category.objects.get_or_create(
            name=name,
            defaults={
                "name_en": name_en,
                "department": department,
                "resolution_target": target,
                "resolution_unit": unit,
            },
        )
    return found
