"""What the archive keeps about documents: archived dossiers, expiry reminders, retention removals, fixity
checks and downloads of confidential files."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..kinds import kind_label
from .files import Document


class DossierArchive(models.Model):
    """A tenant's dossier closed at move-out: read-only from then on, seen only by staff with the right."""

    tenant = models.OneToOneField(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="dossier_archive", verbose_name=_("tenant")
    )
    archived_at = models.DateTimeField(_("archived at"))
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("archived by"),
    )

    class Meta:
        verbose_name = _("archived dossier")
        verbose_name_plural = _("archived dossiers")
        ordering = ["-archived_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.tenant_id} @ {self.archived_at:%Y-%m-%d}"


class ExpiryReminder(models.Model):
    """One reminder per document and expiry date that a licence or ID is about to lapse."""

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="expiry_reminders", verbose_name=_("document")
    )
    expires_on = models.DateField(_("expires on"))
    notice = models.ForeignKey(
        "documents.Notice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("notice"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("expiry reminder")
        verbose_name_plural = _("expiry reminders")
        ordering = ["expires_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["document", "expires_on"], name="expiry_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} {self.expires_on}"


class RetentionRemoval(models.Model):
    """What the retention job removed, when and under which rule (the document row stays, file gone)."""

    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, related_name="retention_removal", verbose_name=_("document")
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="+", verbose_name=_("tenant")
    )
    kind = models.CharField(_("kind"), max_length=40)  # the removed document's, as it was
    number = models.CharField(_("document number"), max_length=40)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    retention_years = models.PositiveSmallIntegerField(_("kept for (years)"))
    archived_at = models.DateTimeField(_("archived at"))
    removed_at = models.DateTimeField(_("removed at"))

    class Meta:
        verbose_name = _("retention removal")
        verbose_name_plural = _("retention removals")
        ordering = ["-removed_at", "-pk"]

    def __str__(self) -> str:
        return self.number

    def get_kind_display(self) -> str:
        """The removed document's kind, named in the active language."""
        return kind_label(self.kind)


class FixityCheck(models.Model):
    """One nightly recomputation of an archived file's SHA-256 and whether it matched the recorded one."""

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="fixity_checks", verbose_name=_("document")
    )
    checked_on = models.DateField(_("checked on"))
    checked_at = models.DateTimeField(_("checked at"))
    expected_sha256 = models.CharField(_("recorded SHA-256"), max_length=64)
    # Empty when the file is missing.
    found_sha256 = models.CharField(_("SHA-256 found"), max_length=64, blank=True)
    intact = models.BooleanField(_("intact"))

    class Meta:
        verbose_name = _("fixity check")
        verbose_name_plural = _("fixity checks")
        ordering = ["-checked_at", "-pk"]
        constraints = [
            # A second run on the same day checks nothing again.
            models.UniqueConstraint(fields=["document", "checked_on"], name="fixity_check_once_a_day"),
            models.CheckConstraint(
                condition=Q(intact=False) | Q(found_sha256=models.F("expected_sha256")),
                name="fixity_check_intact_means_equal",
            ),
        ]
        indexes = [models.Index(fields=["intact", "-checked_at"])]

    def __str__(self) -> str:
        return f"{self.document_id} {self.checked_on} {'ok' if self.intact else 'MISMATCH'}"


class DownloadRecord(models.Model):
    """Who downloaded a confidential document, when, and from which address."""

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="download_records", verbose_name=_("document")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    downloaded_at = models.DateTimeField(_("downloaded at"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("download of a confidential document")
        verbose_name_plural = _("downloads of confidential documents")
        ordering = ["-downloaded_at", "-pk"]
        indexes = [models.Index(fields=["-downloaded_at"])]

    def __str__(self) -> str:
        return f"{self.document_id} {self.user_id} {self.downloaded_at:%Y-%m-%d %H:%M}"
