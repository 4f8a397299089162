"""``{{ user|person }}``: a staff member's or portal user's name, family name first for Chinese names."""

from django import template

from documents.actors import AnyUser
from tenancy.people import display_name

register = template.Library()


@register.filter
def person(user: AnyUser) -> str:
    return display_name(user)
