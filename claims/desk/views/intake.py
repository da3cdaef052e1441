"""Taking quotes in at the desk: log one quote (speaker suggestions and "similar already logged" while
typing), or paste an article (or open a recorded source) and log the quotes found in it in one go.

Writes go through claims/intake.py and claims/services.py; the suggestion fragments are reads. Without
JavaScript every step still works: the suggestions come back with the form when it is submitted.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from claims import intake, selectors, services
from claims.desk import forms
from claims.desk.access import newsroom_required
from claims.desk.errors import add_errors
from claims.desk.sources import source_from_url
from claims.extraction import CandidateQuote
from claims.models import Quote, Speaker
from claims.search.similar import similar
from claims.search.speakers import find_speakers

SUGGESTIONS = 8


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - the access decorators let only logged-in staff through
    return user


def _speaker_suggestions(request: HttpRequest, name: str) -> list[Speaker]:
    """Speakers whose name or alias matches exactly first, then the fuzzy matches."""
    name = name.strip()[:200]
    if not name:
        return []
    exact = selectors.speakers_named(name)
    fuzzy = [match.speaker for match in find_speakers(name, user=request.user, limit=SUGGESTIONS)]
    seen: set[int] = set()
    ordered = []
    for speaker in [*exact, *fuzzy]:
        if speaker.pk not in seen:
            seen.add(speaker.pk)
            ordered.append(speaker)
    return ordered[:SUGGESTIONS]


@newsroom_required
@require_GET
def speaker_suggestions(request: HttpRequest) -> HttpResponse:
    name = request.GET.get("speaker_name", "")
    return render(
        request,
        "desk/_speaker_suggestions.html",
        {"suggestions": _speaker_suggestions(request, name), "typed": name.strip(), "chosen": None},
    )


@newsroom_required
@require_GET
def similar_quotes(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("text") or request.GET.get("statement", "")
    found = similar(text, user=request.user, limit=5) if len(text.split()) >= 3 else None
    return render(request, "desk/_similar.html", {"similar": found})


def _log_context(request: HttpRequest, form: forms.QuoteLogForm, **extra: Any) -> dict[str, Any]:
    typed = form.data.get("speaker_name", "") if form.is_bound else ""
    text = form.data.get("text", "") if form.is_bound else ""
    chosen = form.cleaned_data.get("speaker") if hasattr(form, "cleaned_data") else None
    return {
        "form": form,
        "suggestions": _speaker_suggestions(request, typed),
        "typed": typed,
        "chosen": chosen,
        "similar": similar(text, user=request.user, limit=5) if len(text.split()) >= 3 else None,
        **extra,
    }


@newsroom_required
@require_http_methods(["GET", "POST"])
def quote_log(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        form = forms.QuoteLogForm(initial={"source_url": request.GET.get("source_url", "")})
        return render(request, "desk/quote_log.html", _log_context(request, form))
    form = forms.QuoteLogForm(request.POST)
    if not form.is_valid():
        return render(request, "desk/quote_log.html", _log_context(request, form), status=400)
    try:
        quote = _log_one(form.cleaned_data, _user(request))
    except services.DuplicateQuote as duplicate:
        form.add_error("text", duplicate.messages)
        context = _log_context(request, form, duplicate=duplicate.existing)
        return render(request, "desk/quote_log.html", context, status=409)
    except ValidationError as invalid:
        add_errors(form, invalid, _FIELD)
        return render(request, "desk/quote_log.html", _log_context(request, form), status=400)
    messages.success(request, f"Logged: “{quote.text[:80]}” — {quote.speaker.name}.")
    # The next quote is often from the same document: keep its address in the form.
    return redirect(f"{request.path}?{urlencode({'source_url': quote.source.url if quote.source else ''})}")


# Errors from the services, put on the form's fields.
_FIELD = {
    "speaker_name": "speaker_name",
    "name": "speaker_name",
    "role": "new_speaker_role",
    "wikidata_qid": "new_speaker_wikidata",
    "url": "source_url",
    "source": "source_url",
}


@transaction.atomic
def _log_one(data: dict[str, Any], actor: User) -> Quote:
    """One quote, its speaker and source, all or nothing: a refused quote leaves no new speaker behind."""
    if data["new_speaker"]:
        speaker = services.speaker_create(
            name=data["speaker_name"],
            role=data["new_speaker_role"],
            wikidata_qid=data["new_speaker_wikidata"],
        )
    elif data["speaker"] is not None:
        speaker = intake.speaker_for_quote(speaker_id=data["speaker"])
    else:
        speaker = _speaker_named(data["speaker_name"])
    source = (
        source_from_url(url=data["source_url"], title=data["source_title"])
        if data["source_url"].strip()
        else None
    )
    return services.quote_log(
        speaker=speaker,
        text=data["text"],
        kind=data["kind"],
        source=source,
        said_on=Quote.floor_to_precision(data["said_on"], data["said_on_precision"]),
        said_on_precision=data["said_on_precision"],
        venue=data["venue"],
        logged_by=actor,
    )


def _speaker_named(name: str) -> Speaker:
    """The one speaker known by this name or alias; otherwise a message saying what to do on the form."""
    candidates = selectors.speakers_named(name)
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        raise ValidationError({"speaker_name": f"“{name}” could be several speakers: pick one below."})
    raise ValidationError(
        {"speaker_name": f"No speaker is known as “{name}”: tick “new speaker” to add them."}
    )


# --- an article, its quotes found and logged together ---------------------------------------------


@dataclass(frozen=True)
class Found:
    """One extracted quote on the article page, with its form."""

    number: int
    quote: CandidateQuote
    form: forms.CandidateForm


def _speaker_choices(found: list[CandidateQuote]) -> list[tuple[str, str]]:
    """Every speaker the extraction saw in the article, and every namesake the archive knows: known ones
    by id, new ones by name; each label carries the role, so two people of the same name can be told
    apart."""
    choices: dict[str, str] = {}
    names = sorted({quote.speaker.name for quote in found if quote.speaker is not None})
    for name in names:
        for row in selectors.speakers_named(name):
            choices[f"id:{row.pk}"] = f"{row.name} ({row.role or 'no role recorded'}, #{row.pk})"
    for quote in found:
        speaker = quote.speaker
        if speaker is not None and speaker.id is None:
            choices[f"new:{speaker.name}|{speaker.role or ''}"] = (
                f"{speaker.name} ({speaker.role or 'role unknown'}) — new speaker"
            )
        elif speaker is not None and f"id:{speaker.id}" not in choices:
            role = speaker.role or "no role recorded"
            choices[f"id:{speaker.id}"] = f"{speaker.name} ({role}, #{speaker.id})"
    return sorted(choices.items(), key=lambda item: item[1])


def _choice_for(quote: CandidateQuote) -> str:
    if quote.speaker is None:
        return ""
    if quote.speaker.id is not None:
        return f"id:{quote.speaker.id}"
    return f"new:{quote.speaker.name}|{quote.speaker.role or ''}"


def _segments(text: str, found: list[CandidateQuote]) -> list[tuple[str, int | None]]:
    """The article as (piece, number of the quote it belongs to or None), for highlighting."""
    marks = sorted(
        ((start, end, number) for number, quote in enumerate(found, 1) for start, end in quote.parts),
        key=lambda mark: mark[0],
    )
    pieces: list[tuple[str, int | None]] = []
    at = 0
    for start, end, number in marks:
        if start < at:
            continue
        pieces.append((text[at:start], None))
        pieces.append((text[start:end], number))
        at = end
    pieces.append((text[at:], None))
    return [(piece, number) for piece, number in pieces if piece]


def _article_page(
    request: HttpRequest, article: forms.ArticleForm, data: Any = None, *, status: int = 200, **extra: Any
) -> HttpResponse:
    text = article.cleaned_data["text"]
    found = selectors.quotes_found_in(text)
    choices = _speaker_choices(found)
    rows = [
        Found(
            number,
            quote,
            forms.CandidateForm(
                data,
                prefix=f"q{number}",
                speaker_choices=choices,
                initial={"pick": quote.speaker is not None, "speaker": _choice_for(quote)},
            ),
        )
        for number, quote in enumerate(found, 1)
    ]
    context = {"article": article, "rows": rows, "segments": _segments(text, found), **extra}
    return render(request, "desk/article.html", context, status=status)


@newsroom_required
@require_http_methods(["GET", "POST"])
def article(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "desk/article.html", {"article": forms.ArticleForm(), "rows": None})
    form = forms.ArticleForm(request.POST)
    if not form.is_valid():
        return render(request, "desk/article.html", {"article": form, "rows": None}, status=400)
    if "log" not in request.POST:
        return _article_page(request, form)
    return _log_chosen(request, form)


@newsroom_required
@require_GET
def source_article(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a recorded source's text snapshot on the article page."""
    source = selectors.sources_visible_to(request.user).filter(pk=pk).first()
    if source is None:
        raise Http404("No such source.")
    if not source.text:
        messages.error(request, "This source has no text snapshot: paste the article's text.")
        return redirect("desk:article")
    form = forms.ArticleForm({"text": source.text, "source_url": source.url, "source_title": source.title})
    form.is_valid()
    return _article_page(request, form)


