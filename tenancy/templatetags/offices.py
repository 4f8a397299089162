"""``{% office_scope_notice %}``: on every staff page, why a staff user sees no building's records (no
office, or an office running no building), instead of lists that are silently empty."""

from typing import Any

from django import template
from django.utils.html import format_html

from tenancy.scope import scope_problem

register = template.Library()


@register.simple_tag(takes_context=True)
def office_scope_notice(context: Any) -> str:
    request = context.get("request")
    problem = scope_problem(request.user) if request is not None else ""
    if not problem:
        return ""
    return format_html(
        '<div class="alert alert-warning" role="alert" data-testid="office-scope-notice">'
        '<i class="bi bi-building-exclamation"></i> {}</div>',
        problem,
    )
