"""The write services: validation first, nothing half-written, the same thing never recorded twice."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from claims import services
from claims.models import Claim, ClaimRelation, Quote, Speaker
from sources.models import Outlet, Source
from sources.services import outlet_get_or_create, source_record
from tests.factories import ClaimFactory, OutletFactory, QuoteFactory, SpeakerFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_source_recorded_once_per_canonical_url() -> None:
    first, created = source_record(url="https://www.bbc.co.uk/news/world-1?utm_campaign=x#top", title="BBC")
    again, created_again = source_record(url="HTTPS://www.BBC.co.uk/news/world-1", title="Other title")
    assert created and not created_again
    assert again.pk == first.pk
    assert first.canonical_url == "https://www.bbc.co.uk/news/world-1"
    assert first.url == "https://www.bbc.co.uk/news/world-1?utm_campaign=x#top"  # as found, kept


def test_source_without_url_recorded_once_per_title_outlet_date() -> None:
    outlet = OutletFactory()
    day = datetime.date(2025, 5, 21)
    first, _ = source_record(title="Evening  bulletin", outlet=outlet, published_on=day, kind="video")
    again, created = source_record(title="Evening bulletin", outlet=outlet, published_on=day, kind="video")
    assert again.pk == first.pk and not created
    assert first.canonical_url == ""


def test_invalid_source_refused_and_nothing_written() -> None:
    with pytest.raises(ValidationError) as caught:
        source_record(url="ftp://files.example/report.pdf")
    assert "Only http:// and https://" in caught.value.message_dict["url"][0]
    assert Source.objects.count() == 0


def test_outlet_found_by_domain_whatever_its_spelling() -> None:
    outlet, created = outlet_get_or_create(name="Reuters", domain="reuters.com", kind="wire")
    again, created_again = outlet_get_or_create(name="Reuters News", domain="WWW.Reuters.com")
    assert created and not created_again and again.pk == outlet.pk
    assert outlet.slug == "reuters"
    assert Outlet.objects.count() == 1


def test_speaker_created_with_aliases_and_unique_slug() -> None:
    putin = services.speaker_create(
        name="Vladimir  Putin",
        role="President of Russia",
        wikidata_qid="q7747",
        aliases=["Vlad", "Putin", "vlad"],
    )
    namesake = services.speaker_create(name="Vladimir Putin", role="Hockey player")
    assert putin.name == "Vladimir Putin" and putin.wikidata_qid == "Q7747"
    assert putin.slug == "vladimir-putin" and namesake.slug == "vladimir-putin-2"
    assert sorted(putin.aliases.values_list("normalised", flat=True)) == ["putin", "vlad"]
    cyrillic = services.speaker_create(name="Владимир Путин")
    assert cyrillic.slug == "владимир-путин"


def test_speaker_refused_whole_when_an_alias_is_blank() -> None:
    with pytest.raises(ValidationError):
        services.speaker_create(name="Oleh Shyriaiev", aliases=["Shyriaiev", "   "])
    assert not Speaker.objects.filter(name="Oleh Shyriaiev").exists()


def test_quote_logged_once_and_the_duplicate_named() -> None:
    speaker = SpeakerFactory()
    quote = services.quote_log(
        speaker=speaker,
        text=" “Russia has not yet liberated the Kursk region by 100%.” ".strip(" “”"),
        said_on=datetime.date(2025, 4, 27),
        said_on_precision="month",
    )
    assert quote.said_on == datetime.date(2025, 4, 1)
    with pytest.raises(services.DuplicateQuote) as caught:
        services.quote_log(speaker=speaker, text="russia has not yet liberated the Kursk region by 100%.")
    assert caught.value.existing == quote
    assert f"Already logged as quote #{quote.pk}" in caught.value.message_dict["text"][0]
    assert Quote.objects.count() == 1


def test_quote_logged_by_two_reporters_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The look-up sees nothing, the other insert lands first: the database's constraint decides."""
    existing = QuoteFactory(text="We are working, fighting.")
    real_find = Quote.find_duplicate
    calls = []

    def racing_find(self: Quote) -> Quote | None:
        calls.append(1)
        return None if len(calls) <= 2 else real_find(self)  # quote_log's and full_clean's look-ups miss

    monkeypatch.setattr(Quote, "find_duplicate", racing_find)
    with pytest.raises(services.DuplicateQuote) as caught:
        services.quote_log(speaker=existing.speaker, text="We are working, fighting.")
    assert caught.value.existing == existing
    assert Quote.objects.count() == 1


def test_claim_drafted_with_slug_topics_and_version() -> None:
    author = ClaimFactory().author
    topic = TopicFactory()
    claim = services.claim_create(
        statement="Russia has fully   liberated the Kursk region from Ukrainian forces.",
        author=author,
        topics=[topic],
    )
    assert claim.state == Claim.State.DRAFT and claim.version == 1
    assert claim.slug == "russia-has-fully-liberated-the-kursk-region-from-ukrainian-forces"
    assert list(claim.topics.all()) == [topic]


def test_relations_appearances_citations() -> None:
    first, second = ClaimFactory(), ClaimFactory()
    services.relation_add(from_claim=second, to_claim=first, kind="rebuts")
    with pytest.raises(ValidationError, match=r"These two claims are already related\."):
        services.relation_add(from_claim=first, to_claim=second, kind="contradicts")
    assert ClaimRelation.objects.count() == 1
    quote = QuoteFactory()
    appearance = services.appearance_add(claim=first, quote=quote, actor=first.author, stance="asserts")
    assert list(first.appearances.all()) == [appearance]
    citation = services.citation_add(
        claim=first, source=quote.source, actor=first.author, bearing="refutes", note="  Map of positions "
    )
    assert citation.note == "Map of positions"
