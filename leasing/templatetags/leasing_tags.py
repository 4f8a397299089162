"""Template helpers of the space inventory."""

from django import template
from django.utils.safestring import SafeString

from leasing.models import Unit
from leasing.tables import status_badge

register = template.Library()


@register.filter(name="status_badge")
def unit_status_badge(unit: Unit) -> SafeString:
    """The unit's status as a coloured badge."""
    return status_badge(unit.status, unit.get_status_display())
