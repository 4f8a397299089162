"""Everything written about a tenant: uploaded scans, rendered forms, and the notices sent with them.

Documents are the ground floor: they point at a tenant only lazily (``"tenancy.Tenant"``) and at the record
they are about through a generic relation, so no app's migrations ever depend on each other in a circle.
"""

import uuid
from pathlib import PurePosixPath

import pghistory
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..filetypes import extension_for

# The full-text vector staff search matches documents against; a query must use this same expression
# (``Document.objects.annotate(search=SEARCH_VECTOR)``) for PostgreSQL to use the index.
SEARCH_VECTOR = SearchVector("number", "title", config="simple")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Document(models.Model):
    """A stored file (an upload or a rendered form) with its number, fingerprint and verification token."""

    class Kind(models.TextChoices):
        # Uploaded by staff or the tenant.
        BUSINESS_LICENCE = "business_licence", _("Business licence")
        ID_COPY = "id_copy", _("ID copy")
        FINANCIAL_STATEMENT = "financial_statement", _("Financial statement")
        AUTHORISATION_LETTER = "authorisation_letter", _("Authorisation letter")
        MANAGEMENT_AGREEMENT = "management_agreement", _("Management agreement")
        PARKING_RECORD = "parking_record", _("Parking record")
        PHOTO = "photo", _("Photo")
        DRAWING = "drawing", _("Fit-out drawing")
        FIRE_SAFETY_APPROVAL = "fire_safety_approval", _("Fire-safety approval")
        OTHER = "other", _("Other document")
        # Rendered by the system from a print template.
        TENANT_CARD = "tenant_card", _("Tenant card")
        ADMISSION_NOTICE = "admission_notice", _("Admission notice")
        LEASE_SUMMARY = "lease_summary", _("Lease summary")
        LEASE_AMENDMENT = "lease_amendment", _("Lease amendment")
        RENEWAL_LETTER = "renewal_letter", _("Lease expiry letter")
        MOVE_OUT_NOTICE = "move_out_notice", _("Move-out notice")
        TERMINATION_LETTER = "termination_letter", _("Lease termination notice")
        KEY_SHEET = "key_sheet", _("Unit key handover sheet")
        METER_SHEET = "meter_sheet", _("Meter reading confirmation sheet")
        ACCEPTANCE_SHEET = "acceptance_sheet", _("Unit acceptance and rectification sheet")
        HANDOVER_RECEIPT = "handover_receipt", _("Receipt for the handbook and guides")
        MOVE_OUT_CONFIRMATION = "move_out_confirmation", _("Move-out handover confirmation")
        MOVE_IN_MANAGEMENT_AGREEMENT = (
            "move_in_management_agreement",
            _("Management agreement signed at move-in"),
        )
        FIRE_SAFETY_AGREEMENT = "fire_safety_agreement", _("Fire-safety responsibility agreement")
        FITOUT_APPLICATION = "fitout_application", _("Fit-out application")
        FITOUT_AGREEMENT = "fitout_agreement", _("Fit-out management agreement")
        DRAWING_REVIEW = "drawing_review", _("Drawing review opinion")
        FITOUT_PERMIT = "fitout_permit", _("Fit-out permit")
        WORKER_PASS = "worker_pass", _("Worker pass")
        FITOUT_RECTIFICATION_NOTICE = "fitout_rectification", _("Fit-out rectification notice")
        FITOUT_VIOLATION_NOTICE = "fitout_violation", _("Fit-out violation notice")
        BILL = "bill", _("Bill")
        RECEIPT = "receipt", _("Receipt")
        STATEMENT = "statement", _("Statement of account")
        DUNNING_LETTER = "dunning_letter", _("Dunning letter")
        SETTLEMENT_STATEMENT = "settlement_statement", _("Settlement statement")
        SIGNATURE_IMAGE = "signature_image", _("Drawn signature")

    class Group(models.TextChoices):
        """The sections of a tenant's dossier (客户档案), in the order the dossier shows them."""

        IDENTITY = "identity", _("Identity and licence")
        AGREEMENTS = "agreements", _("Agreements")
        LEASES = "leases", _("Leases and amendments")
        HANDOVER = "handover", _("Handover sheets")
        FITOUT = "fitout", _("Fit-out")
        BILLING = "billing", _("Bills and letters")
        OTHER = "other", _("Other documents")

    # Licence scans and identity copies are confidential whatever the uploader says.
    CONFIDENTIAL_KINDS = frozenset({Kind.BUSINESS_LICENCE, Kind.ID_COPY})

    # Kinds rendered by the system from a print template (everything else is an upload). A rendered form is a
    # record of its own (a bill, a letter, a signed sheet): it is never removed, only corrected by a new one.
    RENDERED_KINDS = frozenset(
        {
            Kind.TENANT_CARD,
            Kind.ADMISSION_NOTICE,
            Kind.LEASE_SUMMARY,
            Kind.LEASE_AMENDMENT,
            Kind.RENEWAL_LETTER,
            Kind.MOVE_OUT_NOTICE,
            Kind.TERMINATION_LETTER,
            Kind.KEY_SHEET,
            Kind.METER_SHEET,
            Kind.ACCEPTANCE_SHEET,
            Kind.HANDOVER_RECEIPT,
            Kind.MOVE_OUT_CONFIRMATION,
            Kind.MOVE_IN_MANAGEMENT_AGREEMENT,
            Kind.FIRE_SAFETY_AGREEMENT,
            Kind.FITOUT_APPLICATION,
            Kind.FITOUT_AGREEMENT,
            Kind.DRAWING_REVIEW,
            Kind.FITOUT_PERMIT,
            Kind.WORKER_PASS,
            Kind.FITOUT_RECTIFICATION_NOTICE,
            Kind.FITOUT_VIOLATION_NOTICE,
            Kind.BILL,
            Kind.RECEIPT,
            Kind.STATEMENT,
            Kind.DUNNING_LETTER,
            Kind.SETTLEMENT_STATEMENT,
        }
    )

    # Rendered kinds written for the tenant: it may download them in the portal. Every other rendered kind
    # is internal (the tenant card, a recommendation to terminate is a dunning letter its service marks
    # internal);
    # an upload is the tenant's when the tenant uploaded it, or when staff say so.
    TENANT_VISIBLE_KINDS = RENDERED_KINDS - {Kind.TENANT_CARD}

    # Kinds that carry an expiry date (licences, identity papers); they are reminded of before they lapse.
    EXPIRING_KINDS = frozenset({Kind.BUSINESS_LICENCE, Kind.ID_COPY, Kind.AUTHORISATION_LETTER})

    # Kinds the tenant's account keeps producing after the dossier is archived: the final bill, the
    # settlement, receipts and dunning letters (an arrears file follows the tenant until paid).
    AFTER_ARCHIVE_KINDS = frozenset(
        {Kind.BILL, Kind.RECEIPT, Kind.STATEMENT, Kind.DUNNING_LETTER, Kind.SETTLEMENT_STATEMENT}
    )

    # Which dossier section each kind is filed in; a kind not listed is filed under "other".
    KIND_GROUPS = {
        **dict.fromkeys(
            [
                Kind.BUSINESS_LICENCE,
                Kind.ID_COPY,
                Kind.AUTHORISATION_LETTER,
                Kind.FINANCIAL_STATEMENT,
                Kind.TENANT_CARD,
            ],
            Group.IDENTITY,
        ),
        **dict.fromkeys(
            [
                Kind.MANAGEMENT_AGREEMENT,
                Kind.MOVE_IN_MANAGEMENT_AGREEMENT,
                Kind.FIRE_SAFETY_AGREEMENT,
                Kind.PARKING_RECORD,
                Kind.ADMISSION_NOTICE,
            ],
            Group.AGREEMENTS,
        ),
        **dict.fromkeys(
            [
                Kind.LEASE_SUMMARY,
                Kind.LEASE_AMENDMENT,
                Kind.RENEWAL_LETTER,
                Kind.MOVE_OUT_NOTICE,
                Kind.TERMINATION_LETTER,
            ],
            Group.LEASES,
        ),
        **dict.fromkeys(
            [
                Kind.KEY_SHEET,
                Kind.METER_SHEET,
                Kind.ACCEPTANCE_SHEET,
                Kind.HANDOVER_RECEIPT,
                Kind.MOVE_OUT_CONFIRMATION,
            ],
            Group.HANDOVER,
        ),
        **dict.fromkeys(
            [
                Kind.FITOUT_APPLICATION,
                Kind.FITOUT_AGREEMENT,
                Kind.DRAWING,
                Kind.FIRE_SAFETY_APPROVAL,
                Kind.DRAWING_REVIEW,
                Kind.FITOUT_PERMIT,
                Kind.WORKER_PASS,
                Kind.FITOUT_RECTIFICATION_NOTICE,
                Kind.FITOUT_VIOLATION_NOTICE,
            ],
            Group.FITOUT,
        ),
        **dict.fromkeys(
            [Kind.BILL, Kind.RECEIPT, Kind.STATEMENT, Kind.DUNNING_LETTER, Kind.SETTLEMENT_STATEMENT],
            Group.BILLING,
        ),
    }

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    number = models.CharField(_("document number"), max_length=40, unique=True)
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("tenant"),
    )
    about_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about (type)"),
    )
    about_id = models.PositiveBigIntegerField(_("about (id)"), null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    file_path = models.CharField(_("stored file"), max_length=255, unique=True)
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    confidential = models.BooleanField(_("confidential"), default=False)
    # "Confidential" is about staff (personal data); this says whether the tenant may download it in the
    # portal.
    visible_to_tenant = models.BooleanField(_("visible to the tenant"), default=False)
    # The portal finds a document only by this unguessable token (never by its id, nor by the public
    # verification token printed on the PDF).
    download_token = models.UUIDField(
        _("portal download token"), default=uuid.uuid4, unique=True, editable=False
    )
    verify_token = models.UUIDField(_("verification token"), default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    # Removal (retention policy or a wrong upload) deletes the file but keeps the row: number, kind, hash.
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removal_reason = models.CharField(_("reason for removal"), max_length=200, blank=True)
    # A removal asked for by staff: the upload waits here, hidden from the dossier with its file kept, until
    # management confirms (then the file goes) or restores it.
    quarantined_at = models.DateTimeField(_("removal requested at"), null=True, blank=True)
    quarantined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("removal requested by"),
    )
    # Set by the nightly fixity check while the stored file does not match its hash (or is missing).
    fixity_failed_at = models.DateTimeField(_("fixity failed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["about_type", "about_id"]),
            models.Index(fields=["tenant", "kind"]),
            # Staff search finds a document by its number or title (see ``SEARCH_VECTOR``).
            GinIndex(SEARCH_VECTOR, name="document_search"),
            # The dashboard counts files failing their fixity check: a tiny partial index answers it.
            models.Index(
                fields=["fixity_failed_at"],
                condition=Q(fixity_failed_at__isnull=False),
                name="document_fixity_failed",
            ),
            models.Index(
                fields=["expires_on"], condition=Q(expires_on__isnull=False), name="document_expiry"
            ),
            # Management's list of removals waiting for confirmation.
            models.Index(
                fields=["quarantined_at"],
                condition=Q(quarantined_at__isnull=False),
                name="document_quarantined",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(about_type__isnull=True) & Q(about_id__isnull=True))
                | (Q(about_type__isnull=False) & Q(about_id__isnull=False)),
                name="document_about_complete_or_empty",
            ),
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="document_sha256_hex"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def group(self) -> str:
        """The dossier section this document is filed in."""
        return self.KIND_GROUPS.get(self.kind, self.Group.OTHER)

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def is_quarantined(self) -> bool:
        return self.quarantined_at is not None and self.removed_at is None

    @property
    def is_rendered(self) -> bool:
        return self.kind in self.RENDERED_KINDS

    @property
    def tenant_may_download(self) -> bool:
        """Whether the tenant gets this file in the portal: meant for it, neither removed nor held back."""
        return self.visible_to_tenant and self.removed_at is None and self.quarantined_at is None

    @property
    def download_name(self) -> str:
        """The original name with the extension of what the file really is (a PDF named .png gets .pdf)."""
        extension = extension_for(self.content_type)
        stem = PurePosixPath(self.original_filename).stem if self.original_filename else self.number
        original_extension = PurePosixPath(self.original_filename).suffix.lower()
        if original_extension == extension or (extension == ".jpg" and original_extension == ".jpeg"):
            return self.original_filename
        return f"{stem or self.number}{extension}"


class DocumentSequence(models.Model):
    """The last number handed out for a prefix in a year: ``TC-2026-000123`` is 2026's 123rd tenant card."""

    prefix = models.CharField(_("prefix"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    last_value = models.PositiveIntegerField(_("last value"), default=0)

    class Meta:
        verbose_name = _("document number sequence")
        verbose_name_plural = _("document number sequences")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="document_sequence_prefix_year"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_value}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Notice(models.Model):
    """A letter to a tenant: kept in the portal inbox and e-mailed to its recipients, with an optional PDF.

    Its topic decides which of the tenant's portal people also get it by e-mail (each chooses their topics).
    """

    class Topic(models.TextChoices):
        BILLING = "billing", _("Bills and payment reminders")
        REPAIRS = "repairs", _("Repairs and requests")
        FITOUT = "fitout", _("Fit-out and handover")
        BUILDING = "building", _("Building notices")
        GENERAL = "general", _("Other letters")

    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="notices", verbose_name=_("tenant")
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    topic = models.CharField(_("topic"), max_length=12, choices=Topic.choices, default=Topic.GENERAL)
    recipients = ArrayField(models.EmailField(), verbose_name=_("recipients"), default=list, blank=True)
    attachment = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("attachment"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["tenant", "-created_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NoticeRead(models.Model):
    """A person of the tenant opened a notice: the first time each did, so staff see who has seen it."""

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="reads", verbose_name=_("notice")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=pgettext_lazy("notice", "read by"),
    )
    read_at = models.DateTimeField(_("read at"), auto_now_add=True)

    class Meta:
        verbose_name = _("notice read")
        verbose_name_plural = _("notices read")
        ordering = ["read_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["notice", "user"], name="notice_read_once_per_person")]

    def __str__(self) -> str:
        return f"{self.notice_id} · {self.user_id}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Signature(models.Model):
    """Who signed what, how and when: a signed document (or a record), with the SHA-256 of what was signed.

    Used by every signed form: leases and amendments, handover sheets (drawn on screen), fit-out agreements.
    """

    class SignerRole(models.TextChoices):
        STAFF = "staff", _("Staff")
        TENANT = "tenant", _("Tenant representative")

    class Method(models.TextChoices):
        ON_SCREEN = "on_screen", _("Drawn on screen")
        WET_INK = "wet_ink", _("Wet ink")
        ELECTRONIC = "electronic", _("Electronic")

    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("signed document"),
    )
    about_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about (type)"),
    )
    about_id = models.PositiveBigIntegerField(_("about (id)"), null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    signer_name = models.CharField(_("signer"), max_length=100)
    signer_role = models.CharField(_("signing for"), max_length=10, choices=SignerRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    method = models.CharField(_("method"), max_length=12, choices=Method.choices)
    signed_at = models.DateTimeField(_("signed at"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    image = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drawn signature"),
    )
    content_sha256 = models.CharField(_("SHA-256 of what was signed"), max_length=64)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at", "pk"]
        indexes = [models.Index(fields=["about_type", "about_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False)
                | (Q(about_type__isnull=False) & Q(about_id__isnull=False)),
                name="signature_signs_something",
            ),
            models.CheckConstraint(
                condition=Q(content_sha256__regex=r"^[0-9a-f]{64}$"), name="signature_sha256_hex"
            ),
            models.CheckConstraint(condition=~Q(signer_name=""), name="signature_signer_named"),
        ]

    def __str__(self) -> str:
        return f"{self.signer_name} ({self.get_method_display()})"
