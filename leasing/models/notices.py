"""Building notices: what the management announces to the tenants of a building, a floor or every building."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .space import Building, Floor


class BuildingNotice(models.Model):
    """A notice (water cut, fire drill, holiday hours) to the tenants with a live lease in a building, on a
    floor, or in every building, valid for a period; urgent ones head the portal home, and staff see who of
    the tenants' people has read them. Each tenant reached gets it as a letter in its inbox."""

    class Audience(models.TextChoices):
        ALL = "all", _("All buildings")
        BUILDING = "building", _("One building")
        FLOOR = "floor", _("One floor")

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    urgent = models.BooleanField(_("urgent"), default=False)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    building = models.ForeignKey(
        Building,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("building"),
    )
    floor = models.ForeignKey(
        Floor, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("floor")
    )
    # The inbox letters it became, one per tenant reached.
    letters = models.ManyToManyField(
        "documents.Notice", related_name="+", blank=True, verbose_name=_("letters")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("published by")
    )
    created_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        verbose_name = _("building notice")
        verbose_name_plural = _("building notices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")), name="building_notice_period_valid"
            ),
            models.CheckConstraint(
                condition=(Q(audience="all") & Q(building__isnull=True) & Q(floor__isnull=True))
                | (Q(audience="building") & Q(building__isnull=False) & Q(floor__isnull=True))
                | (Q(audience="floor") & Q(building__isnull=False) & Q(floor__isnull=False)),
                name="building_notice_audience_matches",
            ),
        ]

    def __str__(self) -> str:
        return self.title
