"""Ranked full-text search: ranking, web-search syntax, stemming, accents, visibility, query counts."""

from __future__ import annotations

import factory
import pytest
from django.contrib.auth.models import AnonymousUser, User

from claims import workflow
from claims.models import Claim, ClaimAppearance, Quote
from claims.search.fulltext import search
from claims.selectors import quotes_visible_to
from tests.factories import ClaimAppearanceFactory, ClaimFactory, QuoteFactory, SpeakerFactory
from tests.review import drive, ready_claim

pytestmark = pytest.mark.django_db

READER = AnonymousUser()


def published(editor: User, author: User, statement: str, **fields: object) -> Claim:
    return drive(ready_claim(author, statement=statement, **fields), "published", editor=editor)


def claim_ids(query: str, user: User | AnonymousUser) -> list[int]:
    return [hit.item.pk for hit in search(query, user=user, kinds=("claims",)).claims.hits]


def quote_ids(query: str, user: User | AnonymousUser, language: str | None = None) -> list[int]:
    return [hit.item.pk for hit in search(query, user=user, kinds=("quotes",), language=language).quotes.hits]


@pytest.fixture
def corpus(editor: User, reporter: User) -> dict[str, Claim]:
    """A small archive whose right answers are known."""
    return {
        "statement": published(editor, reporter, "Russia has fully liberated the Kursk region"),
        "summary": published(
            editor, reporter, "Troops withdrew from the border", summary="Officials said Kursk was quiet."
        ),
        "analysis": published(
            editor,
            reporter,
            "The ministry published casualty figures",
            analysis="An analysis that mentions the Kursk region once. " + "Other figures were checked. " * 5,
        ),
        "kyiv": published(
            editor, reporter, "Kyiv says the region is not fully liberated", summary="Fighting goes on."
        ),
    }


def test_a_word_in_the_statement_outranks_it_in_the_summary_and_the_analysis(
    corpus: dict[str, Claim],
) -> None:
    found = claim_ids("Kursk", READER)
    assert found[:3] == [corpus["statement"].pk, corpus["summary"].pk, corpus["analysis"].pk]


def test_stemming_finds_other_forms_of_a_word(corpus: dict[str, Claim]) -> None:
    assert set(claim_ids("liberating", READER)) == {corpus["statement"].pk, corpus["kyiv"].pk}


def test_a_phrase_matches_the_words_in_that_order_only(
    corpus: dict[str, Claim], editor: User, reporter: User
) -> None:
    reversed_words = published(editor, reporter, "Liberated, fully and at last, said the governor")
    found = claim_ids('"fully liberated"', READER)
    assert corpus["statement"].pk in found and corpus["kyiv"].pk in found
    assert reversed_words.pk not in found


def test_a_minus_word_excludes_and_or_widens(corpus: dict[str, Claim]) -> None:
    assert claim_ids('"fully liberated" -Kyiv', READER) == [corpus["statement"].pk]
    assert set(claim_ids("casualty or withdrew", READER)) == {corpus["analysis"].pk, corpus["summary"].pk}
    assert claim_ids("casualty withdrew", READER) == []


def test_accents_and_case_do_not_matter(editor: User, reporter: User) -> None:
    claim = published(editor, reporter, "Zelenskyý met the mayor of São Paulo")
    assert claim_ids("ZELENSKYY sao paulo", READER) == [claim.pk]
    assert claim_ids("zelenskyý São", READER) == [claim.pk]


def test_words_in_a_language_without_a_stemmer_match_as_written(editor: User, reporter: User) -> None:
    quote = QuoteFactory(
        text="The region is liberated", original_text="Регіон звільнено повністю", original_language="uk"
    )
    claim = published(editor, reporter, "The region is free")
    ClaimAppearanceFactory(claim=claim, quote=quote)
    assert quote_ids("звільнено", READER) == [quote.pk]
    assert quote_ids("ЗВІЛЬНЕНО повністю", READER) == [quote.pk]


def test_a_russian_original_is_stemmed_in_russian_for_a_reader_searching_in_russian(editor: User) -> None:
    quote = QuoteFactory(
        text="Liberated", original_text="Курская область освобождена", original_language="ru"
    )
    assert quote_ids("области", editor, language="ru") == [quote.pk]  # another case of "область"
    assert quote_ids("область", editor) == [quote.pk]  # as written, whatever the language


def test_snippets_mark_the_matched_words_and_escape_the_rest(editor: User, reporter: User) -> None:
    published(editor, reporter, "Fuel <b>prices</b> rose", summary="Prices rose & fell <script>x</script>.")
    hit = search("prices", user=READER, kinds=("claims",)).claims.hits[0]
    assert "<mark>Prices</mark>" in hit.snippet
    assert "<script>" not in hit.snippet and "&amp;" in hit.snippet


