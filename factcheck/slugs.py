"""Readable, unique URL slugs for speakers, outlets and claims."""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.utils.text import slugify

from claims.normalise import strip_accents


def unique_slug(queryset: QuerySet[Model], text: str, *, max_length: int = 80, field: str = "slug") -> str:
    """A slug for `text` not yet taken in `queryset`: "vladimir-putin", then "vladimir-putin-2", ...

    Accents are dropped ("Zelénskyy" → "zelenskyy"); text with no Latin letters keeps its own script
    ("владимир-путин"), which browsers show as written.
    """
    base = slugify(strip_accents(text)) or slugify(text, allow_unicode=True) or "item"
    base = base[:max_length].strip("-")
    candidate = base
    suffix = 2
    while queryset.filter(**{field: candidate}).exists():
        tail = f"-{suffix}"
        candidate = base[: max_length - len(tail)].strip("-") + tail
        suffix += 1
    return candidate
