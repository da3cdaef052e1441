"""Every invariant of the data model is refused twice: by validation, with a message a reporter can act
on, and by PostgreSQL itself when code bypasses validation (the named constraint is what fails)."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model

from claims.models import Claim, ClaimRelation, Quote, Rating, RatingScale, ReviewEvent, Speaker, SpeakerAlias
from sources.models import Outlet, Source
from tests.factories import (
    CitationFactory,
    ClaimAppearanceFactory,
    ClaimFactory,
    ClaimRelationFactory,
    OutletFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    rating,
)

pytestmark = pytest.mark.django_db


def refused_by_database(constraint: str, write: Callable[[], object]) -> None:
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        write()
    assert caught.value.__cause__.diag.constraint_name == constraint  # type: ignore[union-attr]


def refused_by_validation(instance: Model, field: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    errors = caught.value.message_dict
    assert field in errors, errors
    assert any(message in text for text in errors[field]), errors[field]


def update(instance: Model, **values: object) -> Callable[[], int]:
    return lambda: type(instance).objects.filter(pk=instance.pk).update(**values)


# --- sources ---------------------------------------------------------------------------------------


def test_outlet_domain_unique() -> None:
    OutletFactory(domain="reuters.com")
    duplicate = Outlet(name="Reuters again", slug="reuters-again", domain="reuters.com")
    refused_by_validation(duplicate, "__all__", "Another outlet already has this domain.")
    refused_by_database("sources_outlet_unique_domain", lambda: Outlet.objects.bulk_create([duplicate]))


def test_outlets_without_domain_may_coexist() -> None:
    OutletFactory(domain="")
    OutletFactory(domain="")
    assert Outlet.objects.filter(domain="").count() == 2


def test_outlet_domain_lower_case_and_kind() -> None:
    outlet = OutletFactory()
    refused_by_database("sources_outlet_domain_lower_case", update(outlet, domain="Reuters.COM"))
    refused_by_database("sources_outlet_kind_valid", update(outlet, kind="blog"))
    outlet.kind = "blog"
    refused_by_validation(outlet, "kind", "is not a valid choice")


def test_outlet_clean_lower_cases_the_domain() -> None:
    outlet = Outlet(name="Reuters", slug="reuters", domain=" WWW.Reuters.com ")
    outlet.full_clean()
    assert outlet.domain == "reuters.com"


def test_source_canonical_url_unique_across_spellings() -> None:
    first = Source(url="https://www.bbc.co.uk/news/world-123?utm_source=twitter", title="BBC")
    first.full_clean()
    first.save()
    second = Source(url="HTTPS://WWW.BBC.CO.UK/news/world-123#comments", title="BBC again")
    refused_by_validation(second, "__all__", "A source with this URL is already recorded.")
    second.canonical_url = first.canonical_url
    refused_by_database("sources_source_unique_canonical_url", lambda: Source.objects.bulk_create([second]))


def test_source_without_url_is_known_by_title_outlet_and_date() -> None:
    outlet = OutletFactory()
    first = Source(title="Evening news", outlet=outlet, published_on=datetime.date(2025, 5, 1), kind="video")
    first.full_clean()
    first.save()
    again = Source(title="Evening news", outlet=outlet, published_on=datetime.date(2025, 5, 1), kind="video")
    refused_by_validation(again, "__all__", "A source with this title, outlet and date (and no URL)")
    refused_by_database(
        "sources_source_unique_title_without_url", lambda: Source.objects.bulk_create([again])
    )
    # Unknown outlet and date are compared too (NULLS NOT DISTINCT): still one row per title.
    Source.objects.create(title="Leaflet")
    refused_by_database(
        "sources_source_unique_title_without_url", lambda: Source.objects.create(title="Leaflet")
    )
    # The next day's bulletin is another document.
    Source(title="Evening news", outlet=outlet, published_on=datetime.date(2025, 5, 2)).full_clean()


def test_source_needs_url_or_title() -> None:
    refused_by_validation(Source(), "__all__", "A source needs a URL or, for print and broadcast, a title.")
    refused_by_database("sources_source_has_url_or_title", lambda: Source.objects.create())


def test_source_canonical_url_only_with_url() -> None:
    refused_by_database(
        "sources_source_canonical_url_with_url",
        lambda: Source.objects.create(canonical_url="https://example.com/", title="x"),
    )


def test_source_rejects_bad_url_with_reason() -> None:
    refused_by_validation(Source(url="ftp://example.com/file", title="x"), "url", "Only http:// and https://")
    refused_by_validation(
        Source(url="https://user:secret@example.com/", title="x"), "url", "user name or password"
    )


def test_source_kind_language_and_snapshot_hash() -> None:
    source = SourceFactory()
    refused_by_database("sources_source_kind_valid", update(source, kind="blog"))
    refused_by_database("sources_source_language_tag", update(source, language="English"))
    refused_by_database(
        "sources_source_text_hash_matches_presence", update(source, text="words", text_sha256="")
    )
    refused_by_database(
        "sources_source_text_hash_matches_presence", update(source, text="", text_sha256="0" * 64)
    )
    source.language = "English"
    refused_by_validation(source, "language", "Use a language tag such as en")


def test_source_snapshot_gets_its_sha256() -> None:
    source = Source(title="Transcript", text="We are working, fighting.")
    source.full_clean()
    assert source.text_sha256 == hashlib.sha256(b"We are working, fighting.").hexdigest()


# --- speakers --------------------------------------------------------------------------------------


def test_speaker_wikidata_qid_unique_and_well_formed() -> None:
    SpeakerFactory(wikidata_qid="Q7747")
    twin = Speaker(name="Putin again", slug="putin-again", wikidata_qid="q7747")
    refused_by_validation(twin, "__all__", "Another speaker already has this Wikidata ID.")
    twin.wikidata_qid = "Q7747"
    refused_by_database("claims_speaker_unique_wikidata_qid", lambda: Speaker.objects.bulk_create([twin]))
    for bad in ("7747", "Q0123", "Q", "Q12a"):
        refused_by_validation(
            Speaker(name="X", slug="x", wikidata_qid=bad), "wikidata_qid", "looks like Q7747"
        )
    speaker = SpeakerFactory()
    refused_by_database("claims_speaker_wikidata_qid_format", update(speaker, wikidata_qid="Q0"))


def test_speakers_without_wikidata_qid_may_coexist() -> None:
    SpeakerFactory(wikidata_qid="")
    SpeakerFactory(wikidata_qid="")
    assert Speaker.objects.filter(wikidata_qid="").count() == 2


def test_speaker_kind_name_and_affiliation() -> None:
    speaker = SpeakerFactory()
    refused_by_database("claims_speaker_kind_valid", update(speaker, kind="robot"))
    refused_by_database("claims_speaker_name_not_blank", update(speaker, name="   "))
    refused_by_database("claims_speaker_not_own_affiliation", update(speaker, affiliation=speaker))
    speaker.affiliation = speaker
    refused_by_validation(speaker, "affiliation", "cannot be affiliated with itself")
    person = SpeakerFactory(kind="person")
    speaker.affiliation = person
    refused_by_validation(speaker, "affiliation", "must be an organisation")


def test_alias_unique_per_speaker_ignoring_case_and_accents() -> None:
    alias = SpeakerAliasFactory(alias="Zelenskyy")
    twin = SpeakerAlias(speaker=alias.speaker, alias="ZELÉNSKYY")
    refused_by_validation(twin, "__all__", "This speaker already has this alias")
    refused_by_database("claims_speakeralias_unique_per_speaker", lambda: twin.save())
    # Another speaker may share an alias: ambiguity is resolved by asking the reporter.
    SpeakerAlias(speaker=SpeakerFactory(), alias="Zelenskyy").full_clean()


def test_alias_not_blank() -> None:
    refused_by_database(
        "claims_speakeralias_not_blank",
        lambda: SpeakerAlias.objects.create(speaker=SpeakerFactory(), alias="  "),
    )


# --- quotes ----------------------------------------------------------------------------------------


def test_same_words_from_same_speaker_refused_naming_the_existing_quote() -> None:
    quote = QuoteFactory(text="The Kyiv regime’s adventure has completely failed.")
    again = Quote(speaker=quote.speaker, text="  the kyiv regime's adventure has   completely failed. ")
    refused_by_validation(again, "text", f"Already logged as quote #{quote.pk}")
    again.fingerprint = quote.fingerprint
    refused_by_database("claims_quote_unique_words_per_speaker", lambda: again.save())
    # The same words from someone else are a different quote.
    Quote(speaker=SpeakerFactory(), text=quote.text).full_clean()


def test_quote_text_kind_and_precision() -> None:
    quote = QuoteFactory()
    refused_by_database("claims_quote_text_not_blank", update(quote, text=" \n "))
    refused_by_database("claims_quote_kind_valid", update(quote, kind="rumour"))
    refused_by_database("claims_quote_precision_valid", update(quote, said_on_precision="week"))
    refused_by_validation(Quote(speaker=quote.speaker, text="   "), "text", "This field cannot be blank.")


def test_quote_date_must_match_its_precision() -> None:
    quote = QuoteFactory(said_on=datetime.date(2025, 4, 26), said_on_precision="day")
    refused_by_database("claims_quote_date_matches_precision", update(quote, said_on_precision="month"))
    refused_by_database("claims_quote_date_matches_precision", update(quote, said_on_precision="unknown"))
    refused_by_database("claims_quote_date_matches_precision", update(quote, said_on=None))
    missing = Quote(speaker=quote.speaker, text="New words", said_on_precision="day")
    refused_by_validation(missing, "said_on", "Give the date, or set the precision to unknown.")
    vague = Quote(speaker=quote.speaker, text="New words", said_on=datetime.date(2025, 4, 26))
    refused_by_validation(vague, "said_on_precision", "Say how precise the date is.")


def test_quote_month_and_year_precision_store_the_first_day() -> None:
    quote = Quote(
        speaker=SpeakerFactory(),
        text="liberated",
        said_on=datetime.date(2025, 4, 26),
        said_on_precision="month",
    )
    quote.full_clean()
    assert quote.said_on == datetime.date(2025, 4, 1)
    quote.said_on_precision = "year"
    quote.full_clean()
    assert quote.said_on == datetime.date(2025, 1, 1)


@pytest.mark.parametrize(
    ("precision", "day", "shown"),
    [
        ("day", datetime.date(2025, 4, 26), "26 April 2025"),
        ("month", datetime.date(2025, 4, 1), "April 2025"),
        ("year", datetime.date(2025, 1, 1), "2025"),
        ("unknown", None, "date unknown"),
    ],
)
def test_quote_date_shown_at_its_precision(precision: str, day: datetime.date | None, shown: str) -> None:
    assert Quote(said_on=day, said_on_precision=precision).said_when == shown


def test_quote_original_words_need_their_language() -> None:
    quote = QuoteFactory()
    refused_by_database("claims_quote_original_has_language", update(quote, original_text="Слова"))
    refused_by_database("claims_quote_original_has_language", update(quote, original_language="ru"))
    quote.original_text = "Авантюра киевского режима полностью провалилась."
    refused_by_validation(quote, "original_language", "go together")


# --- ratings ---------------------------------------------------------------------------------------


def test_one_default_rating_scale() -> None:
    second = RatingScale(name="Second", slug="second", is_default=True)
    refused_by_validation(second, "__all__", "Only one rating scale can be the default.")
    refused_by_database("claims_ratingscale_one_default", lambda: RatingScale.objects.bulk_create([second]))


def test_ratings_unique_on_their_scale() -> None:
    existing = rating("true")
    cases = {
        "claims_rating_unique_slug_per_scale": {"slug": "true", "label": "Other", "value": 60},
        "claims_rating_unique_label_per_scale": {"slug": "other", "label": "True", "value": 60},
        "claims_rating_unique_value_per_scale": {"slug": "other", "label": "Other", "value": existing.value},
    }
    for constraint, values in cases.items():
        row = Rating(scale=existing.scale, description="d", **values)
        with pytest.raises(ValidationError, match="This scale already has a rating"):
            row.full_clean()
        refused_by_database(constraint, lambda row=row: Rating.objects.bulk_create([row]))


def test_rating_value_and_colour() -> None:
    existing = rating("false")
    refused_by_database("claims_rating_value_positive", update(existing, value=0))
    refused_by_database("claims_rating_colour_hex", update(existing, colour="red"))
    existing.colour = "#FF0000"
    refused_by_validation(existing, "colour", "lower-case hex")


# --- claims ----------------------------------------------------------------------------------------


def stepped(claim: Claim, **values: object) -> Callable[[], int]:
    """An update that the workflow trigger lets through (a review event records the step), so that the
    check constraints behind it are what answers."""

    def write() -> int:
        version = claim.version + 1
        ReviewEvent.objects.create(
            claim=claim, action="approve", from_state=claim.state, to_state=values["state"],
            actor=claim.author, version=version,
        )  # fmt: skip
        return Claim.objects.filter(pk=claim.pk).update(version=version, **values)

    return write


def test_claim_state_statement_version() -> None:
    claim = ClaimFactory()
    refused_by_database("claims_claim_state_valid", stepped(claim, state="killed"))
    refused_by_database("claims_claim_statement_not_blank", update(claim, statement=""))
    refused_by_database("claims_claim_version_positive", update(claim, version=0))


def test_published_claim_needs_rating_and_publication_time() -> None:
    claim = ClaimFactory()
    refused_by_database("claims_claim_published_has_rating", stepped(claim, state="published"))
    refused_by_database(
        "claims_claim_published_has_rating", stepped(claim, state="retracted", rating=rating("false"))
    )
    # Validation checks it too, although state is never a form field (forms leave derived fields out).
    claim.state = Claim.State.PUBLISHED
    with pytest.raises(ValidationError, match="A published fact-check has a rating and a publication time"):
        claim.full_clean(exclude=["state"])


def test_appearance_once_per_quote_and_known_stance() -> None:
    appearance = ClaimAppearanceFactory()
    twin = type(appearance)(claim=appearance.claim, quote=appearance.quote)
    refused_by_validation(twin, "__all__", "This quote is already attached to this claim.")
    refused_by_database("claims_claimappearance_unique_quote_per_claim", lambda: twin.save())
    refused_by_database("claims_claimappearance_stance_valid", update(appearance, stance="likes"))


def test_citation_once_per_source_and_known_bearing() -> None:
    citation = CitationFactory()
    twin = type(citation)(claim=citation.claim, source=citation.source)
    refused_by_validation(twin, "__all__", "This source is already cited in this fact-check.")
    refused_by_database("claims_citation_unique_source_per_claim", lambda: twin.save())
    refused_by_database("claims_citation_bearing_valid", update(citation, bearing="maybe"))


def test_relation_no_self_link_one_per_pair_known_kind() -> None:
    relation = ClaimRelationFactory()
    selfish = ClaimRelation(from_claim=relation.from_claim, to_claim=relation.from_claim, kind="rebuts")
    refused_by_validation(selfish, "__all__", "A claim cannot be related to itself.")
    refused_by_database("claims_claimrelation_no_self_link", lambda: selfish.save())
    reverse = ClaimRelation(from_claim=relation.to_claim, to_claim=relation.from_claim, kind="contradicts")
    refused_by_validation(reverse, "__all__", "These two claims are already related.")
    refused_by_database("claims_claimrelation_one_per_pair", lambda: reverse.save())
    refused_by_database("claims_claimrelation_kind_valid", update(relation, kind="likes"))


def test_quote_without_a_date_validates_inside_a_transaction() -> None:
    """Validation must not send PostgreSQL a query that fails and spoils the surrounding transaction."""
    speaker = SpeakerFactory()
    with transaction.atomic():
        quote = Quote(speaker=speaker, text="Words said on an unknown day.", said_on_precision="unknown")
        quote.full_clean()
        quote.save()
        assert Quote.objects.filter(speaker=speaker).count() == 1
