"""One set of records for the URL-walking access test: a tenant owning one of everything a URL can name,
another tenant with its own portal user, and a staff user per role. Built once per test module.

Every record belongs to ``tenant``; ``other_tenant``'s portal user must get 404 for each of them. The names
of the entries are what ``tests/url_access_table.py`` refers to in a URL's ``args``.
"""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from billing.models import DepositAccount, FapiaoRequest, PayeeAccount
from billing.services.deposits import deposit_receive, refund_open
from documents.imports.engine import import_preview
from documents.kinds import PHOTO
from documents.models import Document
from fitout.models import Notice as FitoutNotice
from fitout.models import Worker
from handover import services as handover_services
from handover.models import RectificationItem, Sheet
from leasing.leases.amendments import amendment_create
from leasing.leases.renewals import lease_expiry_sweep
from leasing.models import BuildingNotice, Lease, LeaseTermination, RenewalCase
from servicedesk import services as ticket_services
from tenancy.intake.links import follow_token
from tenancy.models import Application, CalendarDay, CreditAssessment, CreditReview
from tenancy.roles import Role
from tests.billing.factories import MARCH, active_lease, issued_bill, pay
from tests.documents.factories import DocumentFactory, NoticeFactory
from tests.factories import (
    ContactFactory,
    MembershipFactory,
    OfficeFactory,
    PersonTenantFactory,
    TenantFactory,
    UserFactory,
    make_resident_id,
)
from tests.fitout.factories import applied
from tests.handover.factories import MeterFactory, fill_acceptance, move_in_visit, sign
from tests.leasing.lease_factories import draft_lease, lease_in
from tests.servicedesk.factories import TicketFactory, png
from tests.tenancy.intake.factories import draft

World = dict[str, Any]


def build_world() -> World:
    """Every record a URL names, all of one tenant (a person, whose ID number is confidential), plus the users
    who ask for them."""
    world: World = {"tenant": PersonTenantFactory(), "other_tenant": TenantFactory()}
    world["users"] = _users(world)
    staff = world["users"]
    world |= _tenancy(world["tenant"], staff)
    world |= _leasing(world["tenant"])
    world |= _billing(world["tenant"], world["active_lease"], staff[Role.FINANCE])
    world |= _handover(world["tenant"], staff[Role.ENGINEERING])
    world |= _servicedesk(world["tenant"], world["active_lease"], staff[Role.FRONT_DESK])
    world |= _documents(world["tenant"], staff[Role.FRONT_DESK])
    world |= _fitout(world["tenant"], world["document"], staff[Role.ENGINEERING])
    world |= _standards(staff[Role.FINANCE])
    world |= {"sheet_kind": Sheet.Kind.KEYS, "department": Role.BUSINESS, "decision": "restore"}
    # Logging in changes what a password-reset token is made of: sessions first, then the reset links.
    world["sessions"] = {visitor: _session(user) for visitor, user in world["users"].items()}
    world |= _reset_links(world["users"])
    world["markers"] = _markers(world)
    return world


def _markers(world: World) -> dict[str, str]:
    """What identifies the tenant's records on a page: no page of another tenant's user may show them."""
    markers = {
        "name": world["tenant"].name,
        "ID number": world["tenant"].id_number,
        "contact": world["contact"].name,
        "lease": world["active_lease"].number,
        "bill": world["bill"].number,
        "ticket": world["ticket"].reference,
        "fit-out": world["fitout"].number,
        "application": world["application"].number,
        "notice": world["notice"].subject,
    }
    return {label: marker for label, marker in markers.items() if marker}


