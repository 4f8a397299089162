"""The table of the fit-out list, sorted, paginated and exported by ``documents.lists``."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Application


class ApplicationTable(tables.Table):
    number = tables.TemplateColumn(
        '<a href="{% url "fitout:application-detail" record.pk %}" data-testid="fitout-row">{{ value }}</a>'
        '{% if record.permit_number %}<br><span class="small text-muted">{{ record.permit_number }}</span>'
        "{% endif %}",
        verbose_name=_("Number"),
    )
    tenant = tables.TemplateColumn(
        '{{ record.tenant.name }}<br><span class="small text-muted">{{ record.lease.number }}</span>',
        accessor="tenant__name",
        verbose_name=_("Tenant"),
    )
    units = tables.Column(empty_values=(), orderable=False, verbose_name=_("Units"))
    contractor_company = tables.Column(verbose_name=_("Contractor"))
    starts_on = tables.DateColumn("Y-m-d", verbose_name=_("works start"))
    ends_on = tables.DateColumn("Y-m-d", verbose_name=_("works end"))
    status = tables.TemplateColumn(
        template_code='{% load i18n %}{% with application=record %}{% include "fitout/_status.html" %}'
        '{% if application.needs_fire_approval %} <span class="badge text-bg-light" '
        'title="{% translate \'fire-safety approval needed\' %}"><i class="bi bi-fire"></i></span>'
        "{% endif %}{% endwith %}",
        verbose_name=_("Status"),
    )

    class Meta:
        model = Application
        fields = ("number", "tenant", "units", "contractor_company", "starts_on", "ends_on", "status")
        attrs = {"class": "table table-hover align-middle mb-0", "data-testid": "fitout-table"}
        empty_text = _("No fit-outs.")

    def render_units(self, record: Application) -> str:
        return ", ".join(unit.code for unit in record.units.all())

    def value_tenant(self, record: Application) -> str:
        return record.tenant.name

    def value_number(self, record: Application) -> str:
        return record.number

    def value_status(self, record: Application) -> str:
        return str(record.get_status_display())
