"""The API's keys and tokens, and the webhooks it sends: who the systems around the building are, and what
they were told.

Only a key's or token's hash is kept: the secret is shown once, when it is made. Documents know no roles and
no buildings; the scopes a key carries are words the apps read, its buildings plain ids (empty: all).
"""

import hashlib
from datetime import date

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.lifecycle import Lifecycle


def secret_hash(raw: str) -> str:
    """Keys and tokens are long random strings: one SHA-256 suffices (no dictionary to guess from)."""
    return hashlib.sha256(raw.encode()).hexdigest()


class Scope(models.TextChoices):
    """What a staff API key may do; each API view names the scope it needs."""

    SPACE_READ = "space:read", _("Read buildings, floors and units")
    TENANTS_READ = "tenants:read", _("Read tenants and contacts")
    CONFIDENTIAL = "confidential", _("See full ID numbers (confidential)")
    LEASES_READ = "leases:read", _("Read leases")
    BILLING_READ = "billing:read", _("Read bills, payments and arrears")
    LEDGER_READ = "ledger:read", _("Read journal entries")
    PASSES_READ = "passes:read", _("Read worker passes")
    TICKETS_READ = "tickets:read", _("Read tickets")
    PAYMENTS_WRITE = "payments:write", _("Record payments")
    TICKETS_WRITE = "tickets:write", _("Record tickets from other channels")
    METERS_WRITE = "meters:write", _("Enter meter readings")
    APPLICATIONS_WRITE = "applications:write", _("Submit applications from the website")


class ApiKey(models.Model):
    """A staff integration's key: its scopes, the buildings it sees (none listed: all), an expiry.

    The key acts through a user of its own (no password, never logs in), so every write is recorded under
    it and the services' checks apply as to anyone else.
    """

    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("key prefix"), max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    scopes = ArrayField(models.CharField(max_length=32), verbose_name=_("scopes"), default=list)
    building_ids = ArrayField(models.BigIntegerField(), verbose_name=_("buildings"), default=list, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_key", verbose_name=_("acts as")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    def usable(self, today: date | None = None) -> bool:
        """Neither revoked nor past its expiry date (the key works through that day)."""
        today = today or timezone.localdate()
        return self.revoked_at is None and (self.expires_on is None or today <= self.expires_on)


class TenantToken(models.Model):
    """A portal user's token for a mini-program or app: it sees exactly what that user's portal shows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    prefix = models.CharField(_("token prefix"), max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("tenant API token")
        verbose_name_plural = _("tenant API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.prefix


class WebhookEvent(models.TextChoices):
    """What the services announce to the registered endpoints (each by an explicit call, no signals)."""

    BILL_ISSUED = "bill.issued", _("Bill issued")
    PAYMENT_RECORDED = "payment.recorded", _("Payment recorded")
    TICKET_CHANGED = "ticket.changed", _("Ticket changed")
    LEASE_SIGNED = "lease.signed", _("Lease signed")
    LEASE_ENDED = "lease.ended", _("Lease ended")
    PASS_REVOKED = "pass.revoked", _("Worker pass revoked")


class WebhookEndpoint(models.Model):
    """An HTTPS address told of the chosen events, each delivery signed with the endpoint's own secret.

    An endpoint whose deliveries have failed for a day (``WEBHOOK_PAUSE_AFTER_HOURS``) is paused, and
    management told, until someone resumes it.
    """

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("address"), max_length=500)
    events = ArrayField(models.CharField(max_length=32), verbose_name=_("events"), default=list)
    secret = models.CharField(_("signing secret"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    """One event sent to one endpoint: its attempts and the last response, kept for the log."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    # Pending until the receiver answers 2xx; failed once the retries are spent (a failed try stays pending).
    LIFECYCLE = Lifecycle(Status, {Status.PENDING: {Status.DELIVERED, Status.FAILED}})

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("endpoint")
    )
    event = models.CharField(_("event"), max_length=32, choices=WebhookEvent.choices)
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    response_body = models.TextField(_("response"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["endpoint", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id}"