def test_readers_find_only_published_material(editor: User, reporter: User) -> None:
    draft = ClaimFactory(author=reporter, statement="Secret zanzibarian draft")
    hidden_quote = QuoteFactory(text="A zanzibarian remark nobody published")
    ClaimAppearanceFactory(claim=draft, quote=hidden_quote)
    speaker = SpeakerFactory(name="Zanzibarian Spokesperson")
    QuoteFactory(speaker=speaker, text="Unpublished words")
    results = search("zanzibarian", user=READER)
    assert results.claims.hits == results.quotes.hits == results.speakers.hits == []
    staff = search("zanzibarian", user=reporter)
    assert [hit.item.pk for hit in staff.claims.hits] == [draft.pk]
    assert [hit.item.pk for hit in staff.quotes.hits] == [hidden_quote.pk]
    assert [hit.item.pk for hit in staff.speakers.hits] == [speaker.pk]


def test_more_matches_than_the_cap_are_reported_as_capped(settings, editor: User) -> None:  # type: ignore[no-untyped-def]
    settings.SEARCH_CANDIDATES = 5
    QuoteFactory.create_batch(8, text=factory.Sequence(lambda n: f"Quote {n} says inflation is falling."))
    section = search("inflation", user=editor, kinds=("quotes",), limit=3).quotes
    assert (section.found, section.capped, len(section.hits)) == (5, True, 3)
    assert search("inflation", user=editor, kinds=("quotes",), limit=3).quotes == section
    second_page = search("inflation", user=editor, kinds=("quotes",), limit=3, offset=3).quotes
    assert len(second_page.hits) == 2
    assert not {hit.item.pk for hit in second_page.hits} & {hit.item.pk for hit in section.hits}


@pytest.mark.parametrize("size", [2, 12])
def test_a_search_costs_the_same_number_of_queries_whatever_it_finds(
    size: int,
    editor: User,
    reporter: User,
    django_assert_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    for n in range(size):
        claim = published(editor, reporter, f"Bread prices rose {n} per cent")
        ClaimAppearanceFactory(claim=claim, quote=QuoteFactory(text=f"Bread prices are up {n} per cent"))
    # claims: rank + fetch; quotes: rank + fetch; speakers: candidates (and a fetch when any match).
    with django_assert_num_queries(5):
        results = search("bread prices", user=READER)
    assert len(results.claims.hits) == len(results.quotes.hits) == min(size, 10)


def test_the_public_flag_follows_publication_retraction_and_the_quotes_attached(
    editor: User, reporter: User
) -> None:
    claim = ready_claim(reporter)
    quote = claim.appearances.get().quote
    extra, moved_to = QuoteFactory(), QuoteFactory()
    extra_appearance = ClaimAppearanceFactory(claim=claim, quote=extra)

    def public() -> set[int]:
        return set(Quote.objects.filter(is_public=True).values_list("pk", flat=True))

    def by_the_rule() -> set[int]:
        return set(quotes_visible_to(READER).values_list("pk", flat=True))

    assert public() == by_the_rule() == set()
    claim = drive(claim, "published", editor=editor)
    assert public() == by_the_rule() == {quote.pk, extra.pk}
    ClaimAppearance.objects.filter(pk=extra_appearance.pk).update(quote=moved_to)
    assert public() == by_the_rule() == {quote.pk, moved_to.pk}
    ClaimAppearance.objects.filter(quote=moved_to).delete()
    assert public() == by_the_rule() == {quote.pk}
    ClaimAppearanceFactory(claim=ClaimFactory(author=reporter), quote=quote)  # also in a draft: still public
    claim = workflow.apply(claim=claim, action="retract", actor=editor, comment="Wrong figures")
    assert public() == by_the_rule() == {quote.pk}


def test_each_alternative_of_an_or_query_is_looked_up_as_a_name(editor: User) -> None:
    putin = SpeakerFactory(name="Vladimir Putin")
    zelenskyy = SpeakerFactory(name="Volodymyr Zelenskyy")
    SpeakerFactory(name="Oleh Shyriaiev")
    hits = search("Putin or Zelenskyy -Kyiv", user=editor, kinds=("speakers",)).speakers.hits
    assert {hit.item.pk for hit in hits} == {putin.pk, zelenskyy.pk}


def test_a_sentence_is_not_looked_up_as_a_speaker_s_name(
    editor: User,
    django_assert_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    SpeakerFactory(name="Russia")
    with django_assert_num_queries(0):
        section = search(
            "Russia says the Kursk region is liberated", user=editor, kinds=("speakers",)
        ).speakers
    assert section.hits == []
