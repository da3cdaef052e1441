"""Fixtures for the public site: a newsroom with published, retracted, imported and internal material.

`newsroom` holds fact-checks a reader may see next to material that must never reach a public page:
drafts, a claim in review, internal comments, review comments and a quote no published fact-check uses.
`SECRETS` are their texts, which no public page, feed or export may contain.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from claims import services, workflow
from claims.models import Claim, Speaker, Topic
from tests.factories import (
    CitationFactory,
    ClaimAppearanceFactory,
    ClaimFactory,
    ClaimRelationFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerFactory,
    rating,
)
from tests.review import drive

SECRETS = (
    "Secret draft: the harbour bridge is made of cheese.",
    "Draft summary nobody may read.",
    "Words only a draft cites, about the harbour.",
    "Hidden Drafter",
    "Claim still in review about the tunnel.",
    "Internal comment: check the tunnel figures again.",
    "Words logged but never used in a fact-check.",
    "in a test",  # the review comments tests/review.py writes on every step
)


def publish(
    editor: User,
    *,
    statement: str,
    speaker: Speaker,
    verdict: str = "false",
    quote: str | None = None,
    summary: str = "The figures show otherwise.",
    analysis: str = "",
    topics: tuple[Topic, ...] = (),
    said_on: datetime.date = datetime.date(2025, 5, 19),
) -> Claim:
    """A fact-check published through the real workflow: a reporter drafts, `editor` reviews."""
    claim = ClaimFactory(statement=statement, rating=rating(verdict), summary=summary, analysis=analysis)
    claim.topics.set(topics)
    ClaimAppearanceFactory(
        claim=claim,
        quote=QuoteFactory(speaker=speaker, text=quote or f"I say: {statement}", said_on=said_on),
    )
    CitationFactory(claim=claim)
    return drive(claim, "published", editor=editor)


@dataclass
class Newsroom:
    editor: User
    mayor: Speaker
    minister: Speaker
    topic: Topic
    published: list[Claim]
    retracted: Claim
    draft: Claim
    in_review: Claim


@pytest.fixture
def newsroom(editor: User) -> Newsroom:
    mayor = SpeakerFactory(
        name="Mara Mayor", slug="mara-mayor", role="Mayor of Eastbrook", wikidata_qid="Q4115189"
    )
    minister = SpeakerFactory(
        name="Ministry of Roads", slug="ministry-of-roads", kind=Speaker.Kind.ORGANISATION, role="Government"
    )
    services.speaker_alias_add(speaker=mayor, alias="The Mayor")
    topic = Topic.objects.create(name="Transport", slug="transport")
    first = publish(
        editor,
        statement="Eastbrook built forty kilometres of cycle lanes last year.",
        speaker=mayor,
        verdict="mostly-false",
        topics=(topic,),
        analysis="## Method\n\nWe asked the council for its **figures**.",
    )
    second = publish(
        editor,
        statement="Bus fares in Eastbrook are the lowest in the country.",
        speaker=mayor,
        verdict="true",
        said_on=datetime.date(2025, 4, 2),
    )
    third = publish(
        editor,
        statement="Road deaths fell by half since the new speed limits.",
        speaker=minister,
        verdict="half-true",
    )
    ClaimRelationFactory(from_claim=third, to_claim=first, kind="contradicts")
    retracted = publish(
        editor, statement="The ring road was finished on time.", speaker=minister, verdict="mostly-true"
    )
    retracted = workflow.apply(
        claim=retracted, action="retract", actor=editor, comment="We misread the contract dates; withdrawn."
    )

    hidden = SpeakerFactory(name="Hidden Drafter", slug="hidden-drafter")
    draft = ClaimFactory(statement=SECRETS[0], summary=SECRETS[1])
    ClaimAppearanceFactory(claim=draft, quote=QuoteFactory(speaker=hidden, text=SECRETS[2]))
    ClaimRelationFactory(
        from_claim=draft, to_claim=first, kind="rebuts"
    )  # a draft never shows as a competitor
    in_review = ClaimFactory(statement=SECRETS[4])
    ClaimAppearanceFactory(claim=in_review, quote=QuoteFactory(speaker=mayor))
    in_review = workflow.apply(claim=in_review, action="submit", actor=in_review.author)
    services.comment_add(claim=first, author=editor, body=SECRETS[5])
    QuoteFactory(speaker=mayor, text=SECRETS[6], source=SourceFactory())
    return Newsroom(editor, mayor, minister, topic, [first, second, third], retracted, draft, in_review)
