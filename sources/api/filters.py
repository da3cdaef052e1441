"""Filters of the sources API: one FilterSet per list."""

from __future__ import annotations

import django_filters as filters
from django.db.models import Q, QuerySet

from claims.api.filters import IdFilter
from sources.canonical import InvalidURL, canonicalise_url
from sources.models import Outlet, Source


class OutletFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Outlet.Kind.choices)
    domain = filters.CharFilter(method="by_domain")
    q = filters.CharFilter(method="by_words", help_text="Part of the name or domain.")

    class Meta:
        model = Outlet
        fields: list[str] = []

    def by_domain(self, queryset: QuerySet[Outlet], name: str, value: str) -> QuerySet[Outlet]:
        return queryset.filter(domain=value.strip().lower().removeprefix("www."))

    def by_words(self, queryset: QuerySet[Outlet], name: str, value: str) -> QuerySet[Outlet]:
        return queryset.filter(Q(name__icontains=value) | Q(domain__icontains=value))


class SourceFilter(filters.FilterSet):
    outlet = IdFilter(field_name="outlet_id")
    kind = filters.ChoiceFilter(choices=Source.Kind.choices)
    language = filters.CharFilter()
    published_after = filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = filters.DateFilter(field_name="published_on", lookup_expr="lt")
    url = filters.CharFilter(method="by_url", help_text="Any spelling of the document's URL.")
    q = filters.CharFilter(method="by_words", help_text="Part of the title or URL.")

    class Meta:
        model = Source
        fields: list[str] = []

    def by_url(self, queryset: QuerySet[Source], name: str, value: str) -> QuerySet[Source]:
        try:
            return queryset.filter(canonical_url=canonicalise_url(value))
        except InvalidURL:
            return queryset.none()

    def by_words(self, queryset: QuerySet[Source], name: str, value: str) -> QuerySet[Source]:
        return queryset.filter(Q(title__icontains=value) | Q(canonical_url__icontains=value))
