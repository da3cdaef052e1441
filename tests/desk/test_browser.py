"""The desk in a real Chromium: the Kursk example from a pasted article to a published fact-check, and
two people saving the same claim at once. Screenshots of every step go to artifacts/screenshots/."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from claims import services
from claims.models import Claim, Quote
from tests.desk.test_intake import ARTICLE as SHORT_ARTICLE
from tests.factories import UserFactory, rating
from tests.migration_data import database_as_migrated, fresh_database

pytestmark = pytest.mark.django_db(transaction=True)

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed"
PASSWORD = "correct horse battery staple"
STATEMENT = "Russia has fully liberated the Kursk region"
ISW = (
    "https://understandingwar.org/research/russia-ukraine/russian-offensive-campaign-assessment-may-20-2025/"
)
ARTICLE_URL = "https://www.thesun.co.uk/news/35096578/putin-visits-kursk-region/"


@pytest.fixture(scope="module", autouse=True)
def _migration_data_afterwards(django_db_blocker):  # type: ignore[no-untyped-def]
    """After this module's last flush, put back what the migrations wrote, for the tests that follow."""
    yield
    with django_db_blocker.unblock():
        database_as_migrated()


def newsroom() -> tuple[str, int]:
    """The people and known speakers: the seed article's speakers except Oleh Shyriaiev, whom the
    reporter adds from the article. Falls back to a short article when the seed is not beside the
    project. Returns the article and how many quotes it holds."""
    # A transactional test before this one may have flushed what the migrations wrote.
    fresh_database()
    UserFactory(username="rita", role="Reporter")
    UserFactory(username="edna", role="Editor")
    annotation = SEED / "kursk-2025-05-21.quotes.json"
    if not annotation.exists():
        services.speaker_create(name="Vladimir Putin", role="President of Russia", aliases=["Putin", "Vlad"])
        return SHORT_ARTICLE, 2
    seed = json.loads(annotation.read_text())
    for speaker in seed["speakers"]:
        if speaker["name"] != "Oleh Shyriaiev":
            services.speaker_create(
                name=speaker["name"],
                kind=speaker.get("kind", "person"),
                role=speaker.get("role") or "",
                wikidata_qid=speaker.get("wikidata") or "",
                aliases=speaker.get("aliases", []),
            )
    return (SEED / seed["article"]).read_text(), len(seed["quotes"])


def watch_errors(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not message.location["url"].endswith("/favicon.ico")
            else None
        ),
    )
    return errors


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(base + "/desk/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Dashboard").wait_for()


def log_out(page: Any) -> None:
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("heading", name="Log in to the desk").wait_for()


def step(page: Any, action: str, comment: str = "") -> None:
    form = page.locator("ul.transitions form").filter(has=page.get_by_role("button", name=action))
    if comment:
        form.locator("textarea, input[name=comment]").fill(comment)
    form.get_by_role("button", name=action).click()


