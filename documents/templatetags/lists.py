"""``{% load lists %}``: ``{% export_url "csv" table %}``, the link that downloads a list as filtered and
sorted (every row, not the page shown; a prefixed table's own parameters), and ``{% page_url field n %}``,
the link to page ``n`` of one of several paged lists on a page."""

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def export_url(context: template.Context, fmt: str, table: Any = None) -> str:
    """This page's query with the table's export asked for and its page number dropped."""
    request = context["request"]
    query = request.GET.copy()
    prefix = getattr(table, "prefix", "") or ""
    query.pop(f"{prefix}page", None)
    query[f"{prefix}export"] = fmt  # as ``documents.lists.export_field`` names it
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, field: str, number: int) -> str:
    """This page's query with ``field`` (a list's page parameter) set to ``number``: with several lists on
    one page, turning one's page keeps the others where they were."""
    query = context["request"].GET.copy()
    query[field] = str(number)
    return f"?{query.urlencode()}"
