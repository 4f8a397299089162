"""A building's own resolution target for a ticket category, where its office promises other times than the
company (a building with its own engineers fixes faster; a remote one slower)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CategoryTarget(models.Model):
    """The resolution target of a category in one building: it replaces the category's own target there for
    tickets received (or reopened) after it is set."""

    category = models.ForeignKey(
        "servicedesk.Category",
        on_delete=models.CASCADE,
        related_name="building_targets",
        verbose_name=_("category"),
    )
    building = models.ForeignKey(
        "leasing.Building", on_delete=models.CASCADE, related_name="+", verbose_name=_("building")
    )
    resolution_target = models.PositiveSmallIntegerField(_("resolution target"))
    resolution_unit = models.CharField(
        _("target unit"), max_length=5, choices=[("hours", _("working hours")), ("days", _("working days"))]
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("building resolution target")
        verbose_name_plural = _("building resolution targets")
        ordering = ["category", "building"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "building"], name="category_target_once_per_building"
            ),
            models.CheckConstraint(
                condition=Q(resolution_target__gt=0), name="category_building_target_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} @ {self.building_id}: {self.resolution_target} {self.resolution_unit}"
