"""Each desk list costs the same number of queries for one row as for many (pinned here)."""

from __future__ import annotations

import pytest
from django.test import Client

from claims.search import similar as similar_module
from tests.desk.conftest import logged_in
from tests.factories import (
    CitationFactory,
    ClaimAppearanceFactory,
    ClaimFactory,
    ClaimRelationFactory,
    QuoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

# session, user, the user's groups, then the page's own queries:
PAGES = {
    # five queues × (first rows, count): "waiting for my review" is empty for a reporter, without a query
    "/desk/": 3 + 10,
    # filter form choices (ratings, authors), count, page
    "/desk/claims/": 3 + 4,
    "/desk/claims/?state=draft&q=month": 3 + 4,
    # filter form choices (speakers), count, page
    "/desk/quotes/": 3 + 3,
    # filter form choices (outlets), count, page
    "/desk/sources/": 3 + 3,
}


# session, user, groups; the claim with its quotes, sources, links both ways and corrections; timeline,
# comments; the quotes and claims nearest the statement (with the word statistics similar() reads)
WORKSPACE = 20


def rows(reporter, n: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(n):
        ClaimFactory(author=reporter)
        QuoteFactory(source=SourceFactory())


@pytest.mark.parametrize(("url", "expected"), PAGES.items())
@pytest.mark.parametrize("n", [1, 12])
def test_desk_lists_cost_a_fixed_number_of_queries(
    url: str, expected: int, n: int, reporter, reporter_client: Client, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    rows(reporter, n)
    with django_assert_num_queries(expected):
        response = reporter_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 12])
def test_an_editors_dashboard_costs_two_queries_a_queue(
    n: int, editor, reporter, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    rows(reporter, n)
    client = logged_in(editor)
    with django_assert_num_queries(3 + 12):
        assert client.get("/desk/").status_code == 200


@pytest.mark.parametrize("n", [1, 6])
def test_the_claim_workspace_costs_the_same_with_more_quotes_and_sources(
    n: int, reporter, reporter_client: Client, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    claim = ClaimFactory(author=reporter)
    for _ in range(n):
        ClaimAppearanceFactory(claim=claim)
        CitationFactory(claim=claim)
        ClaimRelationFactory(from_claim=claim)
    # similar() keeps each table's word statistics for a few minutes; start without them.
    similar_module._statistics.clear()
    with django_assert_num_queries(WORKSPACE):
        assert reporter_client.get(f"/desk/claims/{claim.pk}/").status_code == 200
