"""Management offices (管理处): each runs some buildings with its own staff; the head office sees them all.

Roles say what a staff member may do; the offices say in which buildings. Leasing's ``Building.office`` names
the office that runs a building (tenancy never imports leasing: it reaches buildings through the reverse
relation ``office.buildings``). A staff member belongs to one or more offices through ``StaffOffice``; a
member of the head office (``is_head_office``) sees every building, as superusers do.
"""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ManagementOffice(models.Model):
    """An office running buildings, or the company's head office (one at most), whose staff see all."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("A short code, e.g. PD or JA."),
        error_messages={"unique": _("Another office already uses this code.")},
    )
    issuing_name = models.CharField(
        _("issuing office name"),
        max_length=200,
        blank=True,
        help_text=_("The name that issues this office's documents; blank: the office's name."),
    )
    is_head_office = models.BooleanField(
        _("head office"),
        default=False,
        help_text=_("Staff of the head office see every building."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("management office")
        verbose_name_plural = _("management offices")
        ordering = ["-is_head_office", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_head_office"],
                condition=Q(is_head_office=True),
                name="management_office_one_head_office",
                violation_error_message=_("There is already a head office."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def issuer(self) -> str:
        """The name documents of this office are issued under."""
        return self.issuing_name or self.name


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent())
class StaffOffice(models.Model):
    """A staff member's membership of an office: they work on its buildings (all, for head office)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_offices",
        verbose_name=_("user"),
    )
    office = models.ForeignKey(
        ManagementOffice, on_delete=models.CASCADE, related_name="members", verbose_name=_("office")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("office membership")
        verbose_name_plural = _("office memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "office"],
                name="staff_office_once",
                violation_error_message=_("This person is already a member of the office."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.office}"
