"""``{% tenant_banners %}``: the banners about the tenant a page is about (see ``documents.banners``).

Staff pages: the tenant is found in the page's context, as the tenant itself or through the record the page
shows (a lease, a ticket, a handover visit, a fit-out or intake application). Portal pages: the signed-in
tenant (``request.tenant``, set by ``portal_view``)."""

from typing import Any

from django import template

from ..banners import TENANT_BANNERS

register = template.Library()

# Context names of the records a staff page may be about, in the order they are looked at (a "case" is an
# arrears file or a renewal case).
ABOUT = ("tenant", "lease", "ticket", "visit", "application", "case")


def _tenant_id(value: Any) -> int | None:
    if value is None or isinstance(value, str | int):
        return None
    if type(value).__name__ == "Tenant" and getattr(value, "pk", None):
        return value.pk
    tenant_id = getattr(value, "tenant_id", None)
    if tenant_id is None and getattr(value, "lease_id", None):
        tenant_id = getattr(value.lease, "tenant_id", None)
    return tenant_id if isinstance(tenant_id, int) else None


def page_tenant_id(context: template.Context) -> int | None:
    """The tenant a staff page is about, or None."""
    for name in ABOUT:
        tenant_id = _tenant_id(context.get(name))
        if tenant_id:
            return tenant_id
    return None


@register.inclusion_tag("components/tenant_banners.html", takes_context=True)
def tenant_banners(context: template.Context, audience: str = "staff") -> dict[str, Any]:
    if audience == "portal":
        tenant = getattr(context.get("request"), "tenant", None)
        tenant_id = getattr(tenant, "pk", None)
    else:
        user = getattr(context.get("request"), "user", None)
        tenant_id = page_tenant_id(context) if getattr(user, "is_staff", False) else None
    request = context.get("request")
    banners = (
        TENANT_BANNERS.for_tenant(tenant_id=tenant_id, audience=audience, request=request)  # type: ignore[arg-type]
        if tenant_id
        else []
    )
    return {"banners": banners}
