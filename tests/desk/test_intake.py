"""Logging quotes at the desk: one at a time with speaker suggestions, or all the quotes of an article."""

from __future__ import annotations

import pytest
from django.test import Client

from claims import services
from claims.models import Quote, Speaker
from sources.models import Source
from sources.services import source_record
from tests.factories import OutletFactory, QuoteFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Vladimir Putin visited the Kursk region on Tuesday, the Kremlin said.\n\n"
    "Putin declared the region fully “liberated” at the end of April.\n\n"
    "Oleh Shyriaiev, a Ukrainian army commander, said: “Russia has not yet liberated the Kursk region by "
    "100%. We are working, fighting.”\n"
)


@pytest.fixture
def putin(db: None) -> Speaker:
    speaker = services.speaker_create(
        name="Vladimir Putin", role="President of Russia", wikidata_qid="Q7747", aliases=["Putin", "Vlad"]
    )
    return speaker


def test_speaker_suggestions_match_aliases_and_show_roles(reporter_client: Client, putin: Speaker) -> None:
    SpeakerFactory(name="Vladimir Putin", slug="other-putin", role="Plumber in Tver")
    body = reporter_client.get("/desk/speakers/suggest/?speaker_name=Vlad").content.decode()
    assert "President of Russia" in body and f'value="{putin.pk}"' in body
    body = reporter_client.get("/desk/speakers/suggest/?speaker_name=Vladimir+Putin").content.decode()
    assert "President of Russia" in body and "Plumber in Tver" in body


def test_similar_quotes_and_claims_are_shown_while_typing(reporter_client: Client, putin: Speaker) -> None:
    QuoteFactory(speaker=putin, text="The Kursk region has been completely liberated from the invaders.")
    body = reporter_client.get(
        "/desk/quotes/similar/", {"text": "The Kursk region has been completely liberated"}
    ).content.decode()
    assert "Similar quotes" in body and "completely liberated from the invaders" in body


def test_a_quote_is_logged_under_a_known_speaker_by_alias(
    reporter_client: Client, reporter, putin: Speaker
) -> None:  # type: ignore[no-untyped-def]
    OutletFactory(name="The Sun", domain="thesun.co.uk")
    response = reporter_client.post(
        "/desk/quotes/new/",
        {
            "text": "The Kyiv regime’s adventure has completely failed.",
            "speaker_name": "Vlad",
            "kind": "direct",
            "said_on": "2025-04-26",
            "said_on_precision": "month",
            "source_url": "https://www.thesun.co.uk/news/kursk/?utm_source=x",
        },
    )
    assert response.status_code == 302
    quote = Quote.objects.get()
    assert quote.speaker == putin and quote.logged_by == reporter
    assert (str(quote.said_on), quote.said_on_precision) == ("2025-04-01", "month")
    assert quote.source.canonical_url == "https://www.thesun.co.uk/news/kursk/"
    assert quote.source.outlet.name == "The Sun"


def test_the_same_words_again_are_refused_naming_the_quote_already_logged(
    reporter_client: Client, putin: Speaker
) -> None:
    QuoteFactory(speaker=putin, text="A ceasefire is possible.")
    response = reporter_client.post(
        "/desk/quotes/new/",
        {
            "text": "A ceasefire is possible.",
            "speaker": putin.pk,
            "speaker_name": "Putin",
            "kind": "direct",
            "said_on_precision": "unknown",
        },
    )
    assert response.status_code == 409
    assert "Already logged" in response.content.decode()
    assert Quote.objects.count() == 1


def test_a_new_speaker_is_added_inline_with_role_and_wikidata(reporter_client: Client) -> None:
    response = reporter_client.post(
        "/desk/quotes/new/",
        {
            "text": "We are working, fighting.",
            "speaker_name": "Oleh Shyriaiev",
            "new_speaker": "on",
            "new_speaker_role": "Ukrainian army commander",
            "new_speaker_wikidata": "q123",
            "kind": "direct",
            "said_on_precision": "unknown",
        },
    )
    assert response.status_code == 302
    speaker = Quote.objects.get().speaker
    assert (speaker.name, speaker.role, speaker.wikidata_qid) == (
        "Oleh Shyriaiev",
        "Ukrainian army commander",
        "Q123",
    )


def test_an_unknown_speaker_without_the_new_box_is_a_field_error(reporter_client: Client) -> None:
    response = reporter_client.post(
        "/desk/quotes/new/",
        {"text": "Words.", "speaker_name": "Nobody Known", "kind": "direct", "said_on_precision": "unknown"},
    )
    assert response.status_code == 400
    assert "No speaker is known as" in response.content.decode()
    assert not Quote.objects.exists() and not Speaker.objects.exists()


