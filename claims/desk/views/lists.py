"""The dashboard and the desk's lists (claims, quotes, sources): reads only, paginated and filtered by
GET parameters, so a filtered page is a link."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from claims import services
from claims.desk import forms, selectors
from claims.desk.access import newsroom_required
from claims.desk.errors import add_errors
from claims.roles import is_editor

PAGE_SIZE = 25


def _page(request: HttpRequest, rows: QuerySet[Any]) -> Page[Any]:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@newsroom_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "desk/dashboard.html",
        {"queues": selectors.dashboard(request.user), "is_editor": is_editor(request.user)},
    )


@newsroom_required
@require_http_methods(["GET", "POST"])
def claims(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _claim_create(request)
    filters = forms.ClaimFilterForm(request.GET)
    rows = selectors.claims_list(request.user, filters.cleaned_data if filters.is_valid() else {})
    return render(
        request,
        "desk/claims.html",
        {
            "filters": filters,
            "page": _page(request, rows),
            "query": _query_without_page(request),
            "create_form": forms.ClaimCreateForm(),
        },
    )


def _claim_create(request: HttpRequest) -> HttpResponse:
    form = forms.ClaimCreateForm(request.POST)
    if form.is_valid():
        try:
            claim = services.claim_create(statement=form.cleaned_data["statement"], author=request.user)  # type: ignore[arg-type]
        except ValidationError as invalid:
            add_errors(form, invalid)
        else:
            return redirect("desk:claim", pk=claim.pk)
    filters = forms.ClaimFilterForm()
    rows = selectors.claims_list(request.user, {})
    return render(
        request,
        "desk/claims.html",
        {"filters": filters, "page": _page(request, rows), "query": "", "create_form": form},
        status=400,
    )


@newsroom_required
def quotes(request: HttpRequest) -> HttpResponse:
    filters = forms.QuoteFilterForm(request.GET)
    rows = selectors.quotes_list(request.user, filters.cleaned_data if filters.is_valid() else {})
    return render(
        request,
        "desk/quotes.html",
        {"filters": filters, "page": _page(request, rows), "query": _query_without_page(request)},
    )


@newsroom_required
def sources(request: HttpRequest) -> HttpResponse:
    filters = forms.SourceFilterForm(request.GET)
    rows = selectors.sources_list(request.user, filters.cleaned_data if filters.is_valid() else {})
    return render(
        request,
        "desk/sources.html",
        {"filters": filters, "page": _page(request, rows), "query": _query_without_page(request)},
    )
