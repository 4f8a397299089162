"""The sheets of a visit and their lines: keys (《单元钥匙交接单》), meter readings
(《电表读数确认单》), the acceptance checklist (《单元验收整改单》) with its rectification items, the receipt
for the handbook and guides, the two agreements signed at move-in (《管理协议》, 《区域防火责任协议书》), and
the move-out confirmation (《退租交接确认书》). A signed sheet is frozen; a new version supersedes it."""

import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.lifecycle import Lifecycle
from documents.wording import message_text

from .visits import Visit


class Sheet(models.Model):
    """One version of a sheet of a visit: a draft is edited, a signed one frozen, a superseded one
    replaced."""

    class Kind(models.TextChoices):
        KEYS = "keys", _("Unit key handover sheet")
        METERS = "meters", _("Meter reading confirmation sheet")
        ACCEPTANCE = "acceptance", _("Unit acceptance and rectification sheet")
        RECEIPT = "receipt", _("Receipt for the handbook and guides")
        MANAGEMENT_AGREEMENT = "management", _("Management agreement")
        FIRE_SAFETY_AGREEMENT = "fire_safety", _("Fire-safety responsibility agreement")
        MOVE_OUT = "move_out", _("Move-out handover confirmation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")
        SUPERSEDED = "superseded", _("Superseded")

    # A draft is signed and frozen; signing a new version supersedes the signed one.
    LIFECYCLE = Lifecycle(Status, {Status.DRAFT: {Status.SIGNED}, Status.SIGNED: {Status.SUPERSEDED}})

    class Handout(models.TextChoices):
        HANDBOOK = "handbook", _("Tenant handbook")
        FIT_OUT_GUIDE = "fit_out_guide", _("Fit-out guide")
        SAFETY_AGREEMENT = "safety_agreement", _("Safety agreement")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="sheets", verbose_name=_("visit"))
    kind = models.CharField(_("sheet"), max_length=12, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    reason = models.TextField(_("reason for the new version"), blank=True)
    note = models.TextField(_("remarks"), blank=True)
    handouts = ArrayField(
        models.CharField(max_length=20, choices=Handout.choices),
        default=list,
        blank=True,
        verbose_name=_("handed over"),
    )
    content_sha256 = models.CharField(_("SHA-256 of the signed content"), max_length=64, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed sheet (document id)"),
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("handover sheet")
        verbose_name_plural = _("handover sheets")
        ordering = ["visit", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "kind", "version"], name="sheet_version_unique"),
            models.UniqueConstraint(
                fields=["visit", "kind"], condition=Q(status="draft"), name="sheet_one_draft_per_kind"
            ),
            models.UniqueConstraint(
                fields=["visit", "kind"], condition=Q(status="signed"), name="sheet_one_signed_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (
                    Q(content_sha256__regex=r"^[0-9a-f]{64}$")
                    & Q(document_id__isnull=False)
                    & Q(signed_at__isnull=False)
                ),
                name="sheet_signed_has_hash_and_document",
            ),
            models.CheckConstraint(
                condition=Q(version=1) | (~Q(reason="") & Q(supersedes__isnull=False)),
                name="sheet_new_version_says_why",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class KeyRecord(models.Model):
    """A line of the key handover sheet: keys or cards of a type, how many, to whom; spares kept by
    management (the key custody undertaking)."""

    class Type(models.TextChoices):
        DOOR_KEY = "door_key", _("Unit door key")
        ACCESS_CARD = "access_card", _("Access card")
        MAILBOX_KEY = "mailbox_key", _("Mailbox key")
        CABINET_KEY = "cabinet_key", _("Cabinet key")
        OTHER = "other", _("Other key")

    sheet = models.ForeignKey(
        Sheet, on_delete=models.CASCADE, related_name="key_records", verbose_name=_("sheet")
    )
    key_type = models.CharField(_("type"), max_length=12, choices=Type.choices)
    number = models.CharField(_("key or card number"), max_length=40)
    quantity = models.PositiveSmallIntegerField(_("quantity"))
    issued_to = models.CharField(_("issued to"), max_length=100)
    spare_kept = models.PositiveSmallIntegerField(_("spares kept by management"), default=0)
    returned = models.PositiveSmallIntegerField(_("returned"), null=True, blank=True)
    charge_each = models.DecimalField(
        _("charge per missing one"), max_digits=10, decimal_places=2, default=Decimal("0.00")
    )

    class Meta:
        verbose_name = _("key record")
        verbose_name_plural = _("key records")
        ordering = ["sheet", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="key_record_quantity_positive"),
            models.CheckConstraint(
                condition=Q(returned__isnull=True) | Q(returned__lte=F("quantity")),
                name="key_record_returned_within",
            ),
            models.CheckConstraint(condition=Q(charge_each__gte=0), name="key_record_charge_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_key_type_display()} {self.number} × {self.quantity}"

    @property
    def missing(self) -> int:
        return 0 if self.returned is None else self.quantity - self.returned

    @property
    def missing_charge(self) -> Decimal:
        return self.charge_each * self.missing


class Meter(models.Model):
    """A utility meter of a unit, by its number; a replaced meter is kept, inactive, with the reason."""

    class Kind(models.TextChoices):
        ELECTRICITY = "electricity", _("Electricity")
        WATER = "water", _("Water")
        GAS = "gas", _("Gas")

    unit = models.ForeignKey(
        "leasing.Unit", on_delete=models.PROTECT, related_name="meters", verbose_name=_("unit")
    )
    kind = models.CharField(_("meter kind"), max_length=12, choices=Kind.choices)
    number = models.CharField(
        _("meter number"),
        max_length=40,
        unique=True,
        error_messages={"unique": _("Another meter already has this number.")},
    )
    active = models.BooleanField(_("in service"), default=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    replacement_reason = models.CharField(_("reason for the replacement"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meter")
        verbose_name_plural = _("meters")
        ordering = ["unit", "kind", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(replaces__isnull=True) | ~Q(replacement_reason=""),
                name="meter_replacement_says_why",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class MeterReading(models.Model):
    """A reading of a meter on a day, on a meter sheet or in a monthly round; confirmed when both sides
    sign the sheet, or when the round is closed."""

    meter = models.ForeignKey(
        Meter, on_delete=models.PROTECT, related_name="readings", verbose_name=_("meter")
    )
    sheet = models.ForeignKey(
        Sheet,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="readings",
        verbose_name=_("sheet"),
    )
    round = models.ForeignKey(
        "handover.MeterRound",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="readings",
        verbose_name=_("meter-reading round"),
    )
    reading = models.DecimalField(_("reading"), max_digits=12, decimal_places=2)
    read_on = models.DateField(_("read on"))
    photo_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo (document id)"),
    )
    confirmed_at = models.DateTimeField(_("confirmed by both sides at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("read by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meter reading")
        verbose_name_plural = _("meter readings")
        ordering = ["meter", "read_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(reading__gte=0), name="meter_reading_not_negative"),
            models.UniqueConstraint(fields=["sheet", "meter"], name="meter_reading_once_per_sheet"),
            models.UniqueConstraint(fields=["round", "meter"], name="meter_reading_once_per_round"),
            models.CheckConstraint(
                condition=Q(sheet__isnull=True) | Q(round__isnull=True), name="meter_reading_sheet_or_round"
            ),
        ]
        indexes = [models.Index(fields=["meter", "read_on"])]

    def __str__(self) -> str:
        return f"{self.meter} {self.reading} ({self.read_on})"


class AcceptanceItem(models.Model):
    """A line of the acceptance checklist: an item of the unit and its condition; at move-out, the
    damage charged."""

    class Item(models.TextChoices):
        DOORS = "doors", _("Doors and locks")
        WINDOWS = "windows", _("Windows")
        WALLS = "walls", _("Walls")
        FLOOR = "floor", pgettext_lazy("acceptance item", "Floor")
        CEILING = "ceiling", _("Ceiling")
        LIGHTING = "lighting", _("Lighting")
        SOCKETS = "sockets", _("Sockets and switches")
        AIR_CONDITIONING = "air_conditioning", _("Air-conditioning")
        FIRE_EQUIPMENT = "fire_equipment", _("Fire equipment")
        PLUMBING = "plumbing", _("Water supply and drains")
        OTHER = "other", pgettext_lazy("acceptance item", "Other")

    class Condition(models.TextChoices):
        GOOD = "good", _("Good")
        DEFECT = "defect", _("Defect")
        MISSING = "missing", _("Missing")

    # The checklist every new acceptance sheet starts with.
    STANDARD = (
        Item.DOORS,
        Item.WINDOWS,
        Item.WALLS,
        Item.FLOOR,
        Item.CEILING,
        Item.LIGHTING,
        Item.SOCKETS,
        Item.AIR_CONDITIONING,
        Item.FIRE_EQUIPMENT,
    )

    sheet = models.ForeignKey(
        Sheet, on_delete=models.CASCADE, related_name="acceptance_items", verbose_name=_("sheet")
    )
    origin = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first recorded as"),
    )
    item = models.CharField(_("item"), max_length=20, choices=Item.choices)
    location = models.CharField(_("location"), max_length=60, blank=True)
    condition = models.CharField(
        _("condition"), max_length=8, choices=Condition.choices, default=Condition.GOOD
    )
    note = models.CharField(_("defect or remark"), max_length=300, blank=True)
    due_date = models.DateField(_("rectify by"), null=True, blank=True)
    damage_amount = models.DecimalField(
        _("damage charged"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    photo_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo (document id)"),
    )

    class Meta:
        verbose_name = _("acceptance item")
        verbose_name_plural = _("acceptance items")
        ordering = ["sheet", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(damage_amount__isnull=True) | Q(damage_amount__gte=0),
                name="acceptance_damage_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(condition="good") | ~Q(note=""), name="acceptance_defect_described"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_item_display()} {self.location}".strip()

    @property
    def origin_pk(self) -> int:
        return self.origin_id or self.pk


# The checklist items' values, once (``Item.values`` builds a new list on every call).
ITEM_VALUES = frozenset(AcceptanceItem.Item.values)


def rectification_description(description: str, key: str, params: Mapping[str, Any]) -> str:
    """A rectification item's description in the active language (see ``description_shown``)."""
    if not key:
        return description
    params = dict(params)
    language = translation.get_language()
    if params.get("item") in ITEM_VALUES:
        params["item"] = _item_label(language, params["item"])
    return _message(language, key) % params if params else _message(language, key)


@functools.lru_cache(maxsize=256)
def _item_label(language: str | None, value: str) -> str:
    """A checklist item's name in ``language`` (the active one), looked up once per language (a sweep
    describes thousands of items)."""
    return str(AcceptanceItem.Item(value).label)


@functools.lru_cache(maxsize=256)
def _message(language: str | None, key: str) -> str:
    return message_text(key)


class RectificationItem(models.Model):
    """A defect found at move-in, routed to engineering: fixed by a due date, then confirmed by the tenant."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("rectification", "Open")
        FIXED = "fixed", _("Fixed, awaiting the tenant")
        CONFIRMED = "confirmed", _("Confirmed by the tenant")

    # Engineering fixes the defect, then the tenant confirms the fix.
    LIFECYCLE = Lifecycle(Status, {Status.OPEN: {Status.FIXED}, Status.FIXED: {Status.CONFIRMED}})

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="rectifications", verbose_name=_("visit")
    )
    item = models.OneToOneField(
        AcceptanceItem, on_delete=models.PROTECT, related_name="rectification", verbose_name=_("defect")
    )
    # What the system wrote (the checklist item, where, the defect as typed on the sheet) is kept as its
    # untranslated message and values and read in the reader's language; ``description`` is the text of
    # the items raised before that.
    description = models.CharField(_("description"), max_length=300, blank=True)
    description_key = models.CharField(_("system description"), max_length=200, blank=True)
    description_params = models.JSONField(_("details"), default=dict, blank=True)
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    # The last day the daily sweep flagged the item overdue: a second run on the same day flags nothing.
    overdue_flagged_on = models.DateField(_("flagged overdue on"), null=True, blank=True)
    fix_note = models.CharField(_("what was done"), max_length=300, blank=True)
    fixed_at = models.DateTimeField(_("fixed at"), null=True, blank=True)
    fixed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fixed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | Q(fixed_at__isnull=False), name="rectification_fixed_has_time"
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="rectification_confirmed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.description_shown

    @property
    def is_overdue(self) -> bool:
        """Still open after its due date."""
        return self.status == self.Status.OPEN and self.due_date < timezone.localdate()

    @property
    def description_shown(self) -> str:
        """The description in the reader's language: the checklist item's name translated now, the place and
        the defect as typed; an item raised before keys were stored reads as it was written."""
        return rectification_description(self.description, self.description_key, self.description_params)
