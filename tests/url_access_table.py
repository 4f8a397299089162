"""Who may use each URL, and what its arguments are: the table ``tests/test_url_access.py`` checks.

Every named URL of the project is declared in ``URLS`` (the test walks the URL configuration and fails for a
URL missing here). A declaration says who may use the URL and how to build its arguments:

- ``staff(FD, MGMT, args={"pk": "ticket"})``: a back-office page for the roles named, spelled out here rather
  than imported, so that a view whose ``role_required(...)`` changes fails the test until this table agrees.
  ``sees=`` narrows the roles that get this particular record when the view also checks the record
  (a ticket assigned to engineering is for the receivers and engineering only).
- ``portal(args=...)``: a tenant portal page; with a record in ``args`` another tenant's portal user gets 404.
- ``public(...)``: no login needed; ``signed_in(...)``: any account (``login_required`` and nothing more).
- ``post=True``: the view only answers POST; the test posts an empty form to it.

``args`` maps each URL keyword to an entry of ``tests/url_access_world.py`` (a record, whose ``pk`` is used,
or a string). ``overrides`` changes the expected answer for one kind of visitor, with the reason in ``why``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType

from tenancy.roles import Role

FD, BIZ, LEGAL, FIN = Role.FRONT_DESK.value, Role.BUSINESS.value, Role.LEGAL.value, Role.FINANCE.value
ENG, SEC, MGMT = Role.ENGINEERING.value, Role.SECURITY.value, Role.MANAGEMENT.value
ALL = (FD, BIZ, LEGAL, FIN, ENG, SEC, MGMT)

ANONYMOUS, TENANT, OTHER_TENANT = "anonymous", "tenant", "other_tenant"
VISITORS: tuple[str, ...] = (ANONYMOUS, *ALL, TENANT, OTHER_TENANT)

# Namespaces declared as a whole: Django's admin guards its pages with its own model permissions.
WHOLE_NAMESPACES = {
    "admin": "Django admin: staff accounts with model permissions (superusers in practice)",
    "api": "the REST API: API keys and tenant tokens, no sessions (tests/api checks scopes and isolation)",
}


class Outcome(Enum):
    ALLOWED = "allowed (2xx, 3xx not to a login page, or 405)"
    FORBIDDEN = "403"
    NOT_FOUND = "404"
    LOGIN = "302 to the staff login page"
    PORTAL_LOGIN = "302 to the portal login page"
    STAFF_ONLY = "403 staff-only page (or 404)"


A, F, N = Outcome.ALLOWED, Outcome.FORBIDDEN, Outcome.NOT_FOUND
LOGIN, STAFF_ONLY = Outcome.LOGIN, Outcome.STAFF_ONLY


@dataclass(frozen=True)
class Url:
    kind: str
    roles: frozenset[str] = frozenset()
    args: Mapping[str, str] = field(default_factory=dict)
    post: bool = False
    expect: Mapping[str, Outcome] = field(default_factory=dict)
    why: str = ""


def _url(kind: str, expect: dict[str, Outcome], overrides: dict[str, Outcome], **kw: object) -> Url:
    unknown = set(overrides) - set(VISITORS)
    assert not unknown, f"unknown visitors in overrides: {unknown}"
    return Url(kind=kind, expect=MappingProxyType({**expect, **overrides}), **kw)  # type: ignore[arg-type]


def staff(
    *roles: str,
    args: dict[str, str] | None = None,
    post: bool = False,
    sees: tuple[str, ...] | None = None,
    why: str = "",
) -> Url:
    """A back-office page: the roles named (or, for this record, those in ``sees``) may use it."""
    allowed = set(roles if sees is None else sees)
    assert allowed <= set(roles), f"sees={sees} names roles the view does not allow"
    expect = {role: A if role in allowed else F for role in ALL}
    expect |= {ANONYMOUS: Outcome.LOGIN, TENANT: Outcome.STAFF_ONLY, OTHER_TENANT: Outcome.STAFF_ONLY}
    return _url("staff", expect, {}, roles=frozenset(roles), args=args or {}, post=post, why=why)


def portal(
    args: dict[str, str] | None = None, post: bool = False, why: str = "", **overrides: Outcome
) -> Url:
    """A tenant portal page: staff get 404; with a record in ``args``, so does another tenant's user."""
    expect = {role: N for role in ALL}
    expect |= {ANONYMOUS: Outcome.PORTAL_LOGIN, TENANT: A, OTHER_TENANT: N if args else A}
    return _url("portal", expect, overrides, args=args or {}, post=post, why=why)


