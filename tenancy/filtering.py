"""Filter fields every list shares: a yes/no choice whose empty option means "either" (never "Unknown"), and
dates picked with the browser's calendar."""

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


class YesNoFilter(django_filters.BooleanFilter):
    """Yes, no, or either: a list filter has no "unknown" state to offer."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        choices = (("", _("Either")), ("true", _("Yes")), ("false", _("No")))
        kwargs.setdefault("widget", forms.Select(choices=choices, attrs={"class": "form-select"}))
        super().__init__(*args, **kwargs)


class DatePickerFilter(django_filters.DateFilter):
    """A date typed or picked from the browser's calendar (ISO in the field whatever the language)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        widget = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"})
        kwargs.setdefault("widget", widget)
        super().__init__(*args, **kwargs)
