"""Putting what the services refuse back on a form, field by field, whatever shape the error has."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError


def add_errors(form: forms.Form, invalid: ValidationError, fields: Mapping[str, str] | None = None) -> None:
    """Each message on the form field it names (after `fields`, a map from the service's names to the
    form's), or at the top of the form when it names none the form has."""
    named = invalid.message_dict if hasattr(invalid, "error_dict") else {"__all__": invalid.messages}
    for name, messages in named.items():
        field = (fields or {}).get(name, name)
        form.add_error(field if field in form.fields else None, messages)