def test_from_a_pasted_article_to_a_published_fact_check(live_server, page, screenshot) -> None:  # type: ignore[no-untyped-def]
    article, expected_quotes = newsroom()
    base = live_server.url
    errors = watch_errors(page)

    # The reporter pastes the article and logs every quote it holds, with the right speakers.
    log_in(page, base, "rita")
    screenshot(page, "01-reporter-dashboard")
    page.get_by_role("link", name="Paste an article").first.click()
    page.get_by_label("Article address (URL)").fill(ARTICLE_URL)
    page.get_by_label("Article title").fill("Putin visits the Kursk region")
    page.get_by_label("Article text").fill(article)
    page.get_by_role("button", name="Find the quotes").click()
    page.locator("mark.found-quote").first.wait_for()
    assert page.locator("li.candidate").count() == expected_quotes
    shyriaiev = page.locator("li.candidate").filter(has_text="not yet liberated")
    assert "Oleh Shyriaiev" in shyriaiev.locator("select option:checked").inner_text()
    screenshot(page, "02-article-with-quotes")
    for box in page.locator("li.candidate input[type=checkbox]").all():
        box.check()
    page.get_by_role("button", name="Log the ticked quotes").click()
    page.get_by_role("heading", name=f"{expected_quotes} quotes logged").wait_for()
    screenshot(page, "03-quotes-logged")
    speakers = dict(Quote.objects.values_list("text", "speaker__name"))
    assert speakers["liberated"] == "Vladimir Putin"
    assert [name for text, name in speakers.items() if text.startswith("Russia has not yet")] == [
        "Oleh Shyriaiev"
    ]

    # ... drafts the claim, attaches Putin's words, cites a source and submits it.
    page.get_by_role("link", name="Draft a claim").click()
    page.get_by_label("Statement").fill(STATEMENT)
    page.get_by_role("button", name="Draft it").click()
    page.get_by_role("heading", name=STATEMENT).wait_for()
    page.get_by_label("Find quotes by words or speaker").fill("liberated Putin")
    page.get_by_role("button", name="Find").first.click()
    found = page.locator("ul.results > li").filter(
        has=page.locator("blockquote", has_text=re.compile("^liberated$"))
    )
    found.get_by_label("Stance").select_option("asserts")
    found.get_by_role("button", name="Attach").click()
    page.get_by_label("Source address (URL)").fill(ISW)
    page.get_by_label("Title", exact=True).fill("Russian offensive campaign assessment, 20 May 2025")
    page.get_by_label("Bearing").select_option("refutes")
    page.get_by_role("button", name="Cite").click()
    page.get_by_label("Summary").fill(
        "Ukrainian forces still held positions in the Kursk region in May 2025."
    )
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved.").wait_for()
    step(page, "Submit for review")
    page.get_by_text("The claim is now in review").wait_for()
    screenshot(page, "04-claim-submitted")
    claim = Claim.objects.get(statement=STATEMENT)
    assert (claim.appearances.count(), claim.citations.count()) == (1, 1)
    log_out(page)

    # An editor asks for changes.
    log_in(page, base, "edna")
    page.locator("#queue-review + ul").get_by_role("link", name=STATEMENT).click()
    step(page, "Request changes", "Cite the article in which Putin said it, too.")
    page.get_by_text("The claim is now changes requested").wait_for()
    screenshot(page, "05-editor-requested-changes")
    log_out(page)

    # The reporter fixes it and submits it again.
    log_in(page, base, "rita")
    page.locator("#queue-changes + ul").get_by_role("link", name=STATEMENT).click()
    assert page.get_by_text("Cite the article in which Putin said it, too.").is_visible()
    page.get_by_label("Source address (URL)").fill(ARTICLE_URL)
    page.get_by_label("Bearing").select_option("context")
    page.get_by_role("button", name="Cite").click()
    step(page, "Submit for review")
    page.get_by_text("The claim is now in review").wait_for()
    screenshot(page, "06-reporter-resubmitted")
    log_out(page)

    # The editor rates, approves and publishes.
    log_in(page, base, "edna")
    page.locator("#queue-review + ul").get_by_role("link", name=STATEMENT).click()
    page.get_by_label("Rating").select_option(str(rating("false").pk))
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved.").wait_for()
    step(page, "Approve")
    page.get_by_text("The claim is now approved").wait_for()
    step(page, "Publish")
    page.get_by_text("The claim is now published").wait_for()
    screenshot(page, "07-editor-published")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "08-workspace-on-a-phone")
    page.set_viewport_size({"width": 1280, "height": 800})

    # Readers see it, with its ClaimReview.
    page.get_by_role("link", name="public page").click()
    assert STATEMENT in page.locator("h1").inner_text()
    markup = json.loads(page.locator('script[type="application/ld+json"]').inner_text())
    review = markup if markup.get("@type") == "ClaimReview" else markup["@graph"][0]
    assert review["@type"] == "ClaimReview" and review["reviewRating"]["alternateName"] == "False"
    screenshot(page, "09-public-fact-check")
    assert errors == []


