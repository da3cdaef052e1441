"""Admin for speakers, quotes, ratings and topics: data repair by editors, not the daily desk."""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest

from claims import services
from claims.models import (
    Quote,
    Rating,
    RatingScale,
    Speaker,
    SpeakerAlias,
    Topic,
)
from claims.normalise import normalise_name
from claims.workflow import Refusal


class SpeakerAliasFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        # Two rows typed in one submission ("Vlad", "VLAD") differ as text but are one alias; the
        # database would refuse the second with a 500, so say it on the form.
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE") or not form.cleaned_data.get("alias"):
                continue
            key = normalise_name(form.cleaned_data["alias"])
            if key in seen:
                form.add_error("alias", "This alias is listed twice (ignoring case and accents).")
            seen.add(key)


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    formset = SpeakerAliasFormSet
    fields = ["alias"]
    extra = 1


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role", "wikidata_qid", "quote_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__alias", "role", "wikidata_qid"]
    autocomplete_fields = ["affiliation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpeakerAliasInline]
    actions = ["merge_into_oldest"]

    @admin.action(description="Merge the selected speakers into the one recorded first")
    def merge_into_oldest(self, request: HttpRequest, queryset: QuerySet[Speaker]) -> None:
        speakers = list(queryset.order_by("created_at", "id"))
        if len(speakers) < 2:
            self.message_user(request, "Select at least two speakers to merge.", messages.WARNING)
            return
        keep, *duplicates = speakers
        try:
            with transaction.atomic():
                for duplicate in duplicates:
                    keep = services.speaker_merge(keep=keep, duplicate=duplicate, actor=request.user)  # type: ignore[arg-type]
        except Refusal as refused:
            self.message_user(request, " ".join(refused.reasons), messages.ERROR)
            return
        names = ", ".join(duplicate.name for duplicate in duplicates)
        self.message_user(
            request, f"Merged {names} into {keep.name}; their names are now aliases.", messages.SUCCESS
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Speaker]:
        # An aggregate groups the rows, which drops Meta.ordering: order again for stable pages.
        return (
            super()
            .get_queryset(request)
            .annotate(quote_count=Count("quotes", distinct=True))
            .order_by("name", "id")
        )

    @admin.display(description="Quotes", ordering="quote_count")
    def quote_count(self, speaker: Speaker) -> int:
        return speaker.quote_count  # type: ignore[attr-defined]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "said", "venue", "source"]
    list_filter = ["kind", "said_on_precision", ("speaker", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["speaker", "source", "source__outlet"]
    search_fields = ["text", "original_text", "speaker__name", "speaker__aliases__alias", "venue"]
    date_hierarchy = "said_on"
    autocomplete_fields = ["speaker", "source", "logged_by"]
    readonly_fields = ["created_at", "updated_at"]

    @admin.display(description="Said", ordering="said_on")
    def said(self, quote: Quote) -> str:
        return quote.said_when

    fields = [
        "speaker",
        "text",
        "kind",
        ("said_on", "said_on_precision"),
        "venue",
        ("source", "location"),
        ("original_text", "original_language"),
        "logged_by",
        ("created_at", "updated_at"),
    ]


class RatingInline(admin.TabularInline):
    model = Rating
    fields = ["value", "label", "slug", "colour", "description"]
    extra = 0


@admin.register(RatingScale)
class RatingScaleAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RatingInline]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["label", "scale", "value", "colour"]
    list_filter = ["scale"]
    list_select_related = ["scale"]
    search_fields = ["label", "description"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
