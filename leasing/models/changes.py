"""What happens to a lease after signing: amendments, renewal talks before expiry, and move-out notices."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.lifecycle import Lifecycle

from .leases import Lease, RentBasis
from .space import Unit


class Amendment(models.Model):
    """An amendment (合同变更协议): from its effective date, the changed terms replace the lease's."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")

    LIFECYCLE = Lifecycle(Status, {Status.DRAFT: {Status.SIGNED}})

    lease = models.ForeignKey(
        Lease, on_delete=models.PROTECT, related_name="amendments", verbose_name=_("lease")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    effective_date = models.DateField(_("effective date"))
    reason = models.TextField(_("reason"))
    rent_basis = models.CharField(_("new rent basis"), max_length=8, choices=RentBasis.choices, blank=True)
    rent_rate = models.DecimalField(_("new rent"), max_digits=12, decimal_places=2, null=True, blank=True)
    fee_basis = models.CharField(
        _("new management fee basis"), max_length=8, choices=RentBasis.choices, blank=True
    )
    fee_rate = models.DecimalField(
        _("new management fee"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    end_date = models.DateField(_("new end date"), null=True, blank=True)
    changes_units = models.BooleanField(_("changes the units"), default=False)
    units = models.ManyToManyField(
        Unit,
        through="AmendmentUnit",
        related_name="amendments",
        blank=True,
        verbose_name=_("units from then on"),
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed amendment (document id)"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["lease", "version"]
        constraints = [
            models.UniqueConstraint(fields=["lease", "version"], name="amendment_version_unique"),
            models.CheckConstraint(
                condition=(Q(rent_rate__isnull=True) | Q(rent_rate__gte=0))
                & (Q(fee_rate__isnull=True) | Q(fee_rate__gte=0)),
                name="amendment_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lease} #{self.version}"


class AmendmentUnit(models.Model):
    """A unit the lease holds from the amendment's effective date on."""

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="amendment_units")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["amendment", "unit"], name="amendment_unit_once")]

    def __str__(self) -> str:
        return f"{self.amendment} · {self.unit}"


class RenewalCase(models.Model):
    """Renewal talks two months before a term ends: one per lease and term end."""

    class Intent(models.TextChoices):
        UNDECIDED = "undecided", _("Undecided")
        RENEW = "renew", _("Renew")
        LEAVE = "leave", _("Leave")

    lease = models.ForeignKey(
        Lease, on_delete=models.PROTECT, related_name="renewal_cases", verbose_name=_("lease")
    )
    term_end = models.DateField(_("term end"))
    reminder_date = models.DateField(_("reminder date"))
    due_date = models.DateField(_("answer due"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    intent = models.CharField(
        _("tenant's intent"), max_length=10, choices=Intent.choices, default=Intent.UNDECIDED
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    notice = models.ForeignKey(
        "documents.Notice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("notice sent (id)"),
    )
    next_lease = models.OneToOneField(
        Lease,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("next lease"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("renewal case")
        verbose_name_plural = _("renewal cases")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["lease", "term_end"], name="renewal_case_once_per_term")
        ]

    def __str__(self) -> str:
        return f"{self.lease} → {self.term_end}"


class RenewalFollowUp(models.Model):
    """A contact with the tenant about the renewal, as the service department noted it."""

    case = models.ForeignKey(
        RenewalCase, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("case")
    )
    # The answer recorded with it (renew, leave), shown in the reader's language; ``note`` is what was typed
    # (older rows hold both as text).
    intent = models.CharField(
        _("tenant's intent"), max_length=10, choices=RenewalCase.Intent.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return self.note[:50]


class MoveOutNotice(models.Model):
    """A move-out notice (退租通知): the tenant leaves on a date the notice period ahead or by override."""

    class Channel(models.TextChoices):
        PORTAL = "portal", _("Portal")
        FRONT_DESK = "front_desk", _("Front desk")

    lease = models.OneToOneField(
        Lease, on_delete=models.PROTECT, related_name="move_out_notice", verbose_name=_("lease")
    )
    move_out_date = models.DateField(_("move-out date"))
    given_on = models.DateField(_("given on"))
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    reason = models.TextField(_("tenant's reason"), blank=True)
    override_reason = models.TextField(_("reason for accepting a short notice"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("short notice accepted by"),
    )
    # Ending the fixed term before its end is an early termination: by the lease's break terms, or accepted
    # by management with a reason. Billing charges the lease's penalty at the settlement.
    early_termination = models.BooleanField(_("early termination"), default=False)
    early_reason = models.TextField(_("reason for accepting an early termination"), blank=True)
    early_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("early termination accepted by"),
    )
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("notice (document id)"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("move-out notice")
        verbose_name_plural = _("move-out notices")

    def __str__(self) -> str:
        return f"{self.lease} → {self.move_out_date}"