def public(
    args: dict[str, str] | None = None, post: bool = False, why: str = "", **overrides: Outcome
) -> Url:
    """No login needed: every visitor may use it."""
    return _url("public", dict.fromkeys(VISITORS, A), overrides, args=args or {}, post=post, why=why)


def signed_in(
    args: dict[str, str] | None = None, post: bool = False, why: str = "", **overrides: Outcome
) -> Url:
    """Any logged-in account; anonymous visitors go to the login page."""
    expect = dict.fromkeys(VISITORS, A) | {ANONYMOUS: Outcome.LOGIN}
    return _url("signed_in", expect, overrides, args=args or {}, post=post, why=why)


PUBLIC_NOT_PORTAL = "pages outside /portal/ show a logged-in tenant the staff-only page"
TENANTS_IN_PORTAL = "tenants have their own page for this in the portal"
MEMBERSHIP = {"pk": "tenant", "membership_pk": "membership"}
TENANT_PK = {"pk": "tenant"}
LEASE_PK = {"pk": "active_lease"}
TICKET_PK = {"pk": "ticket"}
TICKET_SEERS = (FD, MGMT, ENG)  # the world's ticket is assigned to engineering
VISIT_PK = {"pk": "visit"}
FITOUT_PK = {"pk": "fitout"}
IMPORT_SEERS = (FD, BIZ, MGMT)
IMPORTERS = (FD, BIZ, FIN, ENG, MGMT)

