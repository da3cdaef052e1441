"""Serializer pieces shared by the apps' APIs."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

TEXT_FIELDS = (serializers.CharField, serializers.ChoiceField)


def _not_text(field: serializers.Field, value: Any) -> bool:
    if value is None:
        return False  # allow_null decides
    if isinstance(field, serializers.ListField) and isinstance(field.child, TEXT_FIELDS):
        return isinstance(value, list) and any(not isinstance(item, str) for item in value)
    return isinstance(field, TEXT_FIELDS) and not isinstance(value, str)


def _too_long(field: serializers.Field | None, value: Any) -> str | None:
    # Lengths count what was sent, before surrounding spaces are trimmed, as the schema says.
    limit = getattr(field, "max_length", None)
    if isinstance(value, str) and limit is not None and len(value) > limit:
        return f"Ensure this field has no more than {limit} characters."
    return None


class StrictFieldsMixin:
    """Input is taken as sent, not coerced: unknown fields are refused rather than ignored (a misspelt
    field must not look like a successful save), and a number where text is expected is an error."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            fields = self.fields  # type: ignore[attr-defined]
            errors = dict.fromkeys(sorted(set(data) - set(fields)), "Unknown field.")
            errors |= {
                name: "Expected text."
                for name, value in data.items()
                if name in fields and _not_text(fields[name], value)
            }
            errors |= {
                name: message
                for name, value in data.items()
                if (message := _too_long(fields.get(name), value))
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)  # type: ignore[misc]
