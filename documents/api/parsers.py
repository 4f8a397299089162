"""Request bodies: JSON only, and no larger than ``API_MAX_BODY_BYTES`` (a 10 MB post is refused unread)."""

import io
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser


class BodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


class BoundedJSONParser(JSONParser):
    """JSON, refused before reading when the declared or actual length exceeds the limit."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict | None = None) -> Any:
        request = (parser_context or {}).get("request")
        limit = settings.API_MAX_BODY_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
        except ValueError:
            declared = 0
        if declared > limit:
            raise BodyTooLarge(_("The request body is larger than %(n)d bytes.") % {"n": limit})
        if stream is not None:
            body = stream.read(limit + 1)
            if len(body) > limit:
                raise BodyTooLarge(_("The request body is larger than %(n)d bytes.") % {"n": limit})
            stream = io.BytesIO(body)
        return super().parse(stream, media_type, parser_context)
