"""Input serializers refuse fields they do not know, so a typo in a field name is an error, not a default."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers


class StrictSerializer(serializers.Serializer):
    """An input serializer: unknown fields are refused by name; the body must be a JSON object."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: [_("Unknown field.")] for name in unknown})
        return super().to_internal_value(data)


def problem(field: str, message: str) -> serializers.ValidationError:
    return serializers.ValidationError({field: [message]})
