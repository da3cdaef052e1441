"""A claim's workspace: edit its text and verdict, attach quotes, cite sources, link competing claims,
rate or vote, comment, take the workflow's steps, read the timeline and compare versions.

Every write goes through claims/services.py or claims/workflow.py; a refusal comes back as a message on
the page (403 when the person may not do it, 409 when the claim moved on, 400 when something is
missing), never as an error page. Forms carry the version the person loaded, so nobody overwrites a save
they have not seen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from claims import history, selectors, services, workflow
from claims.desk import forms
from claims.desk import selectors as desk
from claims.desk.access import editor_required, newsroom_required
from claims.desk.errors import add_errors
from claims.desk.sources import source_from_url
from claims.models import Citation, Claim, ClaimAppearance, ClaimRelation
from claims.rendering import render_markdown
from claims.roles import is_editor
from claims.search.similar import similar
from claims.workflow import Refusal

STATUS = {"forbidden": 403, "conflict": 409, "invalid": 400}
SEARCH_RESULTS = 10


def _claim(request: HttpRequest, pk: int) -> Claim:
    claim = desk.claim_workspace(request.user, pk)
    if claim is None:
        raise Http404("No such claim.")
    return claim


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - the access decorators let only logged-in staff through
    return user


def _edit_form(claim: Claim, user: User, data: Any = None) -> forms.ClaimEditForm:
    initial = {
        "version": claim.version,
        "statement": claim.statement,
        "summary": claim.summary,
        "analysis": claim.analysis,
        "rating": claim.rating_id,
    }
    return forms.ClaimEditForm(
        data,
        initial=initial,
        may_rate=is_editor(user) and workflow.panel_size() == 1,
        published=claim.state == Claim.State.PUBLISHED,
    )


def _quote_results(request: HttpRequest, claim: Claim) -> tuple[str, list[Any]]:
    """Quotes to attach: those matching the words typed, or else those nearest the statement."""
    attached = {appearance.quote_id for appearance in claim.appearances.all()}
    words = request.GET.get("quote_q", "").strip()[:200]
    if words:
        found = selectors.quotes_visible_to(request.user).select_related("speaker", "source")
        for word in words.split():
            found = found.filter(Q(text__icontains=word) | Q(speaker__name__icontains=word))
        return words, [
            q for q in found.order_by("-created_at", "-id")[:SEARCH_RESULTS] if q.pk not in attached
        ]
    nearest = similar(claim.statement, user=request.user, kinds=("quotes",), limit=SEARCH_RESULTS).quotes
    return "", [match.item for match in nearest if match.item.pk not in attached]


def _claim_results(request: HttpRequest, claim: Claim) -> tuple[str, list[Any]]:
    """Claims to link: those matching the words typed, or else those nearest the statement."""
    linked = {claim.pk}
    linked |= {relation.to_claim_id for relation in claim.relations_from.all()}
    linked |= {relation.from_claim_id for relation in claim.relations_to.all()}
    words = request.GET.get("claim_q", "").strip()[:200]
    if words:
        found = selectors.claims_visible_to(request.user).select_related("rating")
        for word in words.split():
            found = found.filter(statement__icontains=word)
        return words, [c for c in found.order_by("-updated_at", "-id")[:SEARCH_RESULTS] if c.pk not in linked]
    nearest = similar(claim.statement, user=request.user, kinds=("claims",), limit=SEARCH_RESULTS).claims
    return "", [match.item for match in nearest if match.item.pk not in linked]


def _workspace(
    request: HttpRequest,
    claim: Claim,
    *,
    edit_form: forms.ClaimEditForm | None = None,
    conflict: Claim | None = None,
    errors: list[str] | None = None,
    status: int = 200,
    **forms_given: Any,
) -> HttpResponse:
    user = _user(request)
    quote_q, quote_results = _quote_results(request, claim)
    claim_q, claim_results = _claim_results(request, claim)
    context = {
        "claim": claim,
        "analysis_html": render_markdown(claim.analysis),
        "edit_form": edit_form or _edit_form(claim, user),
        "conflict": conflict,
        "errors": errors or [],
        "edit_refused": services.edit_refusal(claim, user),
        "transitions": workflow.offered(claim, user),
        "timeline": selectors.review_events_visible_to(user).filter(claim=claim).order_by("created_at", "id"),
        "comments": selectors.comments_visible_to(user).filter(claim=claim).order_by("created_at", "id"),
        "panel": workflow.panel_size() > 1,
        "votes": selectors.rating_votes_visible_to(user).filter(claim=claim).order_by("created_at", "id"),
        "is_editor": is_editor(user),
        "stances": ClaimAppearance.Stance.choices,
        "relation_kinds": ClaimRelation.Kind.choices,
        "quote_q": quote_q,
        "quote_results": quote_results,
        "claim_q": claim_q,
        "claim_results": claim_results,
        "citation_form": forms_given.get("citation_form") or forms.CitationForm(),
        "comment_form": forms_given.get("comment_form") or forms.CommentForm(),
        "vote_form": forms_given.get("vote_form") or forms.VoteForm(),
        "assign_form": forms_given.get("assign_form")
        or forms.AssignForm(
            initial={"assignee": claim.assignee_id, "due_on": claim.due_on, "priority": claim.priority}
        ),
        "transition_comment": forms_given.get("transition_comment", ""),
    }
    return render(request, "desk/claim.html", context, status=status)


def _refused(request: HttpRequest, claim: Claim, refusal: Refusal, **extra: Any) -> HttpResponse:
    fresh = _claim(request, claim.pk)
    return _workspace(request, fresh, errors=refusal.reasons, status=STATUS.get(refusal.code, 400), **extra)


def _invalid(request: HttpRequest, claim: Claim, error: ValidationError, **extra: Any) -> HttpResponse:
    fresh = _claim(request, claim.pk)
    return _workspace(request, fresh, errors=error.messages, status=400, **extra)


@newsroom_required
@require_GET
def workspace(request: HttpRequest, pk: int) -> HttpResponse:
    return _workspace(request, _claim(request, pk))


@newsroom_required
@require_POST
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    claim, user = _claim(request, pk), _user(request)
    form = _edit_form(claim, user, request.POST)
    if not form.is_valid():
        return _workspace(request, claim, edit_form=form, status=400)
    data = form.cleaned_data
    changes: dict[str, Any] = {
        name: data[name] for name in ("statement", "summary", "analysis") if name in data
    }
    if "rating" in form.fields:
        changes["rating"] = data["rating"]
    correction = None
    if data.get("correction_note", "").strip():
        correction = services.CorrectionNote(
            kind=data.get("correction_kind") or "", note=data["correction_note"]
        )
    try:
        services.claim_update(
            claim=claim, actor=user, changes=changes, correction=correction, expected_version=data["version"]
        )
    except Refusal as refusal:
        if refusal.code != "conflict" or claim.version == data["version"]:
            return _workspace(
                request, claim, edit_form=form, errors=refusal.reasons, status=STATUS[refusal.code]
            )
        # Someone saved first: keep what this person typed, show the saved version beside it, and let a
        # second save (now on top of the version shown) replace it deliberately.
        mine = _edit_form(claim, user, {**request.POST.dict(), "version": claim.version})
        mine.is_valid()
        return _workspace(request, claim, edit_form=mine, conflict=claim, status=409)
    except ValidationError as invalid:
        add_errors(form, invalid)
        return _workspace(request, claim, edit_form=form, status=400)
    messages.success(request, "Saved.")
    return redirect("desk:claim", pk=claim.pk)


@newsroom_required
@require_POST
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    claim, user = _claim(request, pk), _user(request)
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        return _workspace(request, claim, errors=["Choose a step."], status=400)
    data = form.cleaned_data
    try:
        done = workflow.apply(
            claim=claim,
            action=data["action"],
            actor=user,
            comment=data["comment"],
            expected_version=data["version"],
        )
    except Refusal as refusal:
        return _refused(request, claim, refusal, transition_comment=data["comment"])
    messages.success(
        request,
        f"{workflow.TRANSITIONS[data['action']].label}: done. The claim is now "
        f"{done.get_state_display().lower()}.",
    )
    return redirect("desk:claim", pk=claim.pk)


@newsroom_required
@require_POST
def appearance_add(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    form = forms.AppearanceForm(request.POST)
    quote = None
    if form.is_valid():
        quote = selectors.quotes_visible_to(request.user).filter(pk=form.cleaned_data["quote"]).first()
    if quote is None:
        return _workspace(request, claim, errors=["Choose a quote to attach."], status=400)
    try:
        services.appearance_add(
            claim=claim, quote=quote, actor=_user(request), stance=form.cleaned_data["stance"]
        )
    except Refusal as refusal:
        return _refused(request, claim, refusal)
    except ValidationError as invalid:
        return _invalid(request, claim, invalid)
    messages.success(request, "Quote attached.")
    return redirect("desk:claim", pk=claim.pk)


def _remove(
    request: HttpRequest, claim: Claim, item: Any, remove: Callable[[Any], object], *, missing: str, done: str
) -> HttpResponse:
    """Detach one thing from the claim through its service: 404 when it is not the claim's, the
    workflow's reasons when the service refuses, back to the workspace otherwise."""
    if item is None:
        raise Http404(missing)
    try:
        remove(item)
    except Refusal as refusal:
        return _refused(request, claim, refusal)
    messages.success(request, done)
    return redirect("desk:claim", pk=claim.pk)