def test_a_bad_wikidata_id_leaves_no_speaker_behind(reporter_client: Client) -> None:
    response = reporter_client.post(
        "/desk/quotes/new/",
        {
            "text": "Words.",
            "speaker_name": "New Person",
            "new_speaker": "on",
            "new_speaker_wikidata": "nonsense",
            "kind": "direct",
            "said_on_precision": "unknown",
        },
    )
    assert response.status_code == 400
    assert not Speaker.objects.exists()


def test_an_article_shows_its_quotes_highlighted_and_logs_the_ticked_ones(
    reporter_client: Client, putin: Speaker
) -> None:
    response = reporter_client.post(
        "/desk/article/",
        {"text": ARTICLE, "source_url": "https://news.example/kursk", "source_title": "Kursk"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('class="found-quote"') == 2
    assert "Vladimir Putin (President of Russia" in body
    assert "Oleh Shyriaiev (Ukrainian army commander) — new speaker" in body
    response = reporter_client.post(
        "/desk/article/",
        {
            "text": ARTICLE,
            "source_url": "https://news.example/kursk",
            "source_title": "Kursk",
            "log": "1",
            "said_on": "2025-04-27",
            "said_on_precision": "month",
            "q1-pick": "on",
            "q1-speaker": f"id:{putin.pk}",
            "q2-pick": "on",
            "q2-speaker": "new:Oleh Shyriaiev|Ukrainian army commander",
        },
    )
    assert response.status_code == 200
    assert "2 quotes logged" in response.content.decode()
    logged = {quote.text: quote.speaker.name for quote in Quote.objects.all()}
    assert logged["liberated"] == "Vladimir Putin"
    assert (
        logged["Russia has not yet liberated the Kursk region by 100%. We are working, fighting."]
        == "Oleh Shyriaiev"
    )
    source = Source.objects.get()
    assert source.text == ARTICLE.strip()
    assert {quote.source_id for quote in Quote.objects.all()} == {source.pk}
    assert {quote.said_when for quote in Quote.objects.all()} == {"April 2025"}


def test_a_fixed_speaker_is_used_and_nothing_ticked_is_an_error(
    reporter_client: Client, putin: Speaker
) -> None:
    data = {"text": ARTICLE, "log": "1", "q1-speaker": f"id:{putin.pk}", "q2-speaker": ""}
    response = reporter_client.post("/desk/article/", data)
    assert response.status_code == 400
    assert "Tick at least one quote" in response.content.decode()
    response = reporter_client.post("/desk/article/", data | {"q2-pick": "on", "q2-other_speaker": "Putin"})
    assert response.status_code == 200
    quote = Quote.objects.get()
    assert (quote.speaker, quote.said_when) == (putin, "date unknown")


def test_a_source_with_a_snapshot_opens_on_the_article_page(reporter_client: Client, putin: Speaker) -> None:
    source, _ = source_record(url="https://news.example/kursk", title="Kursk", text=ARTICLE)
    body = reporter_client.get(f"/desk/sources/{source.pk}/article/").content.decode()
    assert body.count('class="found-quote"') == 2


def test_similar_claims_are_shown_while_drafting_a_claim(reporter_client: Client, reporter) -> None:  # type: ignore[no-untyped-def]
    services.claim_create(statement="Russia has fully liberated the Kursk region", author=reporter)
    body = reporter_client.get("/desk/quotes/similar/", {"statement": "Russia liberated the Kursk region"})
    assert "Similar claims" in body.content.decode()
    assert "Russia has fully liberated the Kursk region" in body.content.decode()
    assert 'hx-get="/desk/quotes/similar/"' in reporter_client.get("/desk/claims/").content.decode()


def test_the_sources_list_filters_and_offers_the_snapshots(reporter_client: Client) -> None:
    with_text, _ = source_record(url="https://news.example/kursk", title="Kursk report", text=ARTICLE)
    without, _ = source_record(url="https://news.example/other", title="Other report")
    body = reporter_client.get("/desk/sources/").content.decode()
    assert f"/desk/sources/{with_text.pk}/article/" in body
    assert f"/desk/sources/{without.pk}/article/" not in body and "Other report" in body
    body = reporter_client.get("/desk/sources/?q=kursk").content.decode()
    assert "Kursk report" in body and "Other report" not in body


def test_after_logging_the_form_keeps_the_source_for_the_next_quote(
    reporter_client: Client, putin: Speaker
) -> None:
    data = {"text": "Words one.", "speaker_name": "Putin", "kind": "direct", "said_on_precision": "unknown"}
    url = "https://news.example/kursk?a=1&b=2"
    response = reporter_client.post("/desk/quotes/new/", data | {"source_url": url})
    assert (
        response["Location"]
        == "/desk/quotes/new/?source_url=https%3A%2F%2Fnews.example%2Fkursk%3Fa%3D1%26b%3D2"
    )
    assert (
        'value="https://news.example/kursk?a=1&amp;b=2"'
        in reporter_client.get(response["Location"]).content.decode()
    )
