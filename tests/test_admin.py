"""The admin, as an editor repairing data uses it: lists, search, filters, autocomplete, inlines, and
refusals shown on the form (never a 500)."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from claims.models import Claim, Quote, Speaker, SpeakerAlias
from sources.models import Source
from tests.factories import CitationFactory, ClaimAppearanceFactory, ClaimFactory, UserFactory, rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    call_command("loaddemo", "--accounts", stdout=StringIO())


@pytest.fixture
def editor_client(client: Client, demo: None) -> Client:
    assert client.login(
        request=RequestFactory().post("/admin/login/"), username="editor", password="editor-demo"
    )
    return client


def change_form_data(page: HttpResponse) -> dict[str, Any]:
    """What the browser would post back from an admin change page, unchanged."""
    data: dict[str, Any] = {}
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data |= {f"{formset.prefix}-{name}": value for name, value in formset.management_form.initial.items()}
        forms.extend(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None:
                continue
            if isinstance(value, list | tuple):
                value = [getattr(item, "pk", item) for item in value]
            elif hasattr(value, "pk"):
                value = value.pk
            data[form.add_prefix(name)] = value
    return data


def changelist(model: type) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def test_every_admin_list_opens_for_an_editor(editor_client: Client) -> None:
    for model in admin.site._registry:
        if model._meta.app_label not in {"claims", "sources"}:
            continue
        response = editor_client.get(changelist(model), {"q": "Kursk"})
        assert response.status_code == 200, model
        add = editor_client.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add"))
        assert add.status_code == 200, model


def test_the_kursk_example_is_in_the_admin(editor_client: Client) -> None:
    claims = editor_client.get(changelist(Claim)).content.decode()
    assert "Russia has fully liberated the Kursk region from Ukrainian forces." in claims
    assert "Russia has not fully liberated the Kursk region; fighting there continues." in claims
    quotes = editor_client.get(changelist(Quote), {"q": "Vlad"}).content.decode()  # search through aliases
    assert "A ceasefire in Ukraine for a certain period of time" in quotes
    claim = Claim.objects.get(statement__startswith="Russia has not")
    change = editor_client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert "Russia has not yet liberated the Kursk region by 100%" in change  # the appearance inline
    assert "Rebuts" in change  # the relation inline


def test_filters_and_autocomplete(editor_client: Client) -> None:
    response = editor_client.get(changelist(Quote), {"kind__exact": "partial"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 3
    found = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "vlad", "app_label": "claims", "model_name": "quote", "field_name": "speaker"},
    )
    assert [item["text"] for item in found.json()["results"]] == ["Vladimir Putin (President of Russia)"]


def test_alias_inline_duplicate_shown_on_the_form(editor_client: Client) -> None:
    putin = Speaker.objects.get(wikidata_qid="Q7747")
    aliases = list(putin.aliases.all())
    data = {
        "kind": "person",
        "name": putin.name,
        "slug": putin.slug,
        "role": putin.role,
        "description": "",
        "affiliation": "",
        "wikidata_qid": "q7747",
        "aliases-TOTAL_FORMS": str(len(aliases) + 1),
        "aliases-INITIAL_FORMS": str(len(aliases)),
        "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000",
    }
    for index, alias in enumerate(aliases):
        data |= {f"aliases-{index}-id": str(alias.pk), f"aliases-{index}-speaker": str(putin.pk)}
        data[f"aliases-{index}-alias"] = alias.alias
    data |= {f"aliases-{len(aliases)}-speaker": str(putin.pk), f"aliases-{len(aliases)}-alias": "VLAD"}
    response = editor_client.post(reverse("admin:claims_speaker_change", args=[putin.pk]), data)
    assert response.status_code == 200
    assert "This speaker already has this alias (ignoring case and accents)." in response.content.decode()
    assert SpeakerAlias.objects.filter(speaker=putin).count() == len(aliases)


def test_two_new_aliases_differing_in_case_shown_on_the_form(editor_client: Client) -> None:
    data = {
        "kind": "person",
        "name": "Oleksandr Syrskyi",
        "slug": "oleksandr-syrskyi",
        "aliases-TOTAL_FORMS": "2",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-alias": "Syrskyi",
        "aliases-1-alias": "SYRSKYI",
    }
    response = editor_client.post(reverse("admin:claims_speaker_add"), data)
    assert response.status_code == 200
    assert "This alias is listed twice (ignoring case and accents)." in response.content.decode()
    assert not Speaker.objects.filter(slug="oleksandr-syrskyi").exists()


def test_duplicate_source_url_shown_on_the_form(editor_client: Client) -> None:
    Source.objects.create(url="https://example.com/a", canonical_url="https://example.com/a", title="A")
    response = editor_client.post(
        reverse("admin:sources_source_add"),
        {"title": "Same", "kind": "article", "url": "HTTPS://EXAMPLE.com/a?utm_source=x", "text": ""},
    )
    assert response.status_code == 200
    assert "A source with this URL is already recorded." in response.content.decode()
    assert Source.objects.filter(title="Same").count() == 0


def test_claim_state_cannot_be_changed_in_the_admin(editor_client: Client) -> None:
    claim = new_draft(ready=False)
    version = claim.version
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    page = editor_client.get(url)
    form = page.context["adminform"].form
    assert "state" not in form.fields and "version" not in form.fields
    data = change_form_data(page) | {"state": "published", "version": "99"}
    response = editor_client.post(url, data)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.state, claim.version) == ("draft", version)


def test_front_door_shows_the_latest_fact_checks(client: Client, demo: None) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Latest fact-checks" in page
    assert "Russia has fully liberated the Kursk region from Ukrainian forces." in page
    assert "Russia has not fully liberated the Kursk region; fighting there continues." in page


def test_reporters_and_anonymous_users_are_kept_out(client: Client, demo: None) -> None:
    response = client.get(changelist(Claim))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.login(
        request=RequestFactory().post("/admin/login/"), username="reporter", password="reporter-demo"
    )
    response = client.get(changelist(Claim))
    assert response.status_code == 302


# --- review through the admin ---------------------------------------------------------------------


@pytest.fixture
def second_editor(demo: None) -> Client:
    UserFactory(username="otto", role="Editor", is_staff=True, password="otto-password")
    client = Client()
    assert client.login(
        request=RequestFactory().post("/admin/login/"), username="otto", password="otto-password"
    )
    return client


def new_draft(*, ready: bool) -> Claim:
    """A draft by the demo reporter on one of Putin's demo quotes; `ready` adds what a verdict needs."""
    claim = ClaimFactory(
        author=User.objects.get(username="reporter"),
        statement="The Kremlin said the Kursk region is fully under Russian control.",
        rating=rating("false") if ready else None,
        summary="Ukraine still held ground." if ready else "",
    )
    ClaimAppearanceFactory(claim=claim, quote=Quote.objects.filter(speaker__wikidata_qid="Q7747").first())
    if ready:
        CitationFactory(claim=claim)
    return claim


