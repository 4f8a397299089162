"""``{{ user|person }}``: a staff member's name as intake's pages print it."""

from typing import Any

from django import template

from tenancy.intake.people import display_name

register = template.Library()


@register.filter
def person(user: Any) -> str:
    return display_name(user)
