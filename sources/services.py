"""Writes for outlets and sources. Every function validates (full_clean) and runs in a transaction.

A source is recorded once: a URL that canonicalises to a known one returns the existing row; a document
without a URL is known by its title, outlet and publication date.
"""

from __future__ import annotations

import datetime
from typing import Any

import pghistory
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from factcheck.models import refuse_unknown_fields
from factcheck.slugs import unique_slug
from sources.canonical import InvalidURL, canonicalise_url
from sources.models import Outlet, Source


@transaction.atomic
def outlet_get_or_create(
    *, name: str, domain: str = "", kind: str = Outlet.Kind.NEWSPAPER
) -> tuple[Outlet, bool]:
    """The outlet with this domain (or, without a domain, this exact name), created if unknown."""
    domain = domain.strip().lower().removeprefix("www.")
    existing = (
        Outlet.objects.filter(domain=domain).first()
        if domain
        else Outlet.objects.filter(name=name.strip(), domain="").first()
    )
    if existing is not None:
        return existing, False
    outlet = Outlet(name=name.strip(), domain=domain, kind=kind, slug=unique_slug(Outlet.objects.all(), name))
    outlet.full_clean()
    outlet.save()
    return outlet, True


def source_find(
    *, url: str = "", title: str = "", outlet: Outlet | None = None, published_on: datetime.date | None = None
) -> Source | None:
    """The recorded source for this URL (compared canonically), or for this title/outlet/date if no URL."""
    if url:
        try:
            canonical = canonicalise_url(url)
        except InvalidURL:
            return None
        return Source.objects.filter(canonical_url=canonical).first()
    return Source.objects.filter(
        canonical_url="", title=title, outlet=outlet, published_on=published_on
    ).first()


def source_record(
    *,
    url: str = "",
    title: str = "",
    outlet: Outlet | None = None,
    kind: str = Source.Kind.ARTICLE,
    published_on: datetime.date | None = None,
    accessed_at: datetime.datetime | None = None,
    archive_url: str = "",
    language: str = "",
    text: str = "",
) -> tuple[Source, bool]:
    """Record a source, or return the one already recorded for the same document (created is False)."""
    url, title = url.strip(), " ".join(title.split())
    existing = source_find(url=url, title=title, outlet=outlet, published_on=published_on)
    if existing is not None:
        return existing, False
    source = Source(
        url=url,
        title=title,
        outlet=outlet,
        kind=kind,
        published_on=published_on,
        accessed_at=accessed_at,
        archive_url=archive_url,
        language=language,
        text=text,
    )
    source.full_clean()
    try:
        with transaction.atomic():
            source.save()
    except IntegrityError:
        # Another request recorded the same document between our look-up and our insert.
        existing = source_find(url=url, title=title, outlet=outlet, published_on=published_on)
        if existing is None:
            raise
        return existing, False
    return source, True


OUTLET_FIELDS = frozenset({"name", "domain", "kind"})
SOURCE_FIELDS = frozenset(
    {"url", "title", "outlet", "kind", "published_on", "accessed_at", "archive_url", "language", "text"}
)


@transaction.atomic
def outlet_update(*, outlet: Outlet, actor: User, changes: dict[str, Any]) -> Outlet:
    refuse_unknown_fields(changes, OUTLET_FIELDS)
    with pghistory.context(user=actor.pk):
        for name, value in changes.items():
            setattr(outlet, name, value)
        outlet.full_clean()
        outlet.save()
    return outlet


@transaction.atomic
def source_update(*, source: Source, actor: User, changes: dict[str, Any]) -> Source:
    """Change a source; a new URL is canonicalised, and refused if another source already has it."""
    refuse_unknown_fields(changes, SOURCE_FIELDS)
    with pghistory.context(user=actor.pk):
        for name, value in changes.items():
            setattr(source, name, value)
        source.full_clean()
        source.save()
    return source