def test_review_buttons_offer_what_the_editor_may_do(editor_client: Client, second_editor: Client) -> None:
    claim = new_draft(ready=True)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    page = editor_client.get(url).content.decode()
    assert 'value="submit"' in page  # editors may submit a reporter's draft
    transition = reverse("admin:claims_claim_transition", args=[claim.pk])
    response = editor_client.post(transition, {"action": "submit", "version": claim.version, "comment": ""})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.state == "in_review"

    # The reporter wrote it, so both editors may approve; a reporter-written claim shows no refusal here.
    response = second_editor.post(transition, {"action": "approve", "version": claim.version})
    claim.refresh_from_db()
    assert claim.state == "approved"
    page = editor_client.get(url).content.decode()
    assert "Review: Approved" in page
    assert 'value="publish"' in page


def test_refused_buttons_say_why(editor_client: Client) -> None:
    claim = new_draft(ready=False)
    transition = reverse("admin:claims_claim_transition", args=[claim.pk])
    editor_client.post(transition, {"action": "submit", "version": claim.version})
    page = editor_client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert "Not now: Rate the claim." in page
    response = editor_client.post(
        transition, {"action": "approve", "version": claim.version + 1}, follow=True
    )
    assert "Rate the claim." in response.content.decode()
    claim.refresh_from_db()
    assert claim.state == "in_review"


def test_stale_button_is_refused(editor_client: Client) -> None:
    claim = new_draft(ready=True)
    transition = reverse("admin:claims_claim_transition", args=[claim.pk])
    response = editor_client.post(transition, {"action": "submit", "version": claim.version - 1}, follow=True)
    assert "changed since you loaded it" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).state == "draft"


def test_published_verdict_edit_in_the_admin_needs_a_correction(
    editor_client: Client, second_editor: Client
) -> None:
    claim = new_draft(ready=True)
    transition = reverse("admin:claims_claim_transition", args=[claim.pk])
    editor_client.post(transition, {"action": "submit", "version": claim.version})
    second_editor.post(transition, {"action": "approve", "version": claim.version + 1})
    second_editor.post(transition, {"action": "publish", "version": claim.version + 2})
    claim.refresh_from_db()
    assert claim.state == "published"

    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = change_form_data(editor_client.get(url)) | {"summary": "Ukraine held several villages."}
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "changes only with a correction" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).summary == "Ukraine still held ground."

    data |= {"correction_kind": "correction", "correction_note": "We now name the villages Ukraine held."}
    response = editor_client.post(url, data)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.summary == "Ukraine held several villages."
    assert claim.corrections.get().note == "We now name the villages Ukraine held."
    page = editor_client.get(url).content.decode()
    assert "We now name the villages Ukraine held." in page  # the corrections log on the page


def test_versions_compare_in_the_admin(editor_client: Client) -> None:
    claim = new_draft(ready=True)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = change_form_data(editor_client.get(url)) | {"summary": "Ukraine still held several villages."}
    assert editor_client.post(url, data).status_code == 302
    page = editor_client.get(reverse("admin:claims_claim_compare", args=[claim.pk])).content.decode()
    assert "<ins>several villages.</ins>" in page
    assert "editor" in page  # who made the change


def test_admin_comment_is_recorded_with_its_author(editor_client: Client) -> None:
    claim = new_draft(ready=False)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = change_form_data(editor_client.get(url))
    prefix = next(key for key in data if key.endswith("-TOTAL_FORMS") and key.startswith("comments"))
    data |= {prefix.replace("TOTAL_FORMS", "0-body"): "Check the date of the Kremlin statement."}
    assert editor_client.post(url, data).status_code == 302
    comment = claim.comments.get()
    assert (comment.author.username, comment.body) == ("editor", "Check the date of the Kremlin statement.")


def test_editors_merge_duplicate_speakers(editor_client: Client) -> None:
    putin = Speaker.objects.get(wikidata_qid="Q7747")
    twin = Speaker.objects.create(name="V. Putin", slug="v-putin", normalised_name="v. putin")
    response = editor_client.post(
        changelist(Speaker),
        {"action": "merge_into_oldest", "_selected_action": [putin.pk, twin.pk]},
        follow=True,
    )
    assert "Merged V. Putin into Vladimir Putin" in response.content.decode()
    assert not Speaker.objects.filter(pk=twin.pk).exists()
    assert putin.aliases.filter(normalised="v. putin").exists()
