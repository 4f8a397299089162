"""Imports of existing data (day one): each run kept with its file, who ran it, what it found and did."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.lifecycle import Lifecycle


class ImportBatch(models.Model):
    """One upload of a spreadsheet of one kind: previewed first (nothing written), then committed or not.

    The file is kept in documents' storage; ``errors`` lists every refusal at its row and column, in the words
    of the language the clerk used; the counts say what the preview found and, once committed, what was done.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed (nothing written)")
        COMMITTED = "committed", _("Imported")

    LIFECYCLE = Lifecycle(Status, {Status.PREVIEWED: {Status.COMMITTED}})

    kind = models.CharField(_("import kind"), max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    file_name = models.CharField(_("file name"), max_length=200)
    file_path = models.CharField(_("stored file"), max_length=300)
    file_sha256 = models.CharField(_("SHA-256"), max_length=64)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("to create"), default=0)
    updated = models.PositiveIntegerField(_("to change"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    # [{"line": 3, "column": "unit code", "message": "..."}], or one entry without a line for the whole file.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # The first rows of the preview: [line, action, label, changed fields], for the page.
    preview = models.JSONField(_("preview"), default=list, blank=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("run by")
    )
    run_at = models.DateTimeField(_("previewed at"), auto_now_add=True)
    committed_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-run_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="previewed") | Q(committed_at__isnull=False),
                name="import_committed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def error_count(self) -> int:
        return len(self.errors)
