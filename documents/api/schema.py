"""The OpenAPI schema: every operation also documents the error body and the refusals it may answer."""

from typing import Any

ERROR_CODES = {
    "400": "Bad input or a rule refused it (fields name where).",
    "401": "No key or token, or a revoked or expired one.",
    "403": "The key lacks the scope, the token is not a tenant's, or the portal user's role may not do this.",
    "404": "Not found (or not yours to see).",
    "405": "Method not allowed.",
    "409": "The Idempotency-Key was used for another request.",
    "413": "The body is too large.",
    "415": "Not JSON.",
    "429": "Too many calls; wait and try again.",
}
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message", "fields"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: the Error component and the error answers of each operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERROR_CODES.items():
                responses.setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": reference}}}
                )
    return result