URLS: dict[str, Url] = {
    # Site-wide
    "healthz": public(),
    "set_language": public(post=True),
    "home": signed_in(why="sends each kind of account to its own start page"),
    "dashboard": staff(*ALL),
    "monthly-report": staff(MGMT, FIN, BIZ),
    "monthly-report-pdf": staff(MGMT, FIN, BIZ),
    # Accounts
    "login": public(),
    "logout": public(post=True, why="logging out ends at the login page", **dict.fromkeys(VISITORS, LOGIN)),
    "password_change": signed_in(why=TENANTS_IN_PORTAL, tenant=STAFF_ONLY, other_tenant=STAFF_ONLY),
    "password_change_done": signed_in(why=TENANTS_IN_PORTAL, tenant=STAFF_ONLY, other_tenant=STAFF_ONLY),
    "password_reset": public(),
    "password_reset_done": public(),
    "password_reset_confirm": public(args={"uidb64": "staff_uid", "token": "staff_token"}),
    "password_reset_complete": public(),
    "otp-verify": signed_in(why="a tenant is sent on to the portal"),
    "otp-setup": staff(*ALL),
    "otp-backup-codes": staff(*ALL, post=True),
    "otp-reset": staff(MGMT),
    # Tenants
    "tenancy:tenant-list": staff(*ALL),
    "tenancy:tenant-create": staff(BIZ, FD, MGMT),
    "tenancy:tenant-detail": staff(*ALL, args=TENANT_PK),
    "tenancy:tenant-edit": staff(BIZ, FD, MGMT, args=TENANT_PK),
    "tenancy:tenant-documents": staff(*ALL, args=TENANT_PK),
    "tenancy:tenant-history": staff(*ALL, args=TENANT_PK),
    "tenancy:tenant-applications": staff(*ALL, args=TENANT_PK),
    "tenancy:tenant-credit": staff(*ALL, args=TENANT_PK),
    "tenancy:credit-review-list": staff(BIZ, MGMT),
    "tenancy:credit-review-close": staff(BIZ, MGMT, args={"pk": "credit_review"}, post=True),
    "calendar:index": staff(MGMT),
    "integrations:api-key-list": staff(MGMT),
    "integrations:api-key-create": staff(MGMT),
    "integrations:api-key-revoke": staff(MGMT, args={"pk": "api_key"}, post=True),
    "integrations:webhook-list": staff(MGMT),
    "integrations:webhook-detail": staff(MGMT, args={"pk": "webhook"}),
    "integrations:webhook-resume": staff(MGMT, args={"pk": "webhook"}, post=True),
    "integrations:webhook-remove": staff(MGMT, args={"pk": "webhook"}, post=True),
    "calendar:year": staff(MGMT, args={"year": "calendar_year"}),
    "calendar:day-delete": staff(MGMT, args={"pk": "calendar_day"}, post=True),
    "tenancy:tenant-card": staff(BIZ, FD, MGMT, args=TENANT_PK, post=True),
    "tenancy:contact-add": staff(BIZ, FD, MGMT, args=TENANT_PK),
    "tenancy:contact-edit": staff(BIZ, FD, MGMT, args={"pk": "tenant", "contact_pk": "contact"}),
    "tenancy:contact-remove": staff(BIZ, FD, MGMT, args={"pk": "tenant", "contact_pk": "contact"}),
    "tenancy:portal-account-add": staff(FD, MGMT, args=TENANT_PK),
    "tenancy:portal-account-deactivate": staff(FD, MGMT, args=MEMBERSHIP),
    "tenancy:portal-account-reset-link": staff(FD, MGMT, args=MEMBERSHIP, post=True),
    # Intake
    "intake:application-list": staff(BIZ, FIN, FD, LEGAL, MGMT),
    "intake:application-create": staff(BIZ, FD, MGMT),
    "intake:application-detail": staff(BIZ, FIN, FD, LEGAL, MGMT, args={"pk": "application"}),
    "intake:application-edit": staff(BIZ, FD, MGMT, args={"pk": "application"}),
    "intake:application-submit": staff(BIZ, FD, MGMT, args={"pk": "application"}, post=True),
    "intake:application-link-tenant": staff(BIZ, FD, MGMT, args={"pk": "application"}, post=True),
    "intake:application-decide": staff(
        BIZ, FIN, LEGAL, MGMT, args={"pk": "application", "department": "department"}, post=True
    ),
    "intake:queue-mine": staff(BIZ, FIN, LEGAL, MGMT),
    "intake:counter-card": staff(BIZ, FD, MGMT),
    "intake:queue": staff(
        BIZ,
        FIN,
        LEGAL,
        MGMT,
        args={"department": "department"},
        sees=(BIZ,),
        why="each department sees its own queue (the world's is business's)",
    ),
    "intake:apply": public(tenant=STAFF_ONLY, other_tenant=STAFF_ONLY, why=PUBLIC_NOT_PORTAL),
    "intake:follow": public(
        args={"token": "follow_token"},
        tenant=STAFF_ONLY,
        other_tenant=STAFF_ONLY,
        why=PUBLIC_NOT_PORTAL,
    ),
    "intake:invitation": public(
        args={"uidb64": "invitation_uid", "token": "invitation_token"},
        tenant=STAFF_ONLY,
        other_tenant=STAFF_ONLY,
        why=PUBLIC_NOT_PORTAL,
    ),
    # Space and leases
    "leasing:unit-list": staff(*ALL),
    "leasing:building-notice-list": staff(FD, MGMT),
    "leasing:building-notice-create": staff(FD, MGMT),
    "leasing:building-notice-detail": staff(FD, MGMT, args={"pk": "building_notice"}),
    "leasing:unit-create": staff(BIZ, MGMT),
    "leasing:unit-import-template": staff(BIZ, MGMT),
    "leasing:unit-detail": staff(*ALL, args={"pk": "unit"}),
    "leasing:unit-edit": staff(BIZ, ENG, FD, MGMT, args={"pk": "unit"}),
    "leasing:building-list": staff(*ALL),
    "leasing:building-create": staff(BIZ, MGMT),
    "leasing:building-detail": staff(*ALL, args={"pk": "building"}),
    "leasing:building-edit": staff(BIZ, MGMT, args={"pk": "building"}),
    "leasing:office-list": staff(MGMT),
    "leasing:office-create": staff(MGMT),
    "leasing:office-edit": staff(MGMT, args={"pk": "office"}),
    "leasing:unit-import": staff(BIZ, MGMT, args={"pk": "building"}),
    "leasing:lease-list": staff(BIZ, FIN, FD, LEGAL, MGMT),
    "leasing:lease-create": staff(BIZ, MGMT),
    "leasing:lease-detail": staff(BIZ, FIN, FD, LEGAL, MGMT, args=LEASE_PK),
    "leasing:lease-edit": staff(BIZ, MGMT, args={"pk": "draft_lease"}),
    "leasing:lease-sign": staff(BIZ, MGMT, args={"pk": "draft_lease"}),
    "leasing:lease-summary-print": staff(BIZ, MGMT, args={"pk": "draft_lease"}),
    "leasing:lease-activate": staff(BIZ, MGMT, args={"pk": "signed_lease"}),
    "leasing:lease-cancel": staff(BIZ, MGMT, args={"pk": "draft_lease"}),
    "leasing:lease-credit-exception": staff(MGMT, args={"pk": "draft_lease"}),
    "leasing:amendment-create": staff(BIZ, MGMT, args=LEASE_PK),
    "leasing:move-out-notice": staff(BIZ, FD, MGMT, args=LEASE_PK),
    "leasing:lease-release": staff(MGMT, args=LEASE_PK),
    "leasing:lease-contract-attach": staff(BIZ, MGMT, args=LEASE_PK, post=True),
    "leasing:termination-propose": staff(BIZ, FIN, MGMT, args=LEASE_PK),
    "leasing:termination-list": staff(BIZ, FIN, MGMT),
    "leasing:termination-detail": staff(BIZ, FIN, MGMT, args={"pk": "termination"}),
    "leasing:amendment-sign": staff(BIZ, MGMT, args={"pk": "amendment"}),
    "leasing:legal-review-list": staff(LEGAL),
    "leasing:legal-review-decide": staff(LEGAL, args={"pk": "legal_review"}),
    "leasing:renewal-case-list": staff(BIZ, FD, MGMT),
    "leasing:renewal-case-detail": staff(BIZ, FD, MGMT, args={"pk": "renewal_case"}),
    "leasing:report-occupancy": staff(BIZ, FIN, MGMT),
    "leasing:report-ending": staff(BIZ, FIN, MGMT),
    "leasing:report-rent-roll": staff(BIZ, FIN, MGMT),
    "leasing:directory": staff(BIZ, FD, MGMT),
    "search:search": staff(*ALL),
    # Documents and the archive
    "documents:download": signed_in(
        args={"pk": "document"}, why=TENANTS_IN_PORTAL, tenant=STAFF_ONLY, other_tenant=STAFF_ONLY
    ),
    "documents:verify": public(args={"token": "verify_token"}),
    "documents:import-list": staff(*IMPORTERS),
    # Each import kind names its roles: the world's kind (leases) and batch (units) are the front desk's,
    # business's and management's; finance imports money, engineering meter readings.
    "documents:import-template": staff(*IMPORTERS, args={"kind": "import_kind"}, sees=IMPORT_SEERS),
    "documents:import-upload": staff(*IMPORTERS, args={"kind": "import_kind"}, sees=IMPORT_SEERS),
    "documents:import-detail": staff(*IMPORTERS, args={"pk": "import_batch"}, sees=IMPORT_SEERS),
    "documents:import-commit": staff(*IMPORTERS, args={"pk": "import_batch"}, post=True, sees=IMPORT_SEERS),
    "archive:dossier": staff(*ALL, args=TENANT_PK),
    "archive:dossier-upload": staff(BIZ, FD, MGMT, args=TENANT_PK, post=True),
    "archive:document-remove": staff(BIZ, FD, MGMT, args={"pk": "tenant", "document_pk": "document"}),
    "archive:expiring": staff(BIZ, FD, MGMT),
    "archive:fixity": staff(FD, MGMT),
    "archive:removals": staff(FD, MGMT),
    "archive:downloads": staff(MGMT),
    "archive:quarantine": staff(MGMT),
    "archive:quarantine-decide": staff(
        MGMT, args={"document_pk": "quarantined", "decision": "decision"}, post=True
    ),
    # Tenant portal
    "portal:login": public(),
    "portal:home": portal(),
    "portal:password-change": portal(),
    "portal:people": portal(),
    "portal:person-role": portal(args={"pk": "membership"}, post=True),
    "portal:person-remove": portal(args={"pk": "membership"}, post=True),
    "portal:preferences": portal(),
    "portal:password-change-done": portal(),
    "portal:password-reset": public(),
    "portal:password-reset-done": public(),
    "portal:password-reset-confirm": public(args={"uidb64": "tenant_uid", "token": "tenant_token"}),
    "portal:password-reset-complete": public(),
    "portal:document-download": portal(args={"token": "download_token"}),
    "portal:inbox": portal(),
    "portal:notice-detail": portal(args={"pk": "notice"}),
    "portal:notice-read": portal(args={"pk": "notice"}, post=True),
    "portal:tickets": portal(),
    "portal:ticket-create": portal(),
    "portal:ticket-detail": portal(args=TICKET_PK),
    "portal:ticket-comment": portal(args=TICKET_PK, post=True),
    "portal:ticket-rate": portal(args=TICKET_PK, post=True),
    "portal:ticket-not-fixed": portal(args=TICKET_PK, post=True),
    "portal:ticket-quote-accept": portal(args=TICKET_PK, post=True),
    "portal:ticket-quote-decline": portal(args=TICKET_PK, post=True),
    "portal:ticket-photo": portal(args={"pk": "ticket", "document_pk": "ticket_photo"}),
    "portal:surveys": portal(),
    "portal:survey-answer": portal(args={"pk": "survey"}),
    "portal:billing": portal(),
    "portal:bill-detail": portal(args={"pk": "bill"}),
    "portal:bill-pdf": portal(args={"pk": "bill"}),
    "portal:receipt-pdf": portal(args={"pk": "payment"}),
    "portal:fapiao-request": portal(args={"pk": "payment"}),
    "portal:statement": portal(),
    "portal:handover-visits": portal(),
    "portal:handover-confirm": portal(args={"pk": "rectification"}, post=True),
    "portal:freight-lift": portal(),
    "portal:applications": portal(),
    "portal:application-create": portal(),
    "portal:application-detail": portal(args={"pk": "application"}),
    "portal:lease-list": portal(),
    "portal:lease-detail": portal(args=LEASE_PK),
    "fitout_portal:list": portal(),
    "fitout_portal:apply": portal(),
    "fitout_portal:detail": portal(args=FITOUT_PK),
    "fitout_portal:sign": portal(args=FITOUT_PK),
    "fitout_portal:resubmit": portal(args=FITOUT_PK, post=True),
    "fitout_portal:fire-approval": portal(args=FITOUT_PK, post=True),
    "fitout_portal:notice-answer": portal(args={"pk": "fitout_notice"}, post=True),
    "fitout_portal:extension-request": portal(args=FITOUT_PK, post=True),
    # Service desk
    "servicedesk:ticket-list": staff(*ALL),
    "servicedesk:ticket-create": staff(FD, MGMT),
    "servicedesk:assignee-options": staff(FD, MGMT),
    "servicedesk:ticket-detail": staff(*ALL, args=TICKET_PK, sees=TICKET_SEERS),
    "servicedesk:ticket-photo": staff(
        *ALL, args={"pk": "ticket", "document_pk": "ticket_photo"}, sees=TICKET_SEERS
    ),
    "servicedesk:ticket-acknowledge": staff(FD, MGMT, args=TICKET_PK, post=True),
    "servicedesk:ticket-handover-offer": staff(FD, MGMT, args=TICKET_PK, post=True),
    "servicedesk:ticket-handover-accept": staff(FD, MGMT, args=TICKET_PK, post=True),
    "servicedesk:ticket-handover-decline": staff(FD, MGMT, args=TICKET_PK, post=True),
    "servicedesk:ticket-assign": staff(FD, MGMT, args=TICKET_PK, post=True),
    "servicedesk:ticket-take": staff(*ALL, args=TICKET_PK, post=True, sees=TICKET_SEERS),
    "servicedesk:ticket-start": staff(*ALL, args=TICKET_PK, post=True, sees=TICKET_SEERS),
    "servicedesk:ticket-comment": staff(*ALL, args=TICKET_PK, post=True, sees=TICKET_SEERS),
    "servicedesk:ticket-resolve": staff(*ALL, args=TICKET_PK, post=True, sees=TICKET_SEERS),
    "servicedesk:ticket-close": staff(FD, MGMT, args=TICKET_PK, post=True),
    "servicedesk:ticket-reopen": staff(FD, MGMT, args=TICKET_PK, post=True),
    "servicedesk:ticket-follow-up": staff(FD, MGMT, args=TICKET_PK, post=True),
    "servicedesk:ticket-quote": staff(*ALL, args=TICKET_PK, post=True, sees=TICKET_SEERS),
    "servicedesk:targets": staff(MGMT),
    "servicedesk:target-remove": staff(MGMT, args={"pk": "category_target"}, post=True),
    "servicedesk:analysis": staff(MGMT),
    "servicedesk:analysis-csv": staff(MGMT),
    "servicedesk:follow-up-queue": staff(FD, MGMT),
    "servicedesk:visit-list": staff(FD, BIZ, MGMT),
    "servicedesk:visit-detail": staff(FD, BIZ, MGMT, args={"pk": "tenant_visit"}),
    "servicedesk:visit-issue-ticket": staff(FD, MGMT, args={"pk": "visit_issue"}, post=True),
    "servicedesk:survey-list": staff(FD, BIZ, MGMT),
    "servicedesk:survey-create": staff(MGMT),
    "servicedesk:survey-detail": staff(FD, BIZ, MGMT, args={"pk": "survey"}),
    # Billing
    "billing:bill-list": staff(FIN, MGMT),
    "billing:bill-detail": staff(FIN, MGMT, args={"pk": "bill"}),
    "billing:bill-pdf": staff(FIN, MGMT, args={"pk": "bill"}),
    "billing:bill-send": staff(FIN, args={"pk": "bill"}, post=True),
    "billing:run": staff(FIN),
    "billing:run-progress": staff(FIN),
    "billing:charge-create": staff(FIN),
    "billing:payment-list": staff(FIN, MGMT),
    "billing:payment-create": staff(FIN),
    "billing:payment-detail": staff(FIN, MGMT, args={"pk": "payment"}),
    "billing:receipt-pdf": staff(FIN, MGMT, args={"pk": "payment"}),
    "billing:bank-import": staff(FIN),
    "billing:deposit-list": staff(FIN, MGMT),
    "billing:payee-list": staff(FIN),
    "billing:payment-methods": staff(FIN),
    "billing:payee-create": staff(FIN),
    "billing:payee-edit": staff(FIN, args={"pk": "payee_account"}),
    "billing:statement-layout": staff(FIN, args={"pk": "payee_account"}),
    "billing:move-in-charges": staff(FIN, MGMT),
    "billing:move-in-charge-issue": staff(FIN, MGMT, args={"lease_pk": "signed_lease"}, post=True),
    "billing:settlement-queue": staff(FIN, MGMT),
    "billing:refund-decide": staff(FIN, MGMT, args={"pk": "refund"}, post=True),
    "billing:arrears": staff(FIN, MGMT),
    "billing:statement": staff(FIN, MGMT, args={"tenant_pk": "tenant"}),
    "billing:export": staff(FIN, MGMT),
    "billing:voucher-export": staff(FIN, MGMT),
    "billing:voucher-accounts": staff(FIN, MGMT),
    "billing:period-close": staff(FIN),
    "billing:fapiao-list": staff(FIN, MGMT),
    "billing:fapiao-issue": staff(FIN, args={"pk": "fapiao"}),
    "billing:settlement": staff(FIN, args={"lease_pk": "active_lease"}),
    "billing:settlement-override": staff(MGMT, args={"lease_pk": "active_lease"}),
    "billing:suspended": staff(FIN, FD, MGMT),
    "billing:collection-list": staff(BIZ, FIN, FD, MGMT),
    "billing:collection-detail": staff(BIZ, FIN, FD, MGMT, args={"pk": "collection_case"}),
    "billing:collection-contact": staff(BIZ, FIN, FD, MGMT, args={"pk": "collection_case"}, post=True),
    "billing:collection-owner": staff(FIN, MGMT, args={"pk": "collection_case"}, post=True),
    "billing:collection-plan": staff(FIN, MGMT, args={"pk": "collection_case"}, post=True),
    "billing:recommendation-list": staff(MGMT),
    "billing:recommendation-decide": staff(MGMT, args={"pk": "recommendation"}),
    "billing:dunning-schedules": staff(FIN, MGMT),
    "billing:dunning-schedule-edit": staff(MGMT, args={"schedule": "dunning_schedule"}),
    "billing:dunning-schedule-reset": staff(MGMT, args={"schedule": "dunning_schedule"}, post=True),
    "billing:standards": staff(FIN, MGMT),
    "billing:standard-propose": staff(FIN),
    "billing:standard-proposal": staff(FIN, MGMT, args={"pk": "standard_proposal"}),
    "billing:standard-decide": staff(MGMT, args={"pk": "standard_proposal"}, post=True),
    "billing:standard-withdraw": staff(FIN, args={"pk": "standard_proposal"}, post=True),
    "billing:standard-history": staff(FIN, MGMT, args={"kind": "standard_kind"}),
    # Handover
    "handover:visit-list": staff(BIZ, ENG, FIN, FD, MGMT, SEC),
    "handover:visit-open-move-in": staff(FD, MGMT),
    "handover:visit-open-move-out": staff(FD, MGMT),
    "handover:visit-detail": staff(BIZ, ENG, FIN, FD, MGMT, SEC, args=VISIT_PK),
    "handover:visit-complete": staff(ENG, FD, MGMT, args=VISIT_PK, post=True),
    "handover:booking-create": staff(ENG, FD, MGMT, args=VISIT_PK, post=True),
    "handover:visit-identity": staff(ENG, FD, MGMT, args=VISIT_PK, post=True),
    "handover:visit-keys-override": staff(MGMT, args=VISIT_PK, post=True),
    "handover:pre-inspection": staff(
        ENG,
        MGMT,
        SEC,
        args={"pk": "visit", "task_pk": "pre_inspection"},
        sees=(ENG, MGMT),
        post=True,
        why="the record is engineering's task; security records its own",
    ),
    "handover:pre-inspection-print": staff(BIZ, ENG, FIN, FD, MGMT, SEC, args=VISIT_PK),
    "handover:sheet": staff(ENG, FD, MGMT, args={"pk": "visit", "kind": "sheet_kind"}),
    "handover:sheet-supersede": staff(ENG, FD, MGMT, args={"pk": "visit", "kind": "sheet_kind"}, post=True),
    "handover:round-list": staff(ENG, FD, MGMT),
    "handover:round-open": staff(ENG, post=True),
    "handover:round-detail": staff(ENG, FD, MGMT, args={"pk": "meter_round"}),
    "handover:round-close": staff(ENG, args={"pk": "meter_round"}, post=True),
    "handover:rectification-list": staff(BIZ, ENG, FIN, FD, MGMT, SEC),
    "handover:freight-queue": staff(BIZ, ENG, FIN, FD, MGMT, SEC),
    "handover:freight-confirm": staff(FD, MGMT, args={"pk": "freight_request"}, post=True),
    "handover:freight-decline": staff(FD, MGMT, args={"pk": "freight_request"}, post=True),
    "handover:rectification-fix": staff(ENG, MGMT, args={"pk": "rectification"}, post=True),
    "handover:rectification-confirm": staff(ENG, FD, MGMT, args={"pk": "rectification"}, post=True),
    # Fit-out
    "fitout:application-list": staff(ENG, FIN, FD, MGMT, SEC),
    "fitout:application-create": staff(FD, MGMT),
    "fitout:application-detail": staff(ENG, FIN, FD, MGMT, SEC, args=FITOUT_PK),
    "fitout:application-sign": staff(FD, MGMT, args=FITOUT_PK),
    "fitout:resubmit": staff(FD, MGMT, args=FITOUT_PK, post=True),
    "fitout:fire-approval": staff(ENG, FD, MGMT, args=FITOUT_PK, post=True),
    "fitout:review": staff(ENG, MGMT, args=FITOUT_PK, post=True),
    "fitout:deposit-bill": staff(FIN, MGMT, args=FITOUT_PK, post=True),
    "fitout:power-agreement": staff(ENG, FIN, MGMT, args=FITOUT_PK, post=True),
    "fitout:permit-issue": staff(ENG, MGMT, args=FITOUT_PK, post=True),
    "fitout:worker-register": staff(MGMT, SEC, args=FITOUT_PK, post=True),
    "fitout:inspection": staff(ENG, MGMT, SEC, args=FITOUT_PK, post=True),
    "fitout:notice-issue": staff(ENG, MGMT, SEC, args=FITOUT_PK, post=True),
    "fitout:completion": staff(ENG, MGMT, args=FITOUT_PK, post=True),
    "fitout:extension-decide": staff(ENG, MGMT, args=FITOUT_PK, post=True),
    "fitout:worker-revoke": staff(MGMT, SEC, args={"pk": "worker"}, post=True),
    "fitout:pass-check": staff(MGMT, SEC),
    "fitout:pass-check-number": staff(MGMT, SEC, args={"number": "pass_number"}),
}
