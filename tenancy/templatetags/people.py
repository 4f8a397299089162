"""``{{ user|person }}``: a staff member's or portal user's name, family name first for Chinese names."""

from typing import Any

from django import template

from tenancy.people import display_name

register = template.Library()


@register.filter
def person(user: Any) -> str:
    return display_name(user)
