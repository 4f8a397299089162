"""The daily overdue sweep: rectification items of a handover (《单元验收整改单》) and fit-out rectification
notices (装修整改通知单) past their due date, and fit-out works running past their end date without an
extension. Each kind is flagged by one ``UPDATE … RETURNING`` (a flag date, so a second run on the same day
flags nothing); engineering sees the flagged rows counted on its dashboard, and each tenant with something
flagged today gets one notice in its portal inbox listing it, in the tenant's language.

Fit-out sits above handover, so the sweep that tells a tenant about both lives here.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.utils.translation import gettext as _

from documents.models import Notice as Letter
from documents.services import notices_send_many
from documents.wording import in_tenant_language
from handover.services import rectifications_flag_overdue
from tenancy.models import Tenant

from ..models import Application, Notice

# A tenant with very many overdue items gets the first ones listed and a count of the rest.
LISTED_LINES = 30


@dataclass(frozen=True)
class OverdueSweep:
    """What one run flagged: rows of each kind, and the tenants told (one inbox notice each)."""

    rectifications: int
    notices: int
    works: int
    tenants_told: int


@transaction.atomic
def overdue_sweep(*, today: date) -> OverdueSweep:
    """Daily: flag what is overdue today and not yet flagged today; tell each tenant concerned once."""
    lines: dict[int, list[tuple[date, str, tuple]]] = defaultdict(list)
    items = rectifications_flag_overdue(today=today)
    for item in items:
        lines[item.tenant_id].append((item.due_date, "rectification", (item,)))
    notices = _flag(
        f"UPDATE {Notice._meta.db_table} AS n SET overdue_flagged_on = %s "  # noqa: S608
        f"FROM {Application._meta.db_table} AS a WHERE a.id = n.application_id AND a.status = %s "
        "AND n.kind = %s AND n.answered_at IS NULL AND n.deadline < %s "
        "AND (n.overdue_flagged_on IS NULL OR n.overdue_flagged_on < %s) "
        "RETURNING a.tenant_id, n.deadline, n.number, a.number",
        [today, Application.Status.WORKS, Notice.Kind.RECTIFICATION, today, today],
    )
    for tenant_id, deadline, number, application_number in notices:
        lines[tenant_id].append((deadline, "notice", (number, application_number)))
    works = _flag(
        f"UPDATE {Application._meta.db_table} SET overdue_flagged_on = %s "  # noqa: S608
        "WHERE status = %s AND ends_on < %s AND (overdue_flagged_on IS NULL OR overdue_flagged_on < %s) "
        "RETURNING tenant_id, ends_on, number",
        [today, Application.Status.WORKS, today, today],
    )
    for tenant_id, ends_on, number in works:
        lines[tenant_id].append((ends_on, "works", (number,)))
    told = _tenants_tell(lines) if lines else 0
    return OverdueSweep(rectifications=len(items), notices=len(notices), works=len(works), tenants_told=told)


def _flag(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _templates() -> dict[str, str]:
    """The line of each kind in the active language, translated once per letter (not once per line)."""
    return {
        "rectification": _("Rectification item “%(item)s”, due %(due)s"),
        "notice": _("Rectification notice %(number)s of fit-out %(fitout)s, deadline %(due)s"),
        "works": _("Fit-out %(fitout)s: the works were to end on %(due)s and no extension was granted"),
    }


def _line(templates: dict[str, str], kind: str, due: date, values: tuple) -> str:
    """One overdue row as a line of the tenant's notice (the caller has switched to the tenant's language)."""
    if kind == "rectification":
        return templates[kind] % {"item": values[0].description_shown, "due": due}
    if kind == "notice":
        return templates[kind] % {"number": values[0], "fitout": values[1], "due": due}
    return templates[kind] % {"fitout": values[0], "due": due}


def _tenants_tell(lines: dict[int, list[tuple[date, str, tuple]]]) -> int:
    """One inbox notice per tenant listing its rows flagged today, written in bulk: a constant number of
    statements however many tenants; each notice is e-mailed by its own task once the sweep commits."""
    tenants = Tenant.objects.filter(pk__in=lines).prefetch_related("contacts")
    letters = (_letter(tenant, lines[tenant.pk]) for tenant in tenants)
    return len(notices_send_many(letters, topic=Letter.Topic.FITOUT))


def _letter(tenant: Tenant, rows: list[tuple[date, str, tuple]]) -> tuple[Tenant, str, str]:
    rows = sorted(rows, key=lambda row: row[0])
    with in_tenant_language(tenant):
        templates = _templates()
        listed = [f"- {_line(templates, kind, due, values)}" for due, kind, values in rows[:LISTED_LINES]]
        if len(rows) > LISTED_LINES:
            listed.append(_("… and %(n)s more.") % {"n": len(rows) - LISTED_LINES})
        body = "\n".join(
            [_("These items are past their due date. Please contact the management office."), "", *listed]
        )
        return tenant, _("Overdue items (%(n)s)") % {"n": len(rows)}, body
