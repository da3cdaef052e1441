"""Similar claims and quotes, fuzzy speakers, the search endpoints, and the archive generator's indexes."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from claims.models import Claim, Quote, Speaker
from claims.search.query import tsquery, tsquery_sql
from claims.search.similar import similar
from claims.search.speakers import find_speakers
from claims.selectors import quotes_visible_to
from tests.api.conftest import client_for
from tests.factories import ClaimFactory, SpeakerAliasFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

READER = AnonymousUser()


@pytest.fixture
def demo(db: None) -> None:
    """The worked example: Putin's and Shyriaiev's competing Kursk claims, both published."""
    call_command("loaddemo", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim; ANALYZE claims_quote")


def kursk(which: str) -> Claim:
    claims = Claim.objects.filter(statement__icontains="Kursk")
    return (
        claims.exclude(statement__icontains="not").get()
        if which == "putin"
        else claims.get(statement__icontains="not")
    )


@pytest.mark.parametrize(
    ("paraphrase", "first"),
    [
        ("Putin says the Kursk region is completely liberated", "putin"),
        ("Kursk region fully freed and liberated from Ukrainian troops", "putin"),
        ("Russia has not yet liberated all of the Kursk region", "shyriaiev"),
        ("Ukrainian commander: Russia has not taken back 100% of Kursk", "shyriaiev"),
    ],
)
def test_similar_finds_the_seed_competing_claims_from_paraphrases(
    demo: None, paraphrase: str, first: str
) -> None:
    found = similar(paraphrase, user=READER)
    assert [match.item for match in found.claims[:2]] and found.claims[0].item == kursk(first)
    assert {match.item for match in found.claims} >= {kursk("putin"), kursk("shyriaiev")}
    assert all(0 < match.score <= 1 for match in found.claims + found.quotes)
    assert found.quotes, "the quotes that make the claims are found too"


def test_similar_finds_nothing_for_unrelated_text(demo: None) -> None:
    found = similar("The weather in Lisbon was mild and sunny", user=READER)
    assert found.claims == found.quotes == []


def test_similar_never_offers_a_reader_a_draft(demo: None, reporter: User) -> None:
    draft = ClaimFactory(author=reporter, statement="Russia has fully liberated the Kursk region again")
    assert draft not in [match.item for match in similar(draft.statement, user=READER).claims]
    assert similar(draft.statement, user=reporter).claims[0].item == draft
    public = set(quotes_visible_to(READER))
    assert {match.item for match in similar(draft.statement, user=READER).quotes} <= public


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Shyriaev", "Oleh Shyriaiev"),
        ("Zelenskyy", "Volodymyr Zelensky"),
        ("V. Putin", "Vladimir Putin"),
        ("vlad", "Vladimir Putin"),
        ("PUTIN", "Vladimir Putin"),
    ],
)
def test_fuzzy_speaker_lookup_finds_the_right_speaker(
    demo: None, reporter: User, typed: str, expected: str
) -> None:
    assert find_speakers(typed, user=reporter)[0].speaker.name == expected


def test_an_initial_that_fits_no_name_loses_to_one_that_does(db: None, editor: User) -> None:
    vladimir = SpeakerFactory(name="Vladimir Putin")
    lyudmila = SpeakerFactory(name="Lyudmila Putina")
    assert find_speakers("V. Putin", user=editor)[0].speaker == vladimir
    assert find_speakers("L. Putina", user=editor)[0].speaker == lyudmila
    SpeakerAliasFactory(speaker=vladimir, alias="Vova")
    assert find_speakers("Vova", user=editor)[0].speaker == vladimir


def test_readers_do_not_find_speakers_no_fact_check_quotes(db: None, editor: User) -> None:
    SpeakerFactory(name="Unpublished Person")
    assert find_speakers("Unpublished Person", user=READER) == []
    assert find_speakers("Unpublished Person", user=editor)[0].speaker.name == "Unpublished Person"


# --- the endpoints ---------------------------------------------------------------------------------


def test_search_endpoint(demo: None) -> None:
    response = client_for(None).get("/api/v1/search/", {"q": '"fully liberated" -Zelensky'})
    assert response.status_code == 200
    body = response.json()
    assert [hit["claim"]["id"] for hit in body["claims"]["results"]] == [
        kursk("putin").pk,
        kursk("shyriaiev").pk,
    ]
    assert "<mark>fully</mark>" in body["claims"]["results"][0]["snippet"]
    assert (body["claims"]["found"], body["claims"]["capped"]) == (2, False)
    by_name = client_for(None).get("/api/v1/search/", {"q": "Shyriaev"}).json()
    assert by_name["speakers"]["results"][0]["speaker"]["name"] == "Oleh Shyriaiev"
    only_quotes = client_for(None).get("/api/v1/search/", {"q": "liberated", "type": "quotes"}).json()
    assert only_quotes["claims"]["results"] == [] and only_quotes["quotes"]["results"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": "x", "type": "drafts"}, "type"),
        ({"q": "x", "limit": "0"}, "limit"),
        ({"q": "x", "offset": "-1"}, "offset"),
        ({"q": "x", "language": "Russian!"}, "language"),
        ({"q": "x" * 301}, "q"),
    ],
)
def test_search_endpoint_refuses_bad_parameters_field_by_field(
    demo: None, params: dict[str, str], field: str
) -> None:
    response = client_for(None).get("/api/v1/search/", params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_similar_and_speaker_match_endpoints(demo: None) -> None:
    body = client_for(None).get("/api/v1/claims/similar/", {"text": "Kursk is completely liberated"}).json()
    assert body["claims"][0]["claim"]["statement"].startswith("Russia has fully liberated")
    assert 0 < body["claims"][0]["score"] <= 1
    assert client_for(None).get("/api/v1/claims/similar/").status_code == 400
    match = client_for(None).get("/api/v1/speakers/match/", {"name": "Shyriaev"}).json()
    assert match["speakers"][0]["speaker"]["name"] == "Oleh Shyriaiev"
    assert client_for(None).get("/api/v1/speakers/match/", {"name": ""}).status_code == 400


# --- the archive generator -------------------------------------------------------------------------


@pytest.fixture
def archive(db: None) -> None:
    call_command("generate_archive", quotes=30_000, speakers=5_000, seed=7, stdout=io.StringIO())


def plan(sql: str, params: list[object]) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_generated_archive_is_shaped_like_a_newsroom_s(archive: None) -> None:
    assert (Quote.objects.count(), Claim.objects.count(), Speaker.objects.count()) == (30_000, 6_000, 5_000)
    published = Claim.objects.filter(state="published").count()
    assert 0.08 < published / 6_000 < 0.2, "most claims are unpublished"
    top = Quote.objects.values("speaker").annotate(
        n=__import__("django.db.models", fromlist=["Count"]).Count("id")
    )
    counts = sorted((row["n"] for row in top), reverse=True)
    assert counts[0] > 20 * counts[len(counts) // 2], "a few speakers have many quotes"
    # The flag the readers' search index uses agrees with the visibility rule.
    assert set(Quote.objects.filter(is_public=True).values_list("pk", flat=True)) == set(
        quotes_visible_to(READER).values_list("pk", flat=True)
    )
    # Every claim past draft has the review step that put it in its state (what the trigger demands).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM claims_claim c WHERE c.state <> 'draft' AND NOT EXISTS (SELECT 1 FROM "
            "claims_reviewevent e WHERE e.claim_id = c.id AND e.to_state = c.state AND e.version = c.version)"
        )
        assert cursor.fetchone()[0] == 0


def test_the_generator_refuses_to_run_twice(archive: None) -> None:
    with pytest.raises(CommandError, match="already generated"):
        call_command("generate_archive", quotes=10)
    assert Quote.objects.count() == 30_000


def test_the_query_plans_use_the_indexes(archive: None) -> None:

    # A word of the archive's long tail, as most searched words are: long made-up words are rare.
    text = Quote.objects.filter(is_public=True).order_by("id").values_list("text", flat=True)[0]
    word = max(text.rstrip(".").split(), key=len)
    query_sql, params = tsquery_sql(word)
    for table, condition, index in [
        ("claims_quote", "TRUE", "claims_quote_search_idx"),
        ("claims_quote", "is_public", "claims_quote_public_search_idx"),
        ("claims_claim", "state IN ('published', 'retracted')", "claims_claim_public_search_idx"),
    ]:
        sql = f"SELECT id FROM {table} WHERE {condition} AND search_vector @@ {query_sql} LIMIT 1000"  # noqa: S608
        assert index in plan(sql, params)
    name = Speaker.objects.order_by("id").values_list("normalised_name", flat=True)[3]
    assert "claims_speaker_name_trgm" in plan(
        "SELECT id FROM claims_speaker WHERE normalised_name %% %s", [name]
    )
    # The code's own queries, as they run (Django's EXPLAIN of the candidate query).
    candidates = Quote.objects.filter(search_vector=tsquery(word)).order_by().values_list("id")[:1000]
    assert "claims_quote_search_idx" in candidates.explain()


def test_the_speaker_look_up_keeps_to_the_trigram_indexes(archive: None) -> None:
    """The planner would read the whole alias table for a `%` comparison (it prices trigram similarity
    like an equality); the look-up function turns sequential scans off while it runs, and only then."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT proconfig FROM pg_proc WHERE proname = 'factcheck_speaker_candidates'")
        assert cursor.fetchone()[0] == ["enable_seqscan=off"]
        cursor.execute("SELECT current_setting('enable_seqscan')")
        assert cursor.fetchone()[0] == "on"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        alias_plan = plan("SELECT speaker_id FROM claims_speakeralias WHERE normalised %% %s", ["putn"])
    assert "claims_alias_normalised_trgm" in alias_plan
