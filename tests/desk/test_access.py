"""Nobody reaches the desk without logging in; a reporter cannot take an editor's step by URL."""

from __future__ import annotations

import pytest
from django.test import Client

from claims.models import Claim
from tests.factories import ClaimFactory, UserFactory
from tests.review import drive, ready_claim

pytestmark = pytest.mark.django_db

PAGES = [
    "/desk/",
    "/desk/claims/",
    "/desk/claims/{pk}/",
    "/desk/claims/{pk}/history/",
    "/desk/quotes/",
    "/desk/quotes/new/",
    "/desk/quotes/similar/?text=Kursk+region+liberated",
    "/desk/speakers/suggest/?speaker_name=Putin",
    "/desk/article/",
    "/desk/sources/",
]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_people_are_sent_to_log_in(url: str) -> None:
    claim = ClaimFactory()
    response = Client().get(url.format(pk=claim.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/desk/login/?next=")


@pytest.mark.parametrize("url", PAGES)
def test_people_without_a_newsroom_role_get_403_with_the_reason(url: str) -> None:
    claim = ClaimFactory()
    client = Client()
    client.force_login(UserFactory(username="reader"))
    response = client.get(url.format(pk=claim.pk))
    assert response.status_code == 403
    assert "for the newsroom&#x27;s reporters and editors" in response.content.decode()
    assert claim.statement not in response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_reporters_open_every_desk_page(url: str, reporter_client: Client, reporter) -> None:  # type: ignore[no-untyped-def]
    claim = ClaimFactory(author=reporter)
    assert reporter_client.get(url.format(pk=claim.pk)).status_code == 200


def test_anonymous_posts_change_nothing() -> None:
    claim = ClaimFactory()
    response = Client().post(f"/desk/claims/{claim.pk}/transition/", {"action": "submit", "version": 1})
    assert response.status_code == 302
    assert Claim.objects.get(pk=claim.pk).state == Claim.State.DRAFT


def test_a_reporter_cannot_approve_or_publish_by_url(reporter_client: Client, reporter, editor) -> None:  # type: ignore[no-untyped-def]
    claim = drive(ready_claim(UserFactory(username="author", role="Reporter")), "in_review", editor=editor)
    response = reporter_client.post(
        f"/desk/claims/{claim.pk}/transition/", {"action": "approve", "version": claim.version}
    )
    assert response.status_code == 403
    assert "Only editors can do this." in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).state == Claim.State.IN_REVIEW


def test_a_reporter_cannot_assign_or_vote_by_url(reporter_client: Client, reporter) -> None:  # type: ignore[no-untyped-def]
    claim = ClaimFactory(author=reporter)
    for url in (f"/desk/claims/{claim.pk}/assign/", f"/desk/claims/{claim.pk}/votes/"):
        response = reporter_client.post(url, {"assignee": reporter.pk, "priority": "high"})
        assert response.status_code == 403
        assert "Only editors can do this." in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).assignee is None


def test_a_reporter_cannot_edit_a_published_fact_check_by_url(
    reporter_client: Client, reporter, editor
) -> None:  # type: ignore[no-untyped-def]
    claim = drive(ready_claim(reporter), "published", editor=editor)
    response = reporter_client.post(
        f"/desk/claims/{claim.pk}/edit/",
        {"version": claim.version, "statement": "Changed by a reporter", "summary": "x"},
    )
    assert response.status_code == 403
    assert "Only editors change a published fact-check." in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).statement == claim.statement


def test_login_page_logs_in_with_the_request_and_lands_on_the_dashboard(reporter) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    response = client.post(
        "/desk/login/", {"username": "rita", "password": "correct horse battery staple"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/desk/"
    assert "My drafts" in response.content.decode()
    response = client.post("/desk/logout/", follow=True)
    assert response.redirect_chain[-1][0] == "/desk/login/"
    assert client.get("/desk/").status_code == 302


def test_a_wrong_password_is_said_on_the_form(reporter) -> None:  # type: ignore[no-untyped-def]
    response = Client().post("/desk/login/", {"username": "rita", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_each_person_sees_their_own_queues(
    reporter_client: Client, editor_client: Client, reporter, editor
) -> None:  # type: ignore[no-untyped-def]
    draft = ClaimFactory(author=reporter, statement="My own draft about the harbour.")
    waiting = drive(
        ready_claim(reporter, statement="Waiting for a second pair of eyes."), "in_review", editor=editor
    )
    reporter_body = reporter_client.get("/desk/").content.decode()
    assert draft.statement in reporter_body
    assert "Waiting for my review" not in reporter_body
    editor_body = editor_client.get("/desk/").content.decode()
    assert "Waiting for my review" in editor_body and waiting.statement in editor_body
    assert draft.statement not in editor_body
    queue = editor_client.get("/desk/claims/?queue=review").content.decode()
    assert waiting.statement in queue and draft.statement not in queue
