"""Telling people: the tenant through a notice in the portal inbox (and e-mail), staff managers by e-mail.

A notice to the tenant is written in the tenant's language (``Tenant.language``, Chinese unless set), whoever
clicked; staff e-mails in the site's default language (Chinese): they are letters, read later by someone else.
"""

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from documents.actors import User
from documents.models import Notice
from documents.money import yuan
from documents.services import notice_send
from documents.wording import in_tenant_language

from .models import SlaClock, Ticket


def tenant_notice(ticket: Ticket, *, subject: str, body: str, by: User) -> None:
    """A notice about the ticket in the tenant's inbox, with the link to its page in the portal."""
    if ticket.tenant_id is None:
        return
    link = settings.SITE_URL + reverse("portal:ticket-detail", args=[ticket.pk])
    notice_send(
        tenant=ticket.tenant, subject=subject, body=f"{body}\n\n{link}", by=by, topic=Notice.Topic.REPAIRS
    )


def ticket_acknowledged_notice(ticket: Ticket, *, reply: str, by: User) -> None:
    with in_tenant_language(ticket.tenant):
        subject = _("We have received your request %(ref)s") % {"ref": ticket.reference}
        tenant_notice(ticket, subject=subject, body=reply, by=by)


def ticket_resolved_notice(ticket: Ticket, *, by: User) -> None:
    with in_tenant_language(ticket.tenant):
        subject = _("Your request %(ref)s is resolved") % {"ref": ticket.reference}
        body = _(
            "%(resolution)s\n\nPlease tell us how satisfied you are: rate it from 1 to 5 in the portal. "
            "If it is not fixed, say so there within %(days)d days and we will take it up again."
        ) % {"resolution": ticket.resolution, "days": settings.SERVICE_FOLLOW_UP_DAYS}
        tenant_notice(ticket, subject=subject, body=body, by=by)


def ticket_quote_notice(ticket: Ticket, *, by: User) -> None:
    with in_tenant_language(ticket.tenant):
        subject = _("A quote for your request %(ref)s") % {"ref": ticket.reference}
        body = _("Amount: %(amount)s\n%(text)s\n\nPlease accept or decline it in the portal.") % {
            "amount": yuan(ticket.quote_amount),
            "text": ticket.quote_text,
        }
        tenant_notice(ticket, subject=subject, body=body, by=by)


def staff_mail(recipient: Any, *, subject: str, lines: Iterable[str]) -> None:
    """E-mail a staff member once the transaction commits (nothing when they have no address)."""
    if recipient is None or not recipient.email:
        return
    message = "\n".join(lines)
    transaction.on_commit(
        partial(
            send_mail, subject, message, settings.DEFAULT_FROM_EMAIL, [recipient.email], fail_silently=True
        )
    )


def ticket_url(ticket_pk: int) -> str:
    return settings.SITE_URL + reverse("servicedesk:ticket-detail", args=[ticket_pk])


def reopened_to_manager_mail(ticket: Ticket, *, manager: Any, rating: int) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(ref)s was rated %(rating)d and is reopened to you") % {
            "ref": ticket.reference,
            "rating": rating,
        }
        lines = [ticket.rating_comment, ticket_url(ticket.pk)]
        staff_mail(manager, subject=subject, lines=lines)


def not_fixed_mail(ticket: Ticket, *, comment: str) -> None:
    """The owner hears at once that the tenant reopened the ticket, and why."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(ref)s is not fixed, says the tenant: back in progress") % {"ref": ticket.reference}
        staff_mail(ticket.owner, subject=subject, lines=[comment, ticket_url(ticket.pk)])


def escalation_mail(manager: Any, breaches: list[tuple[int, str]]) -> None:
    """One e-mail per manager per sweep, listing each breached (ticket id, clock)."""
    # One reverse() for the whole list: a sweep may list thousands of tickets.
    url = ticket_url(0).replace("/0/", "/{pk}/")
    with translation.override(settings.LANGUAGE_CODE):
        subject = ngettext(
            "%(n)d service ticket is past its deadline",
            "%(n)d service tickets are past their deadline",
            len(breaches),
        ) % {"n": len(breaches)}
        labels = {clock: str(label) for clock, label in SlaClock.choices}
        lines = [f"SR{pk:06d} {labels[clock]}: {url.format(pk=pk)}" for pk, clock in sorted(breaches)]
        staff_mail(manager, subject=subject, lines=lines)
