"""Fixtures for API tests: clients for each persona, and a newsroom with public and internal material."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from accounts.models import ApiToken
from accounts.services import token_create
from claims import services
from claims.models import Claim, Quote
from tests.factories import ClaimRelationFactory, QuoteFactory, SourceFactory, SpeakerFactory, UserFactory
from tests.review import drive, ready_claim


@pytest.fixture(autouse=True)
def _generous_throttles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Throttling has its own test; elsewhere a crawl must not run into it."""
    cache.clear()
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "user": "100000/minute"}
    )


_keys: dict[int, str] = {}


def token_for(user: User) -> str:
    """A working API key for the user (one per user per test: keys are shown once, so kept here). It is
    marked as just used: the last-used time is written at most every few minutes, and that write is not
    part of what an endpoint costs, which tests pin."""
    token = ApiToken.objects.filter(user=user, revoked_at__isnull=True).first()
    if token is None or token.pk not in _keys:
        new = token_create(user=user, name="test client")
        ApiToken.objects.filter(pk=new.token.pk).update(last_used_at=timezone.now())
        _keys[new.token.pk] = new.key
        return new.key
    return _keys[token.pk]


def client_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.fixture
def outsider(db: None) -> User:
    """Logged in, but in no newsroom role: an API consumer with a token."""
    return UserFactory(username="researcher")


@pytest.fixture
def second_editor(db: None) -> User:
    return UserFactory(username="otto", role="Editor")


@dataclass
class Newsroom:
    published: list[Claim]
    retracted: Claim
    draft: Claim
    in_review: Claim
    unlinked_quote: Quote
    secret_words: list[str]


@pytest.fixture
def newsroom(reporter: User, editor: User) -> Newsroom:
    """Public fact-checks, and internal material whose words must never reach outsiders."""
    published = [drive(ready_claim(reporter), "published", editor=editor) for _ in range(3)]
    retracted = drive(ready_claim(reporter), "retracted", editor=editor)
    secret_speaker = SpeakerFactory(name="Secretive Minister", role="Minister of Hidden Things")
    secret_source = SourceFactory(title="Leaked memo draft", url="https://leaks.example/memo")
    draft = ready_claim(reporter, statement="DRAFT-CLAIM-TEXT the budget doubled", summary="DRAFT-SUMMARY")
    services.appearance_add(
        claim=draft, quote=QuoteFactory(speaker=secret_speaker, text="DRAFT-QUOTE-WORDS"), actor=reporter
    )
    services.citation_add(claim=draft, source=secret_source, actor=reporter)
    in_review = drive(
        ready_claim(reporter, statement="REVIEW-CLAIM-TEXT taxes fell"), "in_review", editor=editor
    )
    services.comment_add(claim=published[0], author=editor, body="COMMENT-WORDS check the map")
    ClaimRelationFactory(from_claim=draft, to_claim=published[0], kind="contradicts")
    unlinked = QuoteFactory(text="UNLINKED-QUOTE-WORDS")
    return Newsroom(
        published=published,
        retracted=retracted,
        draft=draft,
        in_review=in_review,
        unlinked_quote=unlinked,
        secret_words=[
            "DRAFT-CLAIM-TEXT",
            "DRAFT-SUMMARY",
            "DRAFT-QUOTE-WORDS",
            "Secretive Minister",
            "Leaked memo draft",
            "leaks.example",
            "REVIEW-CLAIM-TEXT",
            "COMMENT-WORDS",
            "UNLINKED-QUOTE-WORDS",
            "review_events",
            "rating_votes",
            editor.username,
            reporter.username,
        ],
    )
