"""Sources as the desk takes them: by a URL typed or pasted, canonicalised, an existing document
reused, and the outlet guessed from the domain. Composes sources/services.py; writes nothing itself."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction

from sources.canonical import InvalidURL, canonicalise_url
from sources.models import Outlet, Source
from sources.services import outlet_get_or_create, source_find, source_record


def outlet_guess(url: str) -> Outlet | None:
    """The outlet publishing at the URL's domain: the one the newsroom knows, or a new one named after
    the domain (editors rename it in the admin)."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    known = Outlet.objects.filter(domain=host).first()
    if known is not None:
        return known
    outlet, _ = outlet_get_or_create(name=host, domain=host)
    return outlet


@transaction.atomic
def source_from_url(*, url: str, title: str = "", text: str = "") -> Source:
    """The recorded document at `url` (any spelling of it), or a new one with its outlet guessed."""
    try:
        canonical = canonicalise_url(url.strip())
    except InvalidURL as invalid:
        raise ValidationError({"url": str(invalid) or "This is not a web address we can record."}) from None
    existing = source_find(url=canonical)
    if existing is not None:
        return existing
    source, _ = source_record(url=url.strip(), title=title, outlet=outlet_guess(canonical), text=text)
    return source