def _session(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _reset_links(users: dict[str, Any]) -> World:
    staff, tenant = users[Role.FRONT_DESK], users["tenant"]
    return {
        "staff_uid": urlsafe_base64_encode(force_bytes(staff.pk)),
        "staff_token": default_token_generator.make_token(staff),
        "tenant_uid": urlsafe_base64_encode(force_bytes(tenant.pk)),
        "tenant_token": default_token_generator.make_token(tenant),
    }


def _users(world: World) -> dict[str, Any]:
    users: dict[str, Any] = {role: UserFactory(username=f"url-{role}", roles=[role]) for role in Role.values}
    users["tenant"] = MembershipFactory(tenant=world["tenant"], user=UserFactory(username="url-tenant")).user
    users["other_tenant"] = MembershipFactory(
        tenant=world["other_tenant"], user=UserFactory(username="url-other-tenant")
    ).user
    return users


def _tenancy(tenant: Any, staff: dict[str, Any]) -> World:
    invited = MembershipFactory(tenant=tenant, user=UserFactory(username="url-invited", is_active=False)).user
    application = draft(staff[Role.FRONT_DESK])
    Application.objects.filter(pk=application.pk).update(tenant=tenant)
    return {
        "contact": ContactFactory(tenant=tenant),
        "membership": invited.tenant_membership,
        "application": application,
        "follow_token": follow_token(application),
        "invitation_uid": urlsafe_base64_encode(force_bytes(invited.pk)),
        "invitation_token": default_token_generator.make_token(invited),
        "credit_review": _credit_review(tenant, staff[Role.BUSINESS]),
        "calendar_day": CalendarDay.objects.create(date=date(2099, 1, 1), kind="holiday", name="url test"),
        "calendar_year": "2027",
        "office": OfficeFactory(),
        "api_key": _api_key(staff[Role.MANAGEMENT]),
        "webhook": _webhook(staff[Role.MANAGEMENT]),
    }


def _api_key(manager: Any) -> Any:
    from tenancy.integrations.services import api_key_create

    scopes = ["space:read"]
    return api_key_create(name="url test", scopes=scopes, building_ids=[], expires_on=None, by=manager)[0]


def _webhook(manager: Any) -> Any:
    from tenancy.integrations.webhooks import webhook_endpoint_create

    url = "https://example.com/hook"
    return webhook_endpoint_create(name="url test", url=url, events=["bill.issued"], by=manager)


def _credit_review(tenant: Any, by: Any) -> CreditReview:
    dropped = CreditAssessment.objects.create(
        tenant=tenant, operations_score=50, finance_score=50, payment_score=50, grade="C", previous_grade="A",
        reason="url test", assessed_by=by,
    )  # fmt: skip
    return CreditReview.objects.create(tenant=tenant, assessment=dropped, due_date=date(2026, 12, 14))


def _leasing(tenant: Any) -> World:
    active = active_lease(tenant=tenant)
    by = UserFactory(roles=[Role.BUSINESS])
    amendment = amendment_create(
        lease=active, effective_date=active.start_date, reason="调租", end_date=active.end_date, by=by
    )
    lease_expiry_sweep(today=date(2027, 11, 1))
    return {
        "active_lease": active,
        "building": active.units.get().building,
        "unit": active.units.get(),
        "draft_lease": (draft := draft_lease(tenant=tenant)),
        "legal_review": draft.legal_reviews.get(),
        "signed_lease": lease_in(Lease.Status.SIGNED, tenant=tenant),
        "amendment": amendment,
        "renewal_case": RenewalCase.objects.get(lease=active),
        "termination": LeaseTermination.objects.create(
            lease=active, grounds="breach", reason="url test", effective_date=active.end_date, proposed_by=by
        ),
    }


def _billing(tenant: Any, lease: Lease, clerk: Any) -> World:
    bill = issued_bill(lease)
    payment = pay(tenant, "100", by=clerk)
    deposit_receive(lease=lease, amount=Decimal("500"), method="transfer", on=MARCH, by=clerk)
    account = DepositAccount.objects.get(lease=lease)
    return {
        "bill": bill,
        "payment": payment,
        "deposit_account": account,
        "refund": refund_open(account=account, amount=Decimal("50"), by=clerk),
        "fapiao": FapiaoRequest.objects.create(payment=payment, title="T", tax_number="91110000000000000X"),
        "payee_account": PayeeAccount.objects.create(
            label="url test", account_name="Mgmt Co", bank="ICBC", account_number="6222 0001"
        ),
        **_collection(tenant, bill),
    }


def _collection(tenant: Any, bill: Any) -> World:
    """The tenant's arrears file and a recommendation to terminate waiting for management."""
    from billing.models import DunningLetter, TerminationRecommendation
    from billing.services.collection import collection_case_open

    case = collection_case_open(tenant_id=tenant.pk, today=MARCH)
    letter = DunningLetter.objects.create(bill=bill, kind="termination", sent_on=MARCH)
    recommendation = TerminationRecommendation.objects.create(
        letter=letter, case=case, lease_id=bill.lease_id, made_on=MARCH
    )
    return {"collection_case": case, "recommendation": recommendation}


def _standards(clerk: Any) -> World:
    """A tariff proposed by finance, waiting for management."""
    from billing.models import StandardProposal

    proposal = StandardProposal.objects.create(
        kind="electricity", price=Decimal("0.9"), effective_from=timezone.localdate(), proposed_by=clerk
    )
    return {"standard_proposal": proposal, "standard_kind": "electricity", "dunning_schedule": "standard"}


def _handover(tenant: Any, engineer: Any) -> World:
    visit = move_in_visit(tenant=tenant)
    fill_acceptance(visit, engineer)
    sign(visit, Sheet.Kind.ACCEPTANCE, engineer)
    building = visit.unit.building
    MeterFactory(unit=visit.unit)
    meter_round = handover_services.round_open(
        building=building, month=date.today().replace(day=1), by=engineer, today=date.today()
    )
    from handover.models import FreightLiftRequest

    freight_request = FreightLiftRequest.objects.create(
        tenant=tenant,
        building=building,
        day=date.today() + timedelta(days=7),
        slot="10-12",
        purpose="家具",
        requested_by=engineer,
    )
    return {
        "visit": visit,
        "freight_request": freight_request,
        "pre_inspection": visit.pre_inspections.get(department="engineering"),
        "rectification": RectificationItem.objects.get(visit=visit),
        "meter_round": meter_round,
    }


def _servicedesk(tenant: Any, lease: Lease, clerk: Any) -> World:
    ticket = TicketFactory(tenant=tenant, unit=lease.units.get(), department=Role.ENGINEERING, owner=clerk)
    ticket_services.ticket_comment(ticket=ticket, by=clerk, text="现场照片", public=True, photos=[png()])
    photo = Document.objects.get(kind=PHOTO, about_id=ticket.events.get(kind="photo").pk)
    from servicedesk.models import CategoryTarget

    target = CategoryTarget.objects.create(
        category=ticket.category, building=ticket.building, resolution_target=4, resolution_unit="hours"
    )
    return {
        "ticket": ticket,
        "ticket_photo": photo,
        "category_target": target,
        **_followup(tenant, lease, clerk),
    }


def _followup(tenant: Any, lease: Lease, clerk: Any) -> World:
    """A recorded tenant visit with an issue not yet a ticket, and an open survey of the lease's building."""
    from servicedesk.models import Survey, SurveyQuestion, TenantVisit, VisitIssue

    today = timezone.localdate()
    visit = TenantVisit.objects.create(
        tenant=tenant,
        year=today.year,
        quarter=(today.month - 1) // 3 + 1,
        planned_on=today,
        planned_by=clerk,
        status=TenantVisit.Status.DONE,
        visited_on=today,
        visited_by=clerk,
        outcome="经营正常",
    )
    survey = Survey.objects.create(
        title="满意度调查",
        period=Survey.Period.HALF_YEAR,
        year=today.year,
        number=2,
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=30),
        created_by=clerk,
    )
    survey.buildings.set([lease.units.get().building])
    SurveyQuestion.objects.create(survey=survey, position=1, text="保洁", kind=SurveyQuestion.Kind.RATING)
    issue = VisitIssue.objects.create(visit=visit, text="门禁卡失灵")
    return {"tenant_visit": visit, "visit_issue": issue, "survey": survey}


