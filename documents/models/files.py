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
from ..kinds import kind_known, kind_label, kind_of, kind_validate, section_of

# The full-text vector staff search matches documents against; a query must use this same expression
# (``Document.objects.annotate(search=SEARCH_VECTOR)``) for PostgreSQL to use the index.
SEARCH_VECTOR = SearchVector("number", "title", config="simple")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Document(models.Model):
    """A stored file (an upload or a rendered form) with its number, fingerprint and verification token."""

    # The kind's key: each app registers its kinds with their rules (``documents.kinds``).
    kind = models.CharField(_("kind"), max_length=40, validators=[kind_validate])
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

    def get_kind_display(self) -> str:
        """The kind's name in the active language, as its app registered it."""
        return kind_label(self.kind)

    @property
    def group(self) -> str:
        """The dossier section its kind is filed in ("other documents" for an unknown kind)."""
        return section_of(self.kind)

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def is_quarantined(self) -> bool:
        return self.quarantined_at is not None and self.removed_at is None

    @property
    def is_rendered(self) -> bool:
        """Rendered by the system from a print template: a record of its own, never removed."""
        return kind_known(self.kind) and kind_of(self.kind).rendered

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
