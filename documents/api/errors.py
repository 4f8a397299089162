"""One error body for every refusal: ``{"error": {"status", "code", "message", "fields"}}``.

A domain error (a service's refusal) is a 400 naming its field; validation errors list every field's
messages; nothing the request asked for is written when an error comes back.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from ..errors import DomainError

NON_FIELD = "non_field_errors"


def _messages(detail: Any) -> list[str]:
    if isinstance(detail, list):
        return [str(item) for item in detail]
    if isinstance(detail, dict):
        return [f"{key}: {'; '.join(_messages(value))}" for key, value in detail.items()]
    return [str(detail)]


def _body(status_code: int, code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    return {"error": {"status": status_code, "code": code, "message": message, "fields": fields or {}}}


def error_response(
    status_code: int, code: str, message: str, fields: dict[str, list[str]] | None = None
) -> Response:
    return Response(_body(status_code, code, message, fields), status=status_code)


def _validation(exc: exceptions.ValidationError) -> Response:
    detail = exc.detail
    if isinstance(detail, dict):
        fields = {key: _messages(value) for key, value in detail.items()}
    else:
        fields = {NON_FIELD: _messages(detail)}
    first = next(iter(fields.values()), [""])
    message = first[0] if first else _("The request is not valid.")
    return error_response(status.HTTP_400_BAD_REQUEST, "invalid", message, fields)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, then our body: validation → fields; DomainError → 400 at its field."""
    if isinstance(exc, DomainError):
        field = exc.field or NON_FIELD
        return error_response(status.HTTP_400_BAD_REQUEST, "refused", exc.message, {field: [exc.message]})
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, exceptions.ValidationError):
        return _validation(exc)
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else "error"
    response.data = _body(response.status_code, code, " ".join(_messages(exc.detail)))
    return response


@csrf_exempt  # an API call carries no CSRF token: without this a POST got the HTML CSRF page
def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any /api/ address no route matches (an id that is not a number, say): a 404 in the error body."""
    return JsonResponse(_body(status.HTTP_404_NOT_FOUND, "not_found", _("Not found.")), status=404)