IMPORT_CSV = b"building_code,floor,unit_code,gross_area,usable_area\r\nURL,3,URL-301,100,90\r\n"


def _documents(tenant: Any, clerk: Any) -> World:
    document = DocumentFactory(tenant=tenant, number="URL-2026-000001")
    shared = DocumentFactory(tenant=tenant, number="URL-2026-000002", visible_to_tenant=True)
    held = DocumentFactory(
        tenant=tenant, number="URL-2026-000003", quarantined_at=timezone.now(), quarantined_by=clerk
    )
    return {
        "document": document,
        "download_token": str(shared.download_token),
        "quarantined": held,
        "verify_token": str(document.verify_token),
        "import_kind": "leases",
        "import_batch": import_preview(kind="units", file=IMPORT_CSV, by=clerk).batch,
        "notice": NoticeFactory(tenant=tenant),
        "building_notice": BuildingNotice.objects.create(
            title="url test",
            body="url test",
            audience="all",
            valid_from=date(2026, 1, 1),
            valid_until=date(2026, 1, 2),
            created_by=clerk,
        ),
    }


def _fitout(tenant: Any, photo: Document, engineer: Any) -> World:
    application = applied(tenant)
    worker = Worker.objects.create(
        application=application,
        name="王师傅",
        id_number=make_resident_id(7),
        trade="木工",
        photo_document_id=photo.pk,
        pass_number="SGZ-2026-000777",
        valid_from=date.today(),
        valid_until=date.today() + timedelta(days=30),
    )
    notice = FitoutNotice.objects.create(
        application=application, kind="violation", number="WZ-2026-000777", text="x", by=engineer
    )
    return {
        "fitout": application,
        "worker": worker,
        "pass_number": worker.pass_number,
        "fitout_notice": notice,
    }
