"""Views of the public site: thin callers of claims.public.selectors and claims.public.search.

Everyone, logged in or not, sees what an anonymous reader may see; no view reads the logged-in user, so
the pages are the same for all and cacheable: each carries an ETag computed from the data it shows and
Cache-Control for shared caches (operations.caching). No view writes.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from claims.claimreview import claimreview_for
from claims.models import Correction
from claims.public import selectors
from claims.public.search import search_public
from operations.caching import fact_check_version, listed_version, public_page

PAGE_SIZE = 20
FILTERS = ("rating", "topic", "speaker", "origin")


def _chosen_filters(request: HttpRequest) -> dict[str, str]:
    return {name: request.GET.get(name, "").strip()[:120] for name in FILTERS}


def _home_version(request: HttpRequest) -> str:
    claims = selectors.fact_check_list(**_chosen_filters(request))
    return listed_version(claims, request.GET.get("page"), PAGE_SIZE)


def _speaker_version(request: HttpRequest, slug: str) -> str:
    found = selectors.speaker_detail(slug)
    if found is None:
        return "missing"
    return listed_version(selectors.speaker_fact_checks(found), request.GET.get("page"), PAGE_SIZE)


@require_safe
@public_page(_home_version)
def home(request: HttpRequest) -> HttpResponse:
    chosen = _chosen_filters(request)
    claims = selectors.fact_check_list(**chosen)
    page = Paginator(claims, PAGE_SIZE).get_page(request.GET.get("page"))
    choices = selectors.filter_choices(chosen_speaker=chosen["speaker"])
    return render(
        request,
        "site/home.html",
        {"page": page, "chosen": chosen, "filtered": any(chosen.values()), "choices": choices},
    )


@require_safe
@public_page(fact_check_version)
def fact_check(request: HttpRequest, slug: str) -> HttpResponse:
    claim = selectors.fact_check_detail(slug)
    if claim is None:
        raise Http404("No published fact-check at this address.")
    corrections: list[Correction] = claim.public_corrections  # type: ignore[attr-defined]
    retraction = next((c for c in reversed(corrections) if c.kind == Correction.Kind.RETRACTION), None)
    markup = None
    if selectors.has_our_claimreview(claim):
        markup = claimreview_for(claim, base_url=request.build_absolute_uri("/"))
    return render(
        request,
        "site/fact_check.html",
        {
            "claim": claim,
            "retraction": retraction,
            "corrections": corrections,
            "claimreview": markup,
            "canonical": request.build_absolute_uri(),
        },
    )


@require_safe
@public_page(_speaker_version)
def speaker(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.speaker_detail(slug)
    if found is None:
        raise Http404("No speaker with a published fact-check at this address.")
    page = Paginator(selectors.speaker_fact_checks(found), PAGE_SIZE).get_page(request.GET.get("page"))
    scorecard = selectors.speaker_scorecard(found)
    return render(
        request,
        "site/speaker.html",
        {
            "speaker": found,
            "page": page,
            "disputing": list(selectors.speaker_quoted_disputing(found)[:PAGE_SIZE]),
            "scorecard": scorecard,
            "scored": sum(row.count for row in scorecard),
        },
    )


@require_safe
@public_page()
def competing(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.competing_group(slug)
    if group is None:
        raise Http404("This fact-check has no published competing claims.")
    return render(request, "site/competing.html", {"group": group})


@require_safe
@public_page()
def search(request: HttpRequest) -> HttpResponse:
    results = search_public(request.GET.get("q", "")[:200])
    return render(request, "site/search.html", {"results": results})
