"""The arrears file (欠费档案): one collection case per tenant in arrears, its contact log, promises to pay,
payment plans, and management's decision on each recommendation to terminate."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.lifecycle import Lifecycle

from .arrears import DunningLetter
from .bills import MONEY


class CollectionCase(models.Model):
    """A tenant's arrears file: opened when a bill falls overdue, raised when a promise or a plan is broken,
    closed when nothing overdue is left; at most one is open per tenant."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RAISED = "raised", _("Raised")
        CLOSED = "closed", _("Closed")

    LIFECYCLE = Lifecycle(
        Status,
        {Status.OPEN: {Status.RAISED, Status.CLOSED}, Status.RAISED: {Status.CLOSED}, Status.CLOSED: set()},
    )

    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="collection_cases", verbose_name=_("tenant")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case owner"),
    )
    opened_on = models.DateField(_("opened on"))
    raised_on = models.DateField(_("raised on"), null=True, blank=True)
    raised_reason = models.TextField(_("why raised"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("collection case")
        verbose_name_plural = _("collection cases")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant"], condition=~Q(status="closed"), name="collection_case_one_open_per_tenant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tenant} {self.opened_on}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


class CaseEvent(models.Model):
    """A line of a case's timeline: opened, owner, raised, plan, decision, closed."""

    case = models.ForeignKey(CollectionCase, on_delete=models.CASCADE, related_name="events")
    text = models.TextField(_("what happened"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.text


class CollectionContact(models.Model):
    """A call, visit or letter to chase payment, with its outcome (who was reached and what they said)."""

    class Kind(models.TextChoices):
        CALL = "call", _("Call")
        VISIT = "visit", _("Visit")
        LETTER = "letter", _("Letter")

    class Outcome(models.TextChoices):
        PROMISED = "promised", _("Promised to pay")
        REACHED = "reached", _("Reached, no promise")
        NO_ANSWER = "no_answer", _("Not reached")
        REFUSED = "refused", _("Refused to pay")
        DISPUTED = "disputed", _("Disputes the amount")

    case = models.ForeignKey(CollectionCase, on_delete=models.PROTECT, related_name="contacts")
    kind = models.CharField(_("contact by"), max_length=10, choices=Kind.choices)
    contacted_on = models.DateField(_("date"))
    person = models.CharField(_("spoke with"), max_length=100, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("arrears", "contact")
        verbose_name_plural = pgettext_lazy("arrears", "contacts")
        ordering = ["-contacted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.contacted_on}"


class PaymentPromise(models.Model):
    """The tenant promised to pay an amount by a date; the daily clock marks it kept or missed (a missed
    promise raises the case)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        KEPT = "kept", _("Kept")
        MISSED = "missed", _("Missed")

    LIFECYCLE = Lifecycle(
        Status, {Status.OPEN: {Status.KEPT, Status.MISSED}, Status.KEPT: set(), Status.MISSED: set()}
    )

    case = models.ForeignKey(CollectionCase, on_delete=models.PROTECT, related_name="promises")
    contact = models.ForeignKey(
        CollectionContact, on_delete=models.PROTECT, null=True, blank=True, related_name="promises"
    )
    made_on = models.DateField(_("made on"))
    promised_on = models.DateField(_("pay by"))
    amount = models.DecimalField(_("amount"), **MONEY)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("promise to pay")
        verbose_name_plural = _("promises to pay")
        ordering = ["-promised_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_promise_amount_positive"),
            models.CheckConstraint(
                condition=Q(promised_on__gte=models.F("made_on")), name="payment_promise_not_before_made"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.promised_on}"


class PaymentPlan(models.Model):
    """Arrears split into instalments, granted by finance or management; the clock marks it broken (and the
    case raised) when the payments since it was granted fall behind the instalments due."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In force")
        COMPLETED = "completed", _("Completed")
        BROKEN = "broken", _("Broken")

    LIFECYCLE = Lifecycle(
        Status,
        {Status.ACTIVE: {Status.COMPLETED, Status.BROKEN}, Status.COMPLETED: set(), Status.BROKEN: set()},
    )

    case = models.ForeignKey(CollectionCase, on_delete=models.PROTECT, related_name="plans")
    granted_on = models.DateField(_("granted on"))
    total = models.DecimalField(_("total"), **MONEY)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    note = models.TextField(_("note"), blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("payment plan")
        verbose_name_plural = _("payment plans")
        ordering = ["-granted_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(total__gt=0), name="payment_plan_total_positive"),
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="active"), name="payment_plan_one_active_per_case"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.total} {self.granted_on}"


class PlanInstalment(models.Model):
    """One instalment of a payment plan: an amount due on a date."""

    plan = models.ForeignKey(PaymentPlan, on_delete=models.CASCADE, related_name="instalments")
    due_on = models.DateField(_("due on"))
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ["plan", "due_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="plan_instalment_positive")]

    def __str__(self) -> str:
        return f"{self.amount} {self.due_on}"


class TerminationRecommendation(models.Model):
    """The last dunning stage recommends terminating the lease; management decides: terminate, grant a payment
    plan, or wait until a date (then it is due again unless the tenant paid)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        TERMINATE = "terminate", _("Terminate the lease")
        PLAN = "plan", _("Payment plan granted")
        WAIT = "wait", _("Wait until a date")
        LAPSED = "lapsed", _("Paid before a decision")

    LIFECYCLE = Lifecycle(
        Status,
        {
            Status.PENDING: {Status.TERMINATE, Status.PLAN, Status.WAIT, Status.LAPSED},
            Status.WAIT: {Status.PENDING, Status.TERMINATE, Status.PLAN, Status.LAPSED},
            Status.PLAN: set(),
            Status.TERMINATE: set(),
            Status.LAPSED: set(),
        },
    )

    letter = models.OneToOneField(DunningLetter, on_delete=models.PROTECT, related_name="recommendation")
    case = models.ForeignKey(CollectionCase, on_delete=models.PROTECT, related_name="recommendations")
    lease = models.ForeignKey(
        "leasing.Lease", on_delete=models.PROTECT, related_name="+", verbose_name=_("lease")
    )
    made_on = models.DateField(_("recommended on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    wait_until = models.DateField(_("wait until"), null=True, blank=True)
    note = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    termination = models.ForeignKey(
        "leasing.LeaseTermination", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("recommendation to terminate")
        verbose_name_plural = _("recommendations to terminate")
        ordering = ["made_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="wait") | Q(wait_until__isnull=False), name="recommendation_wait_has_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.lease} {self.made_on}"
