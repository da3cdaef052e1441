"""The desk shows nothing of the newsroom's internal material to anyone outside it: every desk address,
asked for the drafts, claims in review, comments and unused quotes of the public site's test newsroom,
answers anonymous people and role-less accounts without a word of them."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import UserFactory
from tests.public.conftest import SECRETS, Newsroom, newsroom  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def desk_urls(room: Newsroom) -> list[str]:
    claims = [room.draft, room.in_review, *room.published]
    urls = [
        "/desk/",
        "/desk/claims/",
        "/desk/quotes/",
        "/desk/sources/",
        "/desk/article/",
        "/desk/quotes/new/",
    ]
    urls += [
        "/desk/claims/?queue=review",
        "/desk/quotes/?q=harbour",
        "/desk/quotes/similar/?text=harbour+bridge",
    ]
    urls += ["/desk/speakers/suggest/?speaker_name=Hidden+Drafter"]
    for claim in claims:
        urls += [f"/desk/claims/{claim.pk}/", f"/desk/claims/{claim.pk}/history/?quote_q=harbour"]
    return urls


@pytest.mark.parametrize("who", ["anonymous", "no role"])
def test_nothing_internal_reaches_people_outside_the_newsroom(who: str, newsroom: Newsroom) -> None:  # noqa: F811
    client = Client()
    if who == "no role":
        client.force_login(UserFactory(username="outsider"))
    for url in desk_urls(newsroom):
        response = client.get(url)
        assert response.status_code == (302 if who == "anonymous" else 403), url
        body = response.content.decode()
        for secret in SECRETS[:-1]:  # the last is a phrase of review comments, not a secret on its own
            assert secret not in body, (url, secret)


def test_the_newsroom_sees_its_drafts_on_the_desk(newsroom: Newsroom, reporter) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    client = Client()
    client.force_login(reporter)
    body = client.get(f"/desk/claims/{newsroom.draft.pk}/").content.decode()
    assert SECRETS[0] in body
