"""Feeds: Atom of the latest fact-checks (`/feeds/fact-checks.atom`) and the ClaimReview DataFeed, of
all fact-checks (`/feeds/claimreview.json`) and of one speaker's (`/feeds/speakers/<slug>/claimreview.json`).

Only our own published fact-checks: not retracted ones (the verdict is withdrawn), not imported ones
(another fact-checker's verdict, in their own feed). Every response carries an ETag and Last-Modified
built from the fact-checks' count and the latest change to anything their ClaimReview shows, so a client
or CDN revalidating an unchanged feed gets 304 Not Modified after one aggregate query.
This module must never publish a fact-check that `feed_fact_checks()` does not return.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.views.decorators.http import condition

from claims.claimreview import claimreview_datafeed
from claims.models import Claim, Speaker
from claims.public.selectors import READER, FeedVersion, feed_fact_checks, feed_version
from claims.selectors import speakers_visible_to

ATOM_ENTRIES = 50
# How long a cache may serve a feed without revalidating it.
FEED_MAX_AGE = 300
# Changes when the shape of a feed changes, so validators given out by an older release stop matching.
FEED_FORMAT = "1"


# --- validators -----------------------------------------------------------------------------------


def _state(request: HttpRequest, slug: str | None) -> tuple[Speaker | None, FeedVersion] | None:
    """The feed's speaker (for a speaker's feed) and version, worked out once per request: Django's
    `condition` asks for the ETag and for Last-Modified separately. None when the speaker is unknown."""
    cache: dict[str | None, Any] = request.__dict__.setdefault("_feed_state", {})
    if slug not in cache:
        speaker = None
        if slug is not None:
            speaker = speakers_visible_to(READER).filter(slug=slug).first()
        cache[slug] = (
            None if slug is not None and speaker is None else (speaker, feed_version(speaker=speaker))
        )
    found: tuple[Speaker | None, FeedVersion] | None = cache[slug]
    return found


def _etag(request: HttpRequest, slug: str | None = None) -> str | None:
    state = _state(request, slug)
    if state is None:
        return None
    parts = [FEED_FORMAT, request.path, state[1].etag, settings.NEWSROOM_NAME, settings.NEWSROOM_URL]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _last_modified(request: HttpRequest, slug: str | None = None) -> datetime.datetime | None:
    state = _state(request, slug)
    return state[1].changed if state is not None else None


def _cacheable(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


# --- Atom -----------------------------------------------------------------------------------------


class FactCheckAtomFeed(Feed):
    """The latest fact-checks, with their verdict and summary."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{settings.NEWSROOM_NAME}: fact-checks"

    def subtitle(self) -> str:
        return "The latest fact-checks: each claim, who made it, and our verdict."

    def link(self) -> str:
        return reverse("public:home")

    def feed_url(self) -> str:
        return reverse("public:feed_atom")

    def author_name(self) -> str:
        return str(settings.NEWSROOM_NAME)

    def items(self) -> list[Claim]:
        return list(feed_fact_checks()[:ATOM_ENTRIES])

    def item_title(self, item: Claim) -> str:
        return item.statement

    def item_description(self, item: Claim) -> str:
        # Atom's summary is HTML: the newsroom's plain text is escaped so a "<" stays a "<".
        rating = item.rating.label if item.rating else ""
        return escape(f"{rating}: {item.summary}" if rating else item.summary)

    def item_link(self, item: Claim) -> str:
        return reverse("public:fact_check", kwargs={"slug": item.slug})

    def item_pubdate(self, item: Claim) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Claim) -> datetime.datetime:
        return item.updated_at

    def item_categories(self, item: Claim) -> list[str]:
        rating = [item.rating.label] if item.rating else []
        return rating + [topic.name for topic in item.topics.all()]

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _cacheable(super().__call__(request, *args, **kwargs))


atom_feed = condition(etag_func=_etag, last_modified_func=_last_modified)(FactCheckAtomFeed())


# --- ClaimReview DataFeed -------------------------------------------------------------------------


@condition(etag_func=_etag, last_modified_func=_last_modified)
def claimreview_feed(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    state = _state(request, slug)
    if state is None:
        raise Http404("No speaker with a published fact-check at this address.")
    speaker = state[0]
    name = f"{settings.NEWSROOM_NAME}: ClaimReview" + (f" of {speaker.name}'s claims" if speaker else "")
    feed = claimreview_datafeed(
        feed_fact_checks(speaker=speaker), base_url=request.build_absolute_uri("/"), name=name
    )
    body = json.dumps(feed, ensure_ascii=False, indent=1)
    return _cacheable(HttpResponse(body, content_type="application/ld+json; charset=utf-8"))
