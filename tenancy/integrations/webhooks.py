"""Management's webhook endpoints: register one (HTTPS, the events it wants; its signing secret made here),
resume a paused one, remove one; and management told by e-mail when an endpoint is paused."""

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from documents.models import WebhookEndpoint, WebhookEvent

from ..roles import Role
from .services import require_manager


def _check_url(url: str) -> str:
    """HTTPS only; plain HTTP just for the hosts ``WEBHOOK_HTTP_HOSTS`` names (a test's local receiver)."""
    url = url.strip()
    parts = urlsplit(url)
    plain_allowed = parts.scheme == "http" and parts.hostname in settings.WEBHOOK_HTTP_HOSTS
    if parts.scheme != "https" and not plain_allowed:
        raise DomainError(_("The address must start with https://."), field="url")
    if not parts.hostname:
        raise DomainError(_("Enter the full address."), field="url")
    return url


@transaction.atomic
def webhook_endpoint_create(*, name: str, url: str, events: list[str], by: User) -> WebhookEndpoint:
    """Register an endpoint for some events; its signing secret is made here and shown on the page."""
    require_manager(by)
    if not name.strip():
        raise DomainError(_("Name the receiving system."), field="name")
    if not events or set(events) - set(WebhookEvent.values):
        raise DomainError(_("Choose the events to send."), field="events")
    return WebhookEndpoint.objects.create(
        name=name.strip()[:100],
        url=_check_url(url),
        events=sorted(set(events)),
        secret=secrets.token_hex(32),
        created_by=by,
    )


@transaction.atomic
def webhook_endpoint_resume(*, endpoint: WebhookEndpoint, by: User) -> WebhookEndpoint:
    """Resume a paused endpoint (its owner fixed it): new events are sent again."""
    require_manager(by)
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if endpoint.paused_at is None:
        raise DomainError(_("This endpoint is not paused."))
    endpoint.paused_at = endpoint.failing_since = None
    endpoint.save(update_fields=["paused_at", "failing_since"])
    return endpoint


@transaction.atomic
def webhook_endpoint_remove(*, endpoint: WebhookEndpoint, by: User) -> WebhookEndpoint:
    """Stop sending to an endpoint; its delivery log stays."""
    require_manager(by)
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if endpoint.removed_at is None:
        from django.utils import timezone

        endpoint.removed_at = timezone.now()
        endpoint.save(update_fields=["removed_at"])
    return endpoint


def webhook_paused_tell(endpoint: WebhookEndpoint) -> None:
    """Management is told by e-mail that an endpoint failing for a day was paused (documents calls this)."""
    people = get_user_model().objects.filter(is_active=True, groups__name=Role.MANAGEMENT).exclude(email="")
    recipients = sorted(set(people.values_list("email", flat=True)))
    if not recipients:
        return
    subject = _("Webhook “%(name)s” paused") % {"name": endpoint.name}
    body = _(
        "Deliveries to %(url)s have failed for %(hours)d hours, so they were paused. Once the receiving "
        "system is fixed, resume it under Integrations → Webhooks."
    ) % {"url": endpoint.url, "hours": settings.WEBHOOK_PAUSE_AFTER_HOURS}
    send_mail(subject, body, None, recipients, fail_silently=True)
