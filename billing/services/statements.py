"""Statements of account (对账单) as PDF: asked for with a POST, kept once per tenant, period and content,
numbered in a short transaction of their own so that no numbering lock is held while WeasyPrint renders."""

import hashlib
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from documents.models import Document
from documents.services import document_number_next, document_render
from documents.wording import in_tenant_language
from tenancy.access import has_role
from tenancy.models import Tenant
from tenancy.roles import Role

from ..document_kinds import STATEMENT
from ..models import Statement
from ..selectors import StatementLine, tenant_statement

STATEMENT_PREFIX = "SA"
STATEMENT_READERS = (Role.FINANCE, Role.MANAGEMENT)


def statement_digest(opening: Decimal, rows: list[StatementLine], closing: Decimal) -> str:
    """A fingerprint of what the statement shows: the same postings give the same digest."""
    lines = [str(opening), *(f"{r.on}|{r.memo}|{r.charged}|{r.paid}|{r.balance}" for r in rows), str(closing)]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _check_reader(by: User, tenant: Tenant) -> None:
    """Finance and management, or a portal user of the tenant itself."""
    if has_role(by, STATEMENT_READERS):
        return
    membership = getattr(by, "tenant_membership", None) if getattr(by, "is_authenticated", False) else None
    if membership is None or by.is_staff or membership.tenant_id != tenant.pk:
        raise PermissionDenied(_("Your role may not print this statement."))


def statement_document(*, tenant: Tenant, start: date, end: date, by: User) -> Document:
    """The statement's PDF for the tenant and period: the one printed before while the postings are the
    same, else a new one. Call it outside a transaction: the number is taken and committed first."""
    _check_reader(by, tenant)
    if end < start:
        raise DomainError(_("The end comes before the start."), field="end")
    with in_tenant_language(tenant):  # the memos read in the tenant's language, whoever prints it
        opening, rows, closing = tenant_statement(tenant.pk, start, end)
    statement = _statement_claim(tenant, start, end, statement_digest(opening, rows, closing), by)
    if statement.document_id:
        return Document.objects.get(pk=statement.document_id)
    context = {
        "tenant": tenant,
        "start": start,
        "end": end,
        "opening": opening,
        "rows": rows,
        "closing": closing,
    }
    return _statement_render(statement, context, by)


def _statement_claim(tenant: Tenant, start: date, end: date, digest: str, by: User) -> Statement:
    """The statement's row with its number, in a short transaction of its own (the numbering lock is
    released at its commit); a twin request that lost the race finds the winner's row."""
    key = {"tenant": tenant, "start": start, "end": end, "digest": digest}
    found = Statement.objects.filter(**key).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Statement.objects.create(
                **key,
                number=document_number_next(prefix=STATEMENT_PREFIX),
                requested_by=by if getattr(by, "pk", None) else None,
            )
    except IntegrityError:
        # The same statement was claimed meanwhile; its number went back with our rolled-back savepoint.
        return Statement.objects.get(**key)


@transaction.atomic
def _statement_render(statement: Statement, context: dict[str, Any], by: User) -> Document:
    """Render the claimed statement under its own row lock (a twin waits, then reuses the document)."""
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if statement.document_id:
        return Document.objects.get(pk=statement.document_id)
    with in_tenant_language(statement.tenant):  # the same statement whoever prints it
        document = document_render(
            template="documents/forms/billing_statement.html",
            context=context,
            kind=STATEMENT,
            title=_("Statement of account %(start)s – %(end)s")
            % {"start": context["start"], "end": context["end"]},
            tenant=statement.tenant,
            about=statement.tenant,
            by=by if getattr(by, "pk", None) else None,
            number_prefix=STATEMENT_PREFIX,
            number=statement.number,
        )
    Statement.objects.filter(pk=statement.pk).update(document_id=document.pk)
    return document
