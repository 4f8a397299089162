"""The tenant's credit grade and its history, shown wherever a lease, a renewal or an amendment is drafted."""

from typing import Any

from django import template

from ..models import CreditAssessment, CreditRecord

register = template.Library()

# How many past assessments the panel lists (the tenant's credit page has them all).
HISTORY_ROWS = 5


@register.inclusion_tag("tenancy/_credit_panel.html")
def credit_panel(tenant: Any) -> dict[str, Any]:
    """The latest grade first, then the ones before it, each with its date and reason."""
    if tenant is None or not getattr(tenant, "pk", None):
        return {"tenant": None, "assessments": []}
    assessments = list(
        CreditAssessment.objects.filter(tenant_id=tenant.pk).select_related("assessed_by")[: HISTORY_ROWS + 1]
    )
    return {
        "tenant": tenant,
        "assessments": assessments[:HISTORY_ROWS],
        "more": len(assessments) > HISTORY_ROWS,
    }


@register.inclusion_tag("tenancy/_credit_records.html")
def credit_records(tenant: Any, limit: int = 0) -> dict[str, Any]:
    """The tenant's reward and penalty history (奖惩档案): rewards, penalties and management's exceptions."""
    if tenant is None or not getattr(tenant, "pk", None):
        return {"tenant": None, "records": []}
    records = CreditRecord.objects.filter(tenant_id=tenant.pk).select_related("by")
    rows = list(records[: limit + 1] if limit else records)
    return {
        "tenant": tenant,
        "records": rows[:limit] if limit else rows,
        "more": bool(limit) and len(rows) > limit,
    }
