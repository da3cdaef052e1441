"""OpenAPI post-processing: document the error format on every operation, and anonymous reads.

Every operation can answer with the error envelope for 400, 401, 403, 404, 413 and 429; operations
that declared more (409, 412, 428) keep their own descriptions. One hook, so no view can forget one.
"""

from __future__ import annotations

from typing import Any

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
                    "description": "Messages per field; dotted paths for nested fields.",
                },
            },
        },
        "current": {"description": "With 412: the current representation."},
        "existing": {"description": "With 409 for a duplicate: the record already there."},
    },
}
COMMON = {
    "400": "Invalid input; `error.fields` says what is wrong with each field.",
    "401": "Not logged in, or the token is not valid.",
    "403": "Not allowed for this user.",
    "404": "No such record (or not visible to this user), or no such page.",
    "405": "This method is not allowed here.",
    "413": "The request body is too large.",
    "429": "Too many requests; try again later.",
}


# Reads that stay internal to the newsroom even though they are GETs.
NEWSROOM_ONLY_READS = ("/comments/", "/history/")


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            # Anyone may read (and sees only published material): say so, so clients and tools know
            # that a GET without credentials is expected to succeed.
            if (
                method == "get"
                and not path.endswith(NEWSROOM_ONLY_READS)
                and {} not in operation.get("security", [])
            ):
                operation.setdefault("security", []).append({})
            responses = operation.setdefault("responses", {})
            # An empty query parameter ("?q=") means "no filter", as it does for every list here.
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    parameter["allowEmptyValue"] = True
            for status, description in COMMON.items():
                responses.setdefault(status, {"description": description})
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    response.setdefault("content", reference)
    return result