def _candidate(quote: CandidateQuote, data: dict[str, Any], article: dict[str, Any]) -> intake.Candidate:
    candidate = _attributed(quote, data)
    precision = article["said_on_precision"]
    said_on = Quote.floor_to_precision(article["said_on"], precision)
    return dataclasses.replace(candidate, said_on=said_on, said_on_precision=precision)


def _attributed(quote: CandidateQuote, data: dict[str, Any]) -> intake.Candidate:
    other = data["other_speaker"].strip()
    kind = Quote.Kind.PARTIAL if quote.kind == "partial" else Quote.Kind.DIRECT
    if other:
        candidates = selectors.speakers_named(other)
        if len(candidates) == 1:
            return intake.Candidate(text=quote.text, speaker_id=candidates[0].pk, kind=kind)
        return intake.Candidate(text=quote.text, speaker_name=other, create_speaker=not candidates, kind=kind)
    choice = data["speaker"]
    if choice.startswith("id:"):
        return intake.Candidate(text=quote.text, speaker_id=int(choice[3:]), kind=kind)
    if choice.startswith("new:"):
        name, _, role = choice[4:].partition("|")
        known = [s for s in selectors.speakers_named(name) if (s.role or "") == role]
        if known:  # logged a moment ago from this same article
            return intake.Candidate(text=quote.text, speaker_id=known[0].pk, kind=kind)
        return intake.Candidate(
            text=quote.text, speaker_name=name, speaker_role=role, create_speaker=True, kind=kind
        )
    raise ValidationError("Choose who said it, or untick it.")


