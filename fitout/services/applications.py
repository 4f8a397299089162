"""Applying for a fit-out (《装修申请表》), signing the fit-out management agreement (《装修期管理协议》),
adding the fire-safety approval, and resubmitting drawings after a review asked for changes."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.errors import DomainError
from documents.models import Document, Signature
from documents.services import document_number_next, document_render, signature_record
from handover.services import SignerInput
from leasing.models import Lease, Unit

from ..document_kinds import DRAWING, FIRE_SAFETY_APPROVAL, FITOUT_AGREEMENT
from ..models import Application, Drawing
from ..models.applications import SUBMITTED_WITH_DRAWINGS
from ..printing import AGREEMENT_TEMPLATE, agreement_context, agreement_title
from .common import application_lock, event_add, upload

LIVE_LEASE = (Lease.Status.SIGNED, Lease.Status.ACTIVE, Lease.Status.NOTICE_GIVEN)
NUMBER_PREFIX = "ZX"


@dataclass
class ApplicationInput:
    lease: Lease
    units: list[Unit]
    contractor_company: str
    contractor_licence: str
    site_manager: str
    site_manager_phone: str
    scope: str
    starts_on: date
    ends_on: date
    needs_fire_approval: bool = False
    drawings: list[File] = field(default_factory=list)
    fire_approval: File | None = None


def _check(data: ApplicationInput, tenant: Any) -> None:
    lease = data.lease
    if lease.tenant_id != tenant.pk or lease.status not in LIVE_LEASE:
        raise DomainError(_("Choose a live lease of this tenant."), field="lease")
    lease_units = set(lease.lease_units.values_list("unit_id", flat=True))
    if not data.units or any(unit.pk not in lease_units for unit in data.units):
        raise DomainError(_("Choose units of the lease."), field="units")
    if data.ends_on < data.starts_on:
        raise DomainError(_("The works cannot end before they start."), field="ends_on")
    for name, day in (("starts_on", data.starts_on), ("ends_on", data.ends_on)):
        if not lease.start_date <= day <= lease.end_date:
            raise DomainError(
                _("The works must run within the lease, from %(start)s to %(end)s.")
                % {"start": lease.start_date, "end": lease.end_date},
                field=name,
            )
    if not data.drawings:
        raise DomainError(_("Upload the drawings and the design (PDF)."), field="drawings")
    for name in ("contractor_company", "contractor_licence", "site_manager", "site_manager_phone", "scope"):
        if not str(getattr(data, name)).strip():
            raise DomainError(_("This field is required."), field=name)


def _drawings_add(application: Application, files: list[File], by: User) -> list[Drawing]:
    made = []
    for file in files:
        document = upload(file, kind=DRAWING, application=application, field="drawings", by=by, pdf_only=True)
        made.append(
            Drawing.objects.create(
                application=application,
                title=(file.name or document.number)[:200],
                review_round=application.review_round,
                document_id=document.pk,
            )
        )
    return made


@transaction.atomic
def application_submit(*, data: ApplicationInput, tenant: Any, by: User) -> Application:
    """The tenant (or the front desk for it) applies; nothing is stored if any part is refused."""
    _check(data, tenant)
    application = Application.objects.create(
        number=document_number_next(prefix=NUMBER_PREFIX),
        tenant=tenant,
        lease=data.lease,
        contractor_company=data.contractor_company.strip(),
        contractor_licence=data.contractor_licence.strip(),
        site_manager=data.site_manager.strip(),
        site_manager_phone=data.site_manager_phone.strip(),
        scope=data.scope.strip(),
        needs_fire_approval=data.needs_fire_approval,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        created_by=by,
    )
    application.units.set(data.units)
    _drawings_add(application, data.drawings, by)
    if data.fire_approval is not None:
        document = upload(
            data.fire_approval,
            kind=FIRE_SAFETY_APPROVAL,
            application=application,
            field="fire_approval",
            by=by,
        )
        application.fire_approval_document_id = document.pk
        application.save(update_fields=["fire_approval_document_id"])
    event_add(application, SUBMITTED_WITH_DRAWINGS, by, n=len(data.drawings))
    return application


@transaction.atomic
def application_sign(
    *,
    application: Application,
    tenant_signer: SignerInput,
    contractor_signer: SignerInput,
    by: User,
    ip_address: str | None = None,
) -> Document:
    """Tenant and contractor sign the fit-out management agreement on screen; it is printed once, signed, and
    each signature records the device's address."""
    application = application_lock(application)
    if application.agreement_document_id:
        raise DomainError(_("The agreement has been signed already."))
    for name, signer in (("tenant_name", tenant_signer), ("contractor_name", contractor_signer)):
        if not signer.name.strip():
            raise DomainError(_("Enter the name of the person signing."), field=name)
        if not signer.png:
            raise DomainError(
                _("Sign in the box: the signature is empty."), field=name.replace("name", "signature")
            )
    document = document_render(
        template=AGREEMENT_TEMPLATE,
        context=agreement_context(application, tenant_signer, contractor_signer),
        kind=FITOUT_AGREEMENT,
        title=agreement_title(application),
        tenant=application.tenant,
        about=application,
        by=by,
        number_prefix="ZXXY",
    )
    for signer in (tenant_signer, contractor_signer):
        signature_record(
            signer_name=signer.name,
            signer_role=Signature.SignerRole.TENANT,
            method=Signature.Method.ON_SCREEN,
            document=document,
            user=by,
            image_png=signer.png,
            tenant=application.tenant,
            ip_address=ip_address,
        )
    application.agreement_document_id = document.pk
    application.save(update_fields=["agreement_document_id"])
    event_add(
        application,
        gettext_noop("Fit-out management agreement signed by %(a)s and %(b)s."),
        by,
        a=tenant_signer.name,
        b=contractor_signer.name,
    )
    return document


@transaction.atomic
def fire_approval_upload(*, application: Application, file: File, by: User) -> Application:
    """The fire-safety approval document, for a scope that needs one (before the permit)."""
    application = application_lock(
        application, Application.Status.SUBMITTED, Application.Status.CHANGES, Application.Status.APPROVED
    )
    document = upload(file, kind=FIRE_SAFETY_APPROVAL, application=application, field="file", by=by)
    application.fire_approval_document_id = document.pk
    application.save(update_fields=["fire_approval_document_id"])
    event_add(application, gettext_noop("Fire-safety approval uploaded."), by)
    return application


@transaction.atomic
def application_resubmit(*, application: Application, drawings: list[File], by: User) -> Application:
    """After a review asked for changes, the revised drawings start the next review round."""
    application = application_lock(application, Application.Status.CHANGES)
    if not drawings:
        raise DomainError(_("Upload the revised drawings (PDF)."), field="drawings")
    application.review_round += 1
    Application.LIFECYCLE.move(application, Application.Status.SUBMITTED)
    application.save(update_fields=["review_round", "status"])
    _drawings_add(application, drawings, by)
    event_add(
        application,
        gettext_noop("Revised drawings submitted for review round %(n)d."),
        by,
        n=application.review_round,
    )
    return application
