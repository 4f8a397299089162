"""The language each person reads their e-mailed notices in.

A notice is kept in the portal inbox in the tenant's language. Its e-mail goes to the tenant's own address
and contacts in that language too, but a portal person may choose another language for their e-mails
(``TenantMembership.language``, on the portal's preferences page): they get the notice written in theirs,
as a version kept with the notice (``NoticeVersion``), so the sender and the sweep that resends an
interrupted send mail every version the same way. A subject or body given as a lazy string (``gettext_lazy``,
``wording.message_later``) is written in each language; text already written reads the same in every
version.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.functional import Promise

from .wording import tenant_language


@dataclass(frozen=True)
class Subscriber:
    """A portal person who gets a topic's notices by e-mail, in ``language`` ("" = the tenant's)."""

    email: str
    language: str = ""


def topic_subscribers_by_language(tenant_ids: Iterable[int], topic: str) -> dict[int, list[Subscriber]]:
    """The tenants' active portal people who chose to get notices of ``topic`` by e-mail, with the language
    each chose, by tenant, in one query."""
    rows = (
        get_user_model()
        .objects.filter(
            tenant_membership__tenant_id__in=list(tenant_ids),
            tenant_membership__deactivated_at__isnull=True,
            tenant_membership__email_topics__contains=[topic],
            is_active=True,
        )
        .exclude(email="")
        .order_by("pk")
        .values_list("tenant_membership__tenant_id", "email", "tenant_membership__language")
    )
    found: dict[int, list[Subscriber]] = {}
    for tenant_id, email, language in rows:
        found.setdefault(tenant_id, []).append(Subscriber(email, language or ""))
    return found


def letter_versions(
    *,
    tenant: Any,
    subject: str | Promise,
    body: str | Promise,
    addresses: Sequence[str],
    subscribers: Sequence[Subscriber],
) -> tuple[list[str], list[dict[str, Any]]]:
    """(the recipients of the tenant-language e-mail, the versions for people who chose another language).

    ``addresses`` are the tenant's own and its contacts'; a subscriber who chose another language is taken
    off the tenant-language list (even when also a contact) and gets the version in theirs. A version is
    ``{"language", "subject", "body", "recipients"}``."""
    own = tenant_language(tenant)
    elsewhere: dict[str, list[str]] = {}
    for person in subscribers:
        if person.language and person.language != own:
            elsewhere.setdefault(person.language, []).append(person.email)
    moved = {email for emails in elsewhere.values() for email in emails}
    candidates = (a.strip() for a in [*addresses, *(person.email for person in subscribers)] if a)
    recipients = list(dict.fromkeys(a for a in candidates if a and a not in moved))
    versions = []
    for language, emails in sorted(elsewhere.items()):
        with translation.override(language):
            versions.append(
                {
                    "language": language,
                    "subject": str(subject).strip(),
                    "body": str(body),
                    "recipients": list(dict.fromkeys(emails)),
                }
            )
    return recipients, versions