def _log_chosen(request: HttpRequest, article: forms.ArticleForm) -> HttpResponse:
    text = article.cleaned_data["text"]
    found = selectors.quotes_found_in(text)
    choices = _speaker_choices(found)
    chosen: list[intake.Candidate] = []
    problems: list[str] = []
    for number, quote in enumerate(found, 1):
        row = forms.CandidateForm(request.POST, prefix=f"q{number}", speaker_choices=choices)
        if not row.is_valid():
            reasons = [str(error) for error in row.errors.get("speaker") or ["check it"]]
            problems.append(f"Quote {number}: {' '.join(reasons)}")
            continue
        if not row.cleaned_data["pick"]:
            continue
        try:
            chosen.append(_candidate(quote, row.cleaned_data, article.cleaned_data))
        except ValidationError as invalid:
            problems.append(f"Quote {number}: {' '.join(invalid.messages)}")
    if not chosen and not problems:
        problems.append("Tick at least one quote to log.")
    if problems:
        return _article_page(request, article, request.POST, status=400, problems=problems)
    url = article.cleaned_data["source_url"].strip()
    try:
        with transaction.atomic():
            source = (
                source_from_url(url=url, title=article.cleaned_data["source_title"], text=text)
                if url
                else None
            )
            result = intake.quotes_log_batch(candidates=chosen, actor=_user(request), source=source)
    except ValidationError as invalid:
        return _article_page(request, article, request.POST, status=400, problems=invalid.messages)
    return render(
        request,
        "desk/article_logged.html",
        {"logged": result.logged, "duplicates": [quote for _, quote in result.duplicates], "source": source},
    )
