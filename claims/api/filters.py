"""Filters of the claims API: one FilterSet per list.

Relations are filtered by id through EXISTS subqueries, never with model-choice validation: a filter
must not answer "no such speaker" differently from "nothing you may see", or it would reveal drafts.
"""

from __future__ import annotations

import datetime

import django_filters as filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Exists, OuterRef, Q, QuerySet

from claims.models import Citation, Claim, ClaimAppearance, ClaimRelation, Quote, Speaker, SpeakerAlias
from claims.normalise import normalise_name


class IdFilter(filters.NumberFilter):
    """A record's id: a whole number (the schema says so, and "0.5" is refused)."""

    field_class = forms.IntegerField


class MomentField(forms.DateTimeField):
    """An ISO 8601 date and time that PostgreSQL can hold: its time zone within ±15:59 hours."""

    def to_python(self, value: str | datetime.datetime | datetime.date | None) -> datetime.datetime | None:
        moment = super().to_python(value)
        offset = moment.utcoffset() if moment is not None else None
        if offset is not None and abs(offset) >= datetime.timedelta(hours=16):
            raise forms.ValidationError("The time zone offset must be less than 16 hours.")
        return moment


class MomentFilter(filters.IsoDateTimeFilter):
    field_class = MomentField


class ClaimFilter(filters.FilterSet):
    state = filters.MultipleChoiceFilter(choices=Claim.State.choices)
    rating = filters.CharFilter(field_name="rating__slug", help_text="Rating slug, e.g. false, mostly-true.")
    topic = filters.CharFilter(method="by_topic", help_text="Topic slug.")
    speaker = IdFilter(method="by_speaker", help_text="Speaker id: claims made in their quotes.")
    source = IdFilter(method="by_source", help_text="Source id: quoted in it or cited as evidence.")
    outlet = IdFilter(method="by_outlet", help_text="Outlet id of a source quoted or cited.")
    relation = filters.ChoiceFilter(
        choices=ClaimRelation.Kind.choices, method="by_relation", help_text="Has a relation of this kind."
    )
    author = filters.CharFilter(field_name="author__username")
    assignee = filters.CharFilter(field_name="assignee__username")
    priority = filters.ChoiceFilter(choices=Claim.Priority.choices)
    published_after = MomentFilter(field_name="published_at", lookup_expr="gte")
    published_before = MomentFilter(field_name="published_at", lookup_expr="lt")
    created_after = MomentFilter(field_name="created_at", lookup_expr="gte")
    created_before = MomentFilter(field_name="created_at", lookup_expr="lt")
    due_before = filters.DateFilter(field_name="due_on", lookup_expr="lt")
    q = filters.CharFilter(
        method="by_text", help_text="Words in the statement or summary (web-search syntax)."
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def by_topic(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        tagged = Claim.topics.through.objects.filter(claim=OuterRef("pk"), topic__slug=value)
        return queryset.filter(Exists(tagged))

    def by_speaker(self, queryset: QuerySet[Claim], name: str, value: int) -> QuerySet[Claim]:
        made = ClaimAppearance.objects.filter(claim=OuterRef("pk"), quote__speaker_id=value)
        return queryset.filter(Exists(made))

    def by_source(self, queryset: QuerySet[Claim], name: str, value: int) -> QuerySet[Claim]:
        quoted = ClaimAppearance.objects.filter(claim=OuterRef("pk"), quote__source_id=value)
        cited = Citation.objects.filter(claim=OuterRef("pk"), source_id=value)
        return queryset.filter(Exists(quoted) | Exists(cited))

    def by_outlet(self, queryset: QuerySet[Claim], name: str, value: int) -> QuerySet[Claim]:
        quoted = ClaimAppearance.objects.filter(claim=OuterRef("pk"), quote__source__outlet_id=value)
        cited = Citation.objects.filter(claim=OuterRef("pk"), source__outlet_id=value)
        return queryset.filter(Exists(quoted) | Exists(cited))

    def by_relation(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        related = ClaimRelation.objects.filter(
            Q(from_claim=OuterRef("pk")) | Q(to_claim=OuterRef("pk")), kind=value
        )
        return queryset.filter(Exists(related))

    def by_text(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        # Web-search syntax ("fully liberated" -Kyiv, or). Ranked, accent-insensitive search over an
        # indexed vector is the search module's job; this filter narrows a list.
        query = SearchQuery(value, search_type="websearch", config="simple")
        return queryset.annotate(_words=SearchVector("statement", "summary", config="simple")).filter(
            _words=query
        )


class QuoteFilter(filters.FilterSet):
    speaker = IdFilter(field_name="speaker_id")
    source = IdFilter(field_name="source_id")
    outlet = IdFilter(field_name="source__outlet_id")
    claim = IdFilter(method="by_claim", help_text="Claim id: quotes in which it appears.")
    kind = filters.ChoiceFilter(choices=Quote.Kind.choices)
    said_after = filters.DateFilter(field_name="said_on", lookup_expr="gte")
    said_before = filters.DateFilter(field_name="said_on", lookup_expr="lt")
    q = filters.CharFilter(method="by_text", help_text="Words in the quote (web-search syntax).")

    class Meta:
        model = Quote
        fields: list[str] = []

    def by_text(self, queryset: QuerySet[Quote], name: str, value: str) -> QuerySet[Quote]:
        query = SearchQuery(value, search_type="websearch", config="simple")
        return queryset.annotate(_words=SearchVector("text", config="simple")).filter(_words=query)

    def by_claim(self, queryset: QuerySet[Quote], name: str, value: int) -> QuerySet[Quote]:
        return queryset.filter(Exists(ClaimAppearance.objects.filter(quote=OuterRef("pk"), claim_id=value)))


class SpeakerFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Speaker.Kind.choices)
    wikidata_qid = filters.CharFilter()
    name = filters.CharFilter(method="by_name", help_text="Exact name or alias, ignoring case and accents.")
    q = filters.CharFilter(method="by_words", help_text="Part of a name or alias.")

    class Meta:
        model = Speaker
        fields: list[str] = []

    def by_name(self, queryset: QuerySet[Speaker], name: str, value: str) -> QuerySet[Speaker]:
        key = normalise_name(value)
        aliased = SpeakerAlias.objects.filter(speaker=OuterRef("pk"), normalised=key)
        return queryset.filter(Q(normalised_name=key) | Exists(aliased))

    def by_words(self, queryset: QuerySet[Speaker], name: str, value: str) -> QuerySet[Speaker]:
        key = normalise_name(value)
        aliased = SpeakerAlias.objects.filter(speaker=OuterRef("pk"), normalised__contains=key)
        return queryset.filter(Q(normalised_name__contains=key) | Exists(aliased))
