"""The records the per-role link walk needs on top of the URL-access world: an application under review with
its licence, ID copy and financial statement (legal and finance have the open steps), the meter sheet of the
move-in signed, and a tenant who moved out: its lease settled by finance and its dossier archived."""

from decimal import Decimal
from typing import Any

from billing.models import Settlement, SettlementOverride
from billing.services.deposits import deposit_receive
from billing.services.settlement import settlement_make
from documents.archive import dossier_archive
from handover.models import Sheet
from tenancy.document_kinds import FINANCIAL_STATEMENT
from tenancy.intake import review, services
from tenancy.models import Application
from tenancy.roles import Role
from tests.billing.factories import MARCH, active_lease, issued_bill
from tests.factories import TenantFactory, UserFactory
from tests.handover.factories import fill_acceptance, fill_meters, lease_with_notice, move_in_visit, sign
from tests.tenancy.intake.factories import application_fields, complete_files, pdf
from tests.url_access_world import World, build_world


def build_links_world() -> World:
    """The URL-access world, an application at legal and finance, and a settled, archived tenant."""
    world = build_world()
    staff = world["users"]
    world["reviewed"] = application_at_legal_and_finance(staff[Role.FRONT_DESK], staff[Role.BUSINESS])
    fill_meters(world["visit"], staff[Role.ENGINEERING])
    sign(world["visit"], Sheet.Kind.METERS, staff[Role.ENGINEERING])
    world["settlement"] = settled_and_archived(staff[Role.FINANCE], engineer=staff[Role.ENGINEERING])
    return world


def application_at_legal_and_finance(clerk: Any, business: Any, n: int = 41) -> Application:
    """An application with its licence, ID copy and financial statement, approved by business: the legal
    and finance steps are open."""
    files = {
        **complete_files(),
        FINANCIAL_STATEMENT: pdf("accounts.pdf", b"%PDF-1.4\naccounts"),
    }
    application = services.application_create(
        channel=Application.Channel.FRONT_DESK, by=clerk, files=files, **application_fields(n)
    )
    application = services.application_submit(application=application, by=clerk)
    review.review_approve(application=application, department=Role.BUSINESS, by=business)
    return Application.objects.get(pk=application.pk)


def settled_and_archived(clerk: Any, *, engineer: Any = None) -> Settlement:
    """A tenant whose lease was billed, given notice and settled by finance; its dossier is archived (the
    last move-out is complete), while bills and the settlement statement stay finance's to open. With an
    engineer, the tenant also has a handover visit whose acceptance sheet was signed before the archiving."""
    lease = active_lease(tenant=TenantFactory(name="已退租科技有限公司"))
    issued_bill(lease)
    deposit_receive(lease=lease, amount=Decimal("800"), method="transfer", on=MARCH, by=clerk)
    lease_with_notice(lease, clerk)
    # Settled without a move-out visit: management recorded why (the world's only visit is the engineer's).
    SettlementOverride.objects.create(
        lease=lease, reason="links test", by=UserFactory(roles=[Role.MANAGEMENT])
    )
    settlement = settlement_make(lease=lease, by=clerk)
    if engineer is not None:
        visit = move_in_visit(tenant=lease.tenant)
        fill_acceptance(visit, engineer)
        sign(visit, Sheet.Kind.ACCEPTANCE, engineer)
    dossier_archive(tenant=lease.tenant, by=clerk)
    return settlement
