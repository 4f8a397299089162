"""Tenants, their contacts and the portal accounts that act for them."""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.actors import User
from documents.lifecycle import Lifecycle
from documents.models import Notice


class PortalRole(models.TextChoices):
    """What a tenant's person may do in the portal (see ``tenancy.portal_roles`` for the areas)."""

    ADMINISTRATOR = "admin", pgettext_lazy("portal role", "Administrator")
    FINANCE = "finance", pgettext_lazy("portal role", "Finance")
    OPERATIONS = "operations", pgettext_lazy("portal role", "Operations")
    READ_ONLY = "read_only", pgettext_lazy("portal role", "Read only")


# The label of the audit trail event a portal account gets when staff mail its user a password reset link.
PASSWORD_RESET_SENT = "password_reset_sent"  # noqa: S105 (an event label, not a password)


# Statement-level history: a bulk write (a day-one import, the occupancy refresh of thousands of units)
# records its rows in one trigger call, not one per row. Every update is recorded (a save stamps updated_at,
# so "any change" held anyway): with that condition the statement trigger would join the old and new rows,
# and PL/pgSQL keeps the plan of a session's first (often empty) statement: a nested loop over thousands.
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(condition=None),
    pghistory.DeleteEvent(),
    level=pghistory.Statement,
)
class Tenant(models.Model):
    """A company (known by its unified social credit code) or a person (by resident ID) renting space."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        PERSON = "person", _("Person")

    class Language(models.TextChoices):
        ZH_HANS = "zh-hans", _("Simplified Chinese")
        EN = "en", _("English")

    class Status(models.TextChoices):
        PROSPECT = "prospect", _("Prospect")
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")

    # A prospect becomes active with its first signed lease; a tenant whose last lease ended is archived.
    LIFECYCLE = Lifecycle(
        Status, {Status.PROSPECT: {Status.ACTIVE, Status.ARCHIVED}, Status.ACTIVE: {Status.ARCHIVED}}
    )

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COMPANY)
    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    id_number = models.CharField(_("resident ID number"), max_length=18, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    # What the system writes to the tenant (forms, letters, e-mails) is in this language, whoever clicks.
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.ZH_HANS
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("tenant")
        verbose_name_plural = _("tenants")
        ordering = ["name", "pk"]
        permissions = [("view_confidential", _("Can see ID numbers and licence scans"))]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~Q(credit_code=""), name="tenant_credit_code_unique"
            ),
            models.UniqueConstraint(
                fields=["id_number"], condition=~Q(id_number=""), name="tenant_id_number_unique"
            ),
            models.CheckConstraint(
                condition=(Q(kind="company") & ~Q(credit_code="")) | (Q(kind="person") & ~Q(id_number="")),
                name="tenant_identifier_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["status", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def identifier(self) -> str:
        return self.credit_code if self.kind == self.Kind.COMPANY else self.id_number


# Statement-level history: a bulk write (a day-one import, the occupancy refresh of thousands of units)
# records its rows in one trigger call, not one per row. Every update is recorded (a save stamps updated_at,
# so "any change" held anyway): with that condition the statement trigger would join the old and new rows,
# and PL/pgSQL keeps the plan of a session's first (often empty) statement: a nested loop over thousands.
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(condition=None),
    pghistory.DeleteEvent(),
    level=pghistory.Statement,
)
class Contact(models.Model):
    """A person the management deals with at a tenant; one may be the primary contact."""

    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("tenant")
    )
    name = models.CharField(_("name"), max_length=100)
    position = models.CharField(_("position"), max_length=100, blank=True)
    mobile = models.CharField(_("mobile"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-is_primary", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant"], condition=Q(is_primary=True), name="contact_one_primary"
            ),
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    # Written by the service that mails the account's user a password reset link, so the history shows it.
    pghistory.ManualEvent(PASSWORD_RESET_SENT),
)
class TenantMembership(models.Model):
    """A portal account: the user acts for exactly one tenant and sees only its data, within its role.

    The tenant's administrators invite and remove their colleagues; finance people see bills, payments and
    fapiao, operations people repairs, fit-out and handover, read-only people look without acting.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="tenant_membership",
        verbose_name=_("user"),
    )
    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("tenant")
    )
    role = models.CharField(
        _("portal role"), max_length=12, choices=PortalRole.choices, default=PortalRole.ADMINISTRATOR
    )
    # The notice topics this person also gets by e-mail (the tenant's own address and contacts always do).
    email_topics = ArrayField(
        models.CharField(max_length=12, choices=Notice.Topic.choices),
        verbose_name=_("notices by e-mail"),
        default=list,
        blank=True,
    )
    # The language of this person's e-mails and PDFs; blank = the tenant's language.
    language = models.CharField(_("language"), max_length=10, choices=Tenant.Language.choices, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Set when staff switch the account off (the user is then inactive and cannot log in).
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("portal account")
        verbose_name_plural = _("portal accounts")

    def __str__(self) -> str:
        return f"{self.user} → {self.tenant}"

    @staticmethod
    def tenant_membership_cached(user: User) -> bool:
        """True when the user's portal account (with its tenant) is already loaded on the user object."""
        membership = user._state.fields_cache.get("tenant_membership")
        return membership is not None and "tenant" in membership._state.fields_cache