@newsroom_required
@require_POST
def appearance_remove(request: HttpRequest, pk: int, appearance_pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    appearance = ClaimAppearance.objects.filter(claim=claim, pk=appearance_pk).select_related("claim").first()
    return _remove(
        request,
        claim,
        appearance,
        lambda item: services.appearance_remove(appearance=item, actor=_user(request)),
        missing="No such quote on this claim.",
        done="Quote detached.",
    )


@newsroom_required
@require_POST
def citation_add(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    form = forms.CitationForm(request.POST)
    if not form.is_valid():
        return _workspace(request, claim, citation_form=form, status=400)
    data = form.cleaned_data
    try:
        source = source_from_url(url=data["url"], title=data["title"])
        services.citation_add(
            claim=claim, source=source, actor=_user(request), bearing=data["bearing"], note=data["note"]
        )
    except Refusal as refusal:
        return _refused(request, claim, refusal, citation_form=form)
    except ValidationError as invalid:
        add_errors(form, invalid, {"source_url": "url", "canonical_url": "url"})
        return _workspace(request, _claim(request, pk), citation_form=form, status=400)
    messages.success(request, "Source cited.")
    return redirect("desk:claim", pk=claim.pk)


@newsroom_required
@require_POST
def citation_remove(request: HttpRequest, pk: int, citation_pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    citation = Citation.objects.filter(claim=claim, pk=citation_pk).select_related("claim").first()
    return _remove(
        request,
        claim,
        citation,
        lambda item: services.citation_remove(citation=item, actor=_user(request)),
        missing="No such citation on this claim.",
        done="Citation removed.",
    )


@newsroom_required
@require_POST
def relation_add(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    form = forms.RelationForm(request.POST)
    other = None
    if form.is_valid():
        other = selectors.claims_visible_to(request.user).filter(pk=form.cleaned_data["to_claim"]).first()
    if other is None:
        return _workspace(request, claim, errors=["Choose a claim to link."], status=400)
    try:
        services.relation_add(
            from_claim=claim, to_claim=other, kind=form.cleaned_data["kind"], actor=_user(request)
        )
    except ValidationError as invalid:
        return _invalid(request, claim, invalid)
    messages.success(request, "Claims linked.")
    return redirect("desk:claim", pk=claim.pk)


@newsroom_required
@require_POST
def relation_remove(request: HttpRequest, pk: int, relation_pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    relation = ClaimRelation.objects.filter(Q(from_claim=claim) | Q(to_claim=claim), pk=relation_pk).first()
    return _remove(
        request,
        claim,
        relation,
        lambda item: services.relation_remove(relation=item, actor=_user(request)),
        missing="No such link on this claim.",
        done="Link removed.",
    )


@newsroom_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        return _workspace(request, claim, comment_form=form, status=400)
    try:
        services.comment_add(claim=claim, author=_user(request), body=form.cleaned_data["body"])
    except Refusal as refusal:
        return _refused(request, claim, refusal, comment_form=form)
    except ValidationError as invalid:
        form.add_error("body", invalid.messages)
        return _workspace(request, claim, comment_form=form, status=400)
    return redirect("desk:claim", pk=claim.pk)


@editor_required
@require_POST
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    form = forms.VoteForm(request.POST)
    if not form.is_valid():
        return _workspace(request, claim, vote_form=form, status=400)
    try:
        services.rating_vote_cast(
            claim=claim,
            voter=_user(request),
            rating=form.cleaned_data["rating"],
            reason=form.cleaned_data["reason"],
        )
    except Refusal as refusal:
        return _refused(request, claim, refusal, vote_form=form)
    except ValidationError as invalid:
        return _invalid(request, claim, invalid, vote_form=form)
    messages.success(request, "Vote recorded.")
    return redirect("desk:claim", pk=claim.pk)


@editor_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    form = forms.AssignForm(request.POST)
    if not form.is_valid():
        return _workspace(request, claim, assign_form=form, status=400)
    data = form.cleaned_data
    try:
        services.claim_assign(
            claim=claim,
            actor=_user(request),
            assignee=data["assignee"],
            due_on=data["due_on"],
            priority=data["priority"],
        )
    except Refusal as refusal:
        return _refused(request, claim, refusal, assign_form=form)
    except ValidationError as invalid:
        add_errors(form, invalid)
        return _workspace(request, claim, assign_form=form, status=400)
    messages.success(request, "Assignment saved.")
    return redirect("desk:claim", pk=claim.pk)


@newsroom_required
@require_GET
def versions(request: HttpRequest, pk: int) -> HttpResponse:
    """Every recorded version of the claim; any two compared field by field, word by word."""
    claim = _claim(request, pk)
    recorded = history.claim_versions(claim)
    by_id = {str(event.pgh_id): event for event in recorded}
    older = by_id.get(request.GET.get("a", ""))
    newer = by_id.get(request.GET.get("b", ""))
    if older is None or newer is None:
        older, newer = (recorded[-2], recorded[-1]) if len(recorded) > 1 else (None, None)
    rows = [(event, history.event_author(event)) for event in recorded]
    return render(
        request,
        "desk/history.html",
        {
            "claim": claim,
            "rows": rows,
            "older": older,
            "newer": newer,
            "diff": history.diff_versions(older, newer) if older and newer else [],
        },
    )
