"""Signing a lease: the bilingual lease summary is rendered as PDF/A with both signatures, archived with its
hash, and from then on the lease's terms are frozen (services refuse, a database trigger backs them up)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.api.webhooks import webhook_emit
from documents.errors import DomainError
from documents.models import Document, Signature, WebhookEvent
from documents.rendering import PrintInfo, html_render, issuer_for, page_counter_css, pdf_render
from documents.services import document_render, signature_record
from documents.signatures import signature_print_uri
from documents.wording import in_tenant_language, message_later
from tenancy.access import require_role
from tenancy.intake.decision import application_mark_leased
from tenancy.models import Tenant
from tenancy.services import tenant_update

from ..document_kinds import LEASE_SUMMARY
from ..models import Lease, LeaseEvent
from ..occupancy import lease_units_refresh
from .admission import admission_check_at_signing
from .credit import credit_check_at_signing
from .permissions import LEASE_EDITORS
from .reviews import review_check_before_signing
from .services import acting, event_add, lease_lock, units_check_free, units_lock
from .terms import lease_terms_on

SUMMARY_TEMPLATE = "documents/forms/lease_summary.html"
SUMMARY_PREFIX = "HTZ"


@dataclass(frozen=True)
class Signer:
    """One side's signatory as recorded at signing."""

    name: str
    role: str
    method: str
    signed_at: datetime
    png: bytes | None = None

    @property
    def image(self) -> str:
        """The drawn signature as the print shows it (empty for ink or electronic)."""
        return signature_print_uri(self.png)


def summary_context(lease: Lease, signers: list[Signer]) -> dict[str, Any]:
    """What the lease summary prints: the lease, its units, the terms at the start, the signatories."""
    terms = lease_terms_on(lease, lease.start_date, amendments=[])
    return {
        "lease": lease,
        "tenant": lease.tenant,
        "lease_units": list(lease.lease_units.select_related("unit__floor").order_by("unit__code")),
        "terms": terms,
        "monthly_rent": terms.monthly_rent if not terms.rent_free else None,
        "monthly_fee": terms.monthly_fee,
        "signers": signers,
    }


def lease_summary_draft_pdf(lease: Lease) -> bytes:
    """The summary to print for signing in ink: the same form marked as a draft, not numbered nor archived."""
    with in_tenant_language(lease.tenant):  # the tenant signs it: its language, as the archived one
        info = PrintInfo(
            number=_("%(number)s (draft for signing)") % {"number": lease.number},
            title=_("Lease summary %(number)s") % {"number": lease.number},
            kind=str(LEASE_SUMMARY.label),
            date=timezone.localdate(),
            verify_url=_("none: a draft is not an archived document"),
            qr_svg=mark_safe(""),  # noqa: S308 -- an empty string
            management_name=issuer_for(lease),
            page_counter_css=page_counter_css(),
        )
        html = html_render(template=SUMMARY_TEMPLATE, context=summary_context(lease, []), info=info)
    return pdf_render(html)


def signers_of(
    staff_signer: str, tenant_signer: str, method: str, signed_at: datetime,
    staff_png: bytes | None = None, tenant_png: bytes | None = None,
) -> list[Signer]:  # fmt: skip
    """Both signatories, or a DomainError at the field of the one missing; drawn on screen, both drew."""
    drawn = method == Signature.Method.ON_SCREEN
    for field, name, png in (("staff", staff_signer, staff_png), ("tenant", tenant_signer, tenant_png)):
        if not name.strip():
            raise DomainError(_("Enter the name of the person signing."), field=f"{field}_signer")
        if drawn and not png:
            raise DomainError(_("Sign in the box: the signature is empty."), field=f"{field}_signature")
    if not drawn:
        staff_png = tenant_png = None
    return [
        Signer(staff_signer.strip(), Signature.SignerRole.STAFF, method, signed_at, staff_png),
        Signer(tenant_signer.strip(), Signature.SignerRole.TENANT, method, signed_at, tenant_png),
    ]


def signed_document_archive(
    *, template: str, context: dict[str, Any], kind: str, title: str | Promise, about: Any, tenant: Any,
    prefix: str, signers: list[Signer], by: User, ip_address: str | None,
) -> Document:  # fmt: skip
    """Render the signed form (PDF/A, numbered, hashed) and record each signature on it; a lazy ``title``
    (``message_later``) is written in the tenant's language, like the form."""
    document = document_render(
        template=template, context={**context, "signers": signers}, kind=kind, title=title, tenant=tenant,
        about=about, by=by, number_prefix=prefix,
    )  # fmt: skip
    for signer in signers:
        signature_record(
            document=document, signer_name=signer.name, signer_role=signer.role, method=signer.method,
            user=by if signer.role == Signature.SignerRole.STAFF else None, signed_at=signer.signed_at,
            ip_address=ip_address, image_png=signer.png, tenant=tenant,
        )  # fmt: skip
    return document


@transaction.atomic
def lease_sign(
    *,
    lease: Lease,
    staff_signer: str,
    tenant_signer: str,
    method: str = Signature.Method.WET_INK,
    by: User,
    ip_address: str | None = None,
    signed_at: datetime | None = None,
    staff_png: bytes | None = None,
    tenant_png: bytes | None = None,
) -> Lease:
    """Both sides signed the draft (in ink, or drawn on screen with both pictures kept): archive the summary
    (PDF/A, hashed), freeze terms, reserve units."""
    require_role(by, LEASE_EDITORS)
    signed_at = signed_at or timezone.now()
    signers = signers_of(staff_signer, tenant_signer, method, signed_at, staff_png, tenant_png)
    lease = lease_lock(lease, Lease.Status.DRAFT)
    admission_check_at_signing(lease)
    review_check_before_signing(lease)
    credit_check_at_signing(lease)
    units = units_lock([row.unit_id for row in lease.lease_units.filter(blocking=True)])
    units_check_free(units, lease.start_date, lease.end_date, exclude_lease=lease)
    document = signed_document_archive(
        template=SUMMARY_TEMPLATE, context=summary_context(lease, signers), kind=LEASE_SUMMARY,
        title=message_later(gettext_noop("Lease summary %(number)s"), number=lease.number), about=lease,
        tenant=lease.tenant, prefix=SUMMARY_PREFIX, signers=signers, by=by, ip_address=ip_address,
    )  # fmt: skip
    with acting(by):
        Lease.LIFECYCLE.move(lease, Lease.Status.SIGNED)
        lease.signed_at, lease.signed_document_id = signed_at, document.pk
        lease.save(update_fields=["status", "signed_at", "signed_document_id", "updated_at"])
        lease_units_refresh([lease.pk])
        event_add(lease, LeaseEvent.Kind.SIGNED, by, document.number)
        webhook_emit(
            WebhookEvent.LEASE_SIGNED, {"lease": lease.pk, "number": lease.number, "tenant": lease.tenant_id}
        )
    _intake_conclude(lease, by)
    return lease


def _intake_conclude(lease: Lease, by: User) -> None:
    """A signed lease uses up its application's approval, and a prospect becomes an active tenant."""
    if lease.application_id:
        application_mark_leased(application=lease.application, by=by)
    if lease.tenant.status == Tenant.Status.PROSPECT:
        tenant_update(tenant=lease.tenant, by=by, status=Tenant.Status.ACTIVE)
