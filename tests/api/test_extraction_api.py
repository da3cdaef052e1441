"""Extraction through the API: paste an article (or name a source with its text), get its quotations
attributed, then log the chosen ones in one transaction."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from rest_framework.test import APIClient

from claims.models import Quote, Speaker
from sources.models import Source
from tests.api.conftest import client_for
from tests.factories import QuoteFactory, SourceFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "kursk-2025-05-21.txt"
ARTICLE = (
    "Mayor Ada Brennan said the bridge would reopen in May.\n\n"
    "“We have fixed every cable,” Brennan told reporters. “The city can trust it.”\n\n"
    "But Tom Okafor, a structural engineer, said: “Three cables still show corrosion.”\n"
)
SHAPE = {"text", "start", "end", "speaker", "speaker_mention", "cue", "kind", "confidence"}


def test_extract_returns_the_documented_shape(reporter: User) -> None:
    brennan = SpeakerFactory(name="Ada Brennan", role="Mayor")
    response = client_for(reporter).post("/api/v1/quotes/extract/", {"text": ARTICLE}, format="json")
    assert response.status_code == 200
    quotes = response.json()["quotes"]
    assert all(set(quote) == SHAPE for quote in quotes)
    for quote in quotes:
        assert ARTICLE[quote["start"] : quote["end"]].startswith(quote["text"].split(" ")[0])
    by_text = {quote["text"]: quote for quote in quotes}
    fixed = (
        by_text["We have fixed every cable,"]
        if "We have fixed every cable," in by_text
        else by_text["We have fixed every cable"]
    )
    assert fixed["speaker"] == {"id": brennan.pk, "name": "Ada Brennan", "role": "Mayor"}
    corrosion = next(quote for quote in quotes if quote["text"] == "Three cables still show corrosion.")
    assert corrosion["speaker"]["id"] is None
    assert corrosion["speaker"]["name"] == "Tom Okafor"
    assert corrosion["speaker"]["role"] == "structural engineer"


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed folder is not beside this checkout")
def test_extract_the_seed_article_with_the_demo_speakers(reporter: User) -> None:
    call_command("loaddemo", stdout=StringIO())
    response = client_for(reporter).post("/api/v1/quotes/extract/", {"text": SEED.read_text()}, format="json")
    quotes = response.json()["quotes"]
    putin = Speaker.objects.get(wikidata_qid="Q7747")
    ceasefire = next(q for q in quotes if q["text"].startswith("A ceasefire in Ukraine"))
    assert ceasefire["speaker"]["id"] == putin.pk
    assert ceasefire["speaker_mention"] == "Vlad"
    assert len([q for q in quotes if q["speaker"] is not None]) == 7


def test_extract_from_a_source_snapshot(reporter: User) -> None:
    source = SourceFactory(text=ARTICLE, text_sha256="0" * 64)
    response = client_for(reporter).post("/api/v1/quotes/extract/", {"source": source.pk}, format="json")
    assert len(response.json()["quotes"]) >= 3
    empty = SourceFactory(text="", text_sha256="")
    refused = client_for(reporter).post("/api/v1/quotes/extract/", {"source": empty.pk}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["source"] == ["No source with this id has a text snapshot."]


def test_extraction_is_for_the_newsroom(outsider: User) -> None:
    assert APIClient().post("/api/v1/quotes/extract/", {"text": ARTICLE}, format="json").status_code == 401
    assert (
        client_for(outsider).post("/api/v1/quotes/extract/", {"text": ARTICLE}, format="json").status_code
        == 403
    )


def test_log_chosen_candidates_in_one_go(reporter: User) -> None:
    brennan = SpeakerFactory(name="Ada Brennan", role="Mayor")
    already = QuoteFactory(speaker=brennan, text="The city can trust it.")
    response = client_for(reporter).post(
        "/api/v1/quotes/log/",
        {
            "source_url": "https://news.example/bridge?utm_medium=email",
            "source_title": "Bridge to reopen",
            "quotes": [
                {"text": "We have fixed every cable.", "speaker": brennan.pk},
                {"text": "The city can trust it.", "speaker_name": "ada brennan"},
                {
                    "text": "Three cables still show corrosion.",
                    "speaker_name": "Tom Okafor",
                    "speaker_role": "Structural engineer",
                    "create_speaker": True,
                },
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [q["text"] for q in body["logged"]] == [
        "We have fixed every cable.",
        "Three cables still show corrosion.",
    ]
    assert body["duplicates"] == [{"position": 1, "existing": body["duplicates"][0]["existing"]}]
    assert body["duplicates"][0]["existing"]["id"] == already.pk
    assert Speaker.objects.get(name="Tom Okafor").role == "Structural engineer"
    source = Source.objects.get(canonical_url="https://news.example/bridge")
    assert set(source.quotes.values_list("text", flat=True)) == {
        "We have fixed every cable.",
        "Three cables still show corrosion.",
    }


def test_one_bad_candidate_logs_nothing(reporter: User) -> None:
    brennan = SpeakerFactory(name="Ada Brennan")
    response = client_for(reporter).post(
        "/api/v1/quotes/log/",
        {
            "quotes": [
                {"text": "We have fixed every cable.", "speaker": brennan.pk},
                {"text": "Three cables still show corrosion.", "speaker_name": "Tom Okafor"},
            ]
        },
        format="json",
    )
    assert response.status_code == 400
    message = response.json()["error"]["fields"]["quotes"][0]
    assert message.startswith("Quote 1:")
    assert "create_speaker" in message
    assert not Quote.objects.exists()
    assert not Speaker.objects.filter(name="Tom Okafor").exists()
