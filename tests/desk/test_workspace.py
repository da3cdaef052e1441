"""The claim workspace: every write through the services, refusals as messages, no silent overwrite."""

from __future__ import annotations

import pytest
from django.test import Client

from claims import services, workflow
from claims.models import Claim, ClaimRelation, Comment, Correction
from tests.factories import ClaimFactory, QuoteFactory, SourceFactory, rating
from tests.review import drive, ready_claim

pytestmark = pytest.mark.django_db


def page(client: Client, claim: Claim) -> str:
    response = client.get(f"/desk/claims/{claim.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_reporter_drafts_a_claim_and_edits_it(reporter_client: Client, reporter) -> None:  # type: ignore[no-untyped-def]
    response = reporter_client.post("/desk/claims/", {"statement": "  Russia has fully   liberated Kursk "})
    claim = Claim.objects.get()
    assert response["Location"] == f"/desk/claims/{claim.pk}/"
    assert claim.statement == "Russia has fully liberated Kursk" and claim.author == reporter
    response = reporter_client.post(
        f"/desk/claims/{claim.pk}/edit/",
        {"version": 1, "statement": claim.statement, "summary": "Not so.", "analysis": "**Bold** claim"},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.summary, claim.version) == ("Not so.", 2)
    assert "<strong>Bold</strong>" in page(reporter_client, claim)


def test_an_empty_statement_is_a_field_error_not_a_500(reporter_client: Client, reporter) -> None:  # type: ignore[no-untyped-def]
    claim = ClaimFactory(author=reporter)
    response = reporter_client.post(f"/desk/claims/{claim.pk}/edit/", {"version": 1, "statement": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    response = reporter_client.post("/desk/claims/", {"statement": ""})
    assert response.status_code == 400


def test_no_script_from_user_text_reaches_the_page(reporter_client: Client, reporter) -> None:  # type: ignore[no-untyped-def]
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))'
    claim = ClaimFactory(author=reporter, statement=f"Claim {evil}", summary=evil, analysis=evil)
    services.comment_add(claim=claim, author=reporter, body=evil)
    body = page(reporter_client, claim)
    assert "<script>alert" not in body
    assert 'onerror="alert' not in body
    assert "javascript:alert" not in body.replace("[x](javascript:alert(3))", "")


def test_someone_else_saved_first_both_versions_are_shown_and_nothing_typed_is_lost(
    reporter_client: Client, editor_client: Client, reporter, editor
) -> None:  # type: ignore[no-untyped-def]
    claim = ClaimFactory(author=reporter, summary="First summary.")
    editor_client.post(
        f"/desk/claims/{claim.pk}/edit/",
        {"version": 1, "statement": claim.statement, "summary": "The editor's summary."},
    )
    response = reporter_client.post(
        f"/desk/claims/{claim.pk}/edit/",
        {"version": 1, "statement": claim.statement, "summary": "The reporter's summary."},
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this claim first." in body
    assert "The editor&#x27;s summary." in body and "The reporter&#x27;s summary." in body
    assert 'name="version" value="2"' in body  # a second save replaces the version shown, knowingly
    assert Claim.objects.get(pk=claim.pk).summary == "The editor's summary."
    response = reporter_client.post(
        f"/desk/claims/{claim.pk}/edit/",
        {"version": 2, "statement": claim.statement, "summary": "The reporter's summary."},
    )
    assert response.status_code == 302
    assert Claim.objects.get(pk=claim.pk).summary == "The reporter's summary."


def test_quotes_are_attached_with_a_stance_and_detached(reporter_client: Client, reporter) -> None:  # type: ignore[no-untyped-def]
    claim = ClaimFactory(author=reporter, statement="The bridge over the harbour was finished.")
    quote = QuoteFactory(text="We finished the bridge over the harbour last year.")
    body = reporter_client.get(f"/desk/claims/{claim.pk}/?quote_q=bridge+harbour").content.decode()
    assert quote.text in body
    reporter_client.post(f"/desk/claims/{claim.pk}/quotes/", {"quote": quote.pk, "stance": "disputes"})
    appearance = claim.appearances.get()
    assert appearance.stance == "disputes"
    assert "Disputes the claim" in page(reporter_client, claim)
    reporter_client.post(f"/desk/claims/{claim.pk}/quotes/{appearance.pk}/remove/")
    assert not claim.appearances.exists()


def test_sources_are_cited_by_url_reused_and_the_outlet_guessed(reporter_client: Client, reporter) -> None:  # type: ignore[no-untyped-def]
    claim = ClaimFactory(author=reporter)
    known = SourceFactory(
        url="https://courier.example/news/kursk", canonical_url="https://courier.example/news/kursk"
    )
    reporter_client.post(
        f"/desk/claims/{claim.pk}/sources/",
        {"url": "HTTPS://Courier.example/news/kursk?utm_source=x", "bearing": "refutes", "note": "Map"},
    )
    assert claim.citations.get().source == known
    reporter_client.post(
        f"/desk/claims/{claim.pk}/sources/",
        {"url": "https://www.isw.example/report/1", "title": "ISW report", "bearing": "refutes"},
    )
    new = claim.citations.exclude(source=known).get().source
    assert new.outlet is not None and new.outlet.domain == "isw.example"
    response = reporter_client.post(
        f"/desk/claims/{claim.pk}/sources/", {"url": "not a url", "bearing": "refutes"}
    )
    assert response.status_code == 400
    assert claim.citations.count() == 2
    citation = claim.citations.get(source=known)
    reporter_client.post(f"/desk/claims/{claim.pk}/sources/{citation.pk}/remove/")
    assert claim.citations.count() == 1


def test_competing_claims_are_linked_and_unlinked(reporter_client: Client, reporter) -> None:  # type: ignore[no-untyped-def]
    claim = ClaimFactory(author=reporter, statement="Russia has fully liberated the Kursk region")
    other = ClaimFactory(statement="Russia has not yet liberated the Kursk region by 100%")
    body = reporter_client.get(f"/desk/claims/{claim.pk}/?claim_q=Kursk").content.decode()
    assert other.statement in body
    reporter_client.post(f"/desk/claims/{claim.pk}/links/", {"to_claim": other.pk, "kind": "contradicts"})
    relation = ClaimRelation.objects.get()
    assert (relation.from_claim, relation.to_claim, relation.kind) == (claim, other, "contradicts")
    assert "Unlink" in page(reporter_client, other)
    reporter_client.post(f"/desk/claims/{other.pk}/links/{relation.pk}/remove/")
    assert not ClaimRelation.objects.exists()


def test_comments_and_the_review_timeline(reporter_client: Client, editor_client: Client, reporter) -> None:  # type: ignore[no-untyped-def]
    claim = ready_claim(reporter)
    reporter_client.post(f"/desk/claims/{claim.pk}/comments/", {"body": "Ready for a look."})
    assert Comment.objects.get().body == "Ready for a look."
    reporter_client.post(
        f"/desk/claims/{claim.pk}/transition/", {"action": "submit", "version": claim.version}
    )
    claim.refresh_from_db()
    response = editor_client.post(
        f"/desk/claims/{claim.pk}/transition/", {"action": "request_changes", "version": claim.version}
    )
    assert response.status_code == 400
    assert "Say what must change." in response.content.decode()
    editor_client.post(
        f"/desk/claims/{claim.pk}/transition/",
        {"action": "request_changes", "version": claim.version, "comment": "Cite the ISW map."},
    )
    claim.refresh_from_db()
    assert claim.state == Claim.State.CHANGES_REQUESTED
    body = page(reporter_client, claim)
    assert "Cite the ISW map." in body and "Ready for a look." in body


def test_buttons_show_what_the_person_may_do_and_why_not(
    reporter_client: Client, editor_client: Client, reporter
) -> None:  # type: ignore[no-untyped-def]
    claim = workflow.apply(claim=ready_claim(reporter), action="submit", actor=reporter)
    reporter_body = page(reporter_client, claim)
    assert '<button type="button" disabled>Approve</button>' in reporter_body
    assert "Only editors can do this." in reporter_body
    editor_body = page(editor_client, claim)
    assert '<button type="submit" class="primary">Approve</button>' in editor_body


def test_a_stale_step_is_refused_with_a_conflict(editor_client: Client, reporter, editor) -> None:  # type: ignore[no-untyped-def]
    claim = drive(ready_claim(reporter), "in_review", editor=editor)
    response = editor_client.post(
        f"/desk/claims/{claim.pk}/transition/", {"action": "approve", "version": claim.version - 1}
    )
    assert response.status_code == 409
    assert "changed since you loaded it" in response.content.decode()


def test_published_claims_hide_detach_buttons_from_reporters_and_need_a_correction(
    reporter_client: Client, editor_client: Client, reporter, editor
) -> None:  # type: ignore[no-untyped-def]
    claim = drive(ready_claim(reporter), "published", editor=editor)
    reporter_body = page(reporter_client, claim)
    assert "Detach" not in reporter_body and ">Remove<" not in reporter_body
    assert "Only editors change a published fact-check." in reporter_body
    editor_body = page(editor_client, claim)
    assert "Correction note (public)" in editor_body
    data = {"version": claim.version, "statement": claim.statement, "summary": "A better summary."}
    response = editor_client.post(f"/desk/claims/{claim.pk}/edit/", data | {"rating": claim.rating_id})
    assert response.status_code == 400
    assert "changes only with a correction" in response.content.decode()
    response = editor_client.post(
        f"/desk/claims/{claim.pk}/edit/",
        data
        | {"rating": claim.rating_id, "correction_kind": "clarification", "correction_note": "Reworded."},
    )
    assert response.status_code == 302
    assert Correction.objects.get(claim=claim).note == "Reworded."


def test_editors_rate_and_assign(editor_client: Client, reporter, editor) -> None:  # type: ignore[no-untyped-def]
    claim = ClaimFactory(author=reporter)
    editor_client.post(
        f"/desk/claims/{claim.pk}/edit/",
        {"version": 1, "statement": claim.statement, "rating": rating("false").pk},
    )
    editor_client.post(
        f"/desk/claims/{claim.pk}/assign/",
        {"assignee": reporter.pk, "due_on": "2020-01-01", "priority": "high"},
    )
    claim.refresh_from_db()
    assert (claim.rating, claim.assignee, claim.priority) == (rating("false"), reporter, "high")
    response = editor_client.post(
        f"/desk/claims/{claim.pk}/assign/", {"due_on": "yesterday", "priority": "high"}
    )
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


def test_history_compares_any_two_versions(reporter_client: Client, reporter) -> None:  # type: ignore[no-untyped-def]
    claim = services.claim_create(statement="The harbour bridge is finished", author=reporter)
    services.claim_update(
        claim=claim, actor=reporter, changes={"statement": "The harbour bridge is half finished"}
    )
    body = reporter_client.get(f"/desk/claims/{claim.pk}/history/").content.decode()
    assert "<ins>half</ins>" in body
    assert "rita" in body