def test_two_people_saving_the_same_claim(live_server, browser, screenshot) -> None:  # type: ignore[no-untyped-def]
    newsroom()
    claim = services.claim_create(statement=STATEMENT, author=User.objects.get(username="rita"))
    reporter, editor = browser.new_context().new_page(), browser.new_context().new_page()
    errors = watch_errors(reporter) + watch_errors(editor)
    for page, username in ((reporter, "rita"), (editor, "edna")):
        log_in(page, live_server.url, username)
        page.goto(f"{live_server.url}/desk/claims/{claim.pk}/")
    editor.get_by_label("Summary").fill("The editor's summary.")
    editor.get_by_role("button", name="Save").click()
    editor.get_by_text("Saved.").wait_for()

    reporter.get_by_label("Summary").fill("The reporter's summary.")
    reporter.get_by_role("button", name="Save").click()
    reporter.get_by_text("Someone else saved this claim first.").wait_for()
    conflict = reporter.locator(".conflict")
    assert (
        "The editor's summary." in conflict.inner_text()
        and "The reporter's summary." in conflict.inner_text()
    )
    assert reporter.get_by_label("Summary").input_value() == "The reporter's summary."
    screenshot(reporter, "01-conflict-both-versions")
    assert Claim.objects.get(pk=claim.pk).summary == "The editor's summary."

    reporter.get_by_label("Summary").fill("The reporter's summary, merged with the editor's.")
    reporter.get_by_role("button", name="Save").click()
    reporter.get_by_text("Saved.").wait_for()
    screenshot(reporter, "02-saved-after-merging")
    assert Claim.objects.get(pk=claim.pk).summary == "The reporter's summary, merged with the editor's."
    assert errors == []


def test_logging_a_quote_with_the_keyboard_and_javascript_off(live_server, browser, screenshot) -> None:  # type: ignore[no-untyped-def]
    newsroom()
    services.speaker_create(name="Vlad Filat", role="Former Prime Minister of Moldova", aliases=["Vlad"])
    page = browser.new_context(java_script_enabled=False).new_page()
    log_in(page, live_server.url, "rita")
    page.goto(live_server.url + "/desk/quotes/new/")
    page.get_by_label("Text").fill("A ceasefire for a certain period of time is possible.")
    page.get_by_label("Speaker", exact=True).fill("Vlad")
    page.get_by_label("Speaker", exact=True).press("Enter")
    # No script: the form comes back with what was typed and the speakers "Vlad" may be, with roles.
    page.get_by_text("Which Vlad?").wait_for()
    assert page.get_by_text("“Vlad” could be several speakers: pick one below.").is_visible()
    assert page.get_by_label("Text").input_value() == "A ceasefire for a certain period of time is possible."
    screenshot(page, "01-speaker-suggested-without-javascript")
    page.get_by_label(re.compile("Vladimir Putin")).check()
    page.keyboard.press("Enter")
    page.get_by_text("Logged:").wait_for()
    screenshot(page, "02-quote-logged")
    assert Quote.objects.get().speaker.name == "Vladimir Putin"


def test_suggestions_appear_while_typing(live_server, page, screenshot) -> None:  # type: ignore[no-untyped-def]
    newsroom()
    putin = services.speaker_create(
        name="Vlad Filat", role="Former Prime Minister of Moldova", aliases=["Vlad"]
    )
    services.quote_log(
        speaker=putin, text="Moldova will never give up on its European path, whatever happens."
    )
    errors = watch_errors(page)
    log_in(page, live_server.url, "rita")
    page.goto(live_server.url + "/desk/quotes/new/")
    page.get_by_label("Text").press_sequentially("Moldova will never give up on its European path")
    page.get_by_text("probably already logged").wait_for()
    page.get_by_label("Speaker", exact=True).press_sequentially("Vlad")
    page.get_by_text("Which Vlad?").wait_for()
    assert page.get_by_label(re.compile("Vlad Filat")).is_visible()
    assert page.url.endswith("/desk/quotes/new/")  # nothing was submitted: htmx fetched the fragments
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    screenshot(page, "01-suggestions-while-typing")
    assert errors == []
