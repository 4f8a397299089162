"""Reports e-mailed to staff on a clock, recorded once each, so a clock that runs twice mails once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportMailing(models.Model):
    """One report e-mailed (``key``: what and which period, e.g. ``monthly-report:2026-11``): a second run
    finds the row and sends nothing."""

    key = models.CharField(_("report"), max_length=80, unique=True)
    recipients = models.JSONField(_("recipients"), default=list)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report mailing")
        verbose_name_plural = _("report mailings")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key
