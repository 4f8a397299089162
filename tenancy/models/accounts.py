"""Staff accounts: the record of a second factor reset by management."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SecondFactorReset(models.Model):
    """Management removed a staff member's authenticator and backup codes; they enrol again at login."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="second_factor_resets",
        verbose_name=_("staff member"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reset by"),
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("reset at"), auto_now_add=True)

    class Meta:
        verbose_name = _("second factor reset")
        verbose_name_plural = _("second factor resets")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
