"""Tables of handover's work lists (rectification items, meter-reading rounds), sorted, paginated and
exported by ``documents.lists``."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tenancy.people import display_name

from .models import MeterRound, RectificationItem

STATUS_BADGE = (
    '<span class="badge {% if record.status == "confirmed" %}text-bg-success'
    '{% elif record.status == "fixed" %}text-bg-info{% else %}text-bg-warning{% endif %}">'
    "{{ record.get_status_display }}</span>"
)


class RectificationTable(tables.Table):
    unit = tables.Column(
        accessor="visit__unit__code",
        linkify=("handover:visit-detail", {"pk": tables.A("visit_id")}),
        verbose_name=_("Unit"),
    )
    tenant = tables.Column(accessor="visit__tenant__name", verbose_name=_("Tenant"))
    description = tables.Column(
        accessor="description_shown",
        verbose_name=_("description"),
        orderable=False,
        attrs={"td": {"data-testid": lambda record: f"rectification-{record.pk}"}},
    )
    due_date = tables.DateColumn("Y-m-d", verbose_name=_("due date"))
    status = tables.TemplateColumn(
        '{% load i18n %}{% if record.is_overdue %}<span class="badge text-bg-danger" '
        'data-testid="overdue-{{ record.pk }}">{% translate "Overdue" %}</span> {% endif %}' + STATUS_BADGE,
        verbose_name=_("status"),
    )
    fix_note = tables.Column(verbose_name=_("what was done"))
    action = tables.TemplateColumn(
        template_name="handover/_rectification_action.html",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta:
        model = RectificationItem
        fields = ("unit", "tenant", "description", "due_date", "status", "fix_note")
        sequence = (*fields, "action")
        attrs = {"class": "table table-sm align-middle mb-0", "data-testid": "rectification-table"}
        empty_text = _("No rectification items.")

    def value_status(self, record: RectificationItem) -> str:
        return str(record.get_status_display())


class RoundTable(tables.Table):
    month = tables.DateColumn(
        "Y-m", linkify=("handover:round-detail", {"pk": tables.A("pk")}), verbose_name=_("Month")
    )
    building = tables.Column(accessor="building__name", verbose_name=_("Building"))
    status = tables.TemplateColumn(
        '<span class="badge {% if record.status == "closed" %}text-bg-success{% else %}text-bg-warning'
        '{% endif %}">{{ record.get_status_display }}</span>',
        verbose_name=_("Status"),
    )
    reading_count = tables.Column(verbose_name=_("Readings"), attrs={"td": {"class": "text-end"}})
    opened_by = tables.TemplateColumn(
        '{% load people %}{{ record.opened_by|person|default:"—" }}', verbose_name=_("Opened by")
    )
    closed_at = tables.DateTimeColumn("Y-m-d H:i", verbose_name=_("Closed at"))

    class Meta:
        model = MeterRound
        fields = ("month", "building", "status", "reading_count", "opened_by", "closed_at")
        attrs = {"class": "table table-hover align-middle mb-0", "data-testid": "round-table"}
        empty_text = _("No round yet.")

    def value_status(self, record: MeterRound) -> str:
        return str(record.get_status_display())

    def value_opened_by(self, record: MeterRound) -> str:
        return display_name(record.opened_by) if record.opened_by else ""
