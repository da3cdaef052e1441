"""Serializers of the claims API: shapes only. Read serializers turn rows that the views already fetched
(with their relations) into JSON; write serializers check the shape of input, and the views hand the
cleaned values to claims/services.py, which decides everything else.

Internal fields (who logged a quote, a claim's author, assignee and review timeline) are dropped for
anyone outside the newsroom by `NewsroomFieldsMixin`, so one serializer serves both audiences.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from claims.models import (
    Citation,
    Claim,
    ClaimAppearance,
    ClaimRelation,
    Comment,
    Correction,
    Quote,
    Rating,
    RatingScale,
    RatingVote,
    ReviewEvent,
    Speaker,
)
from claims.roles import is_newsroom_staff
from factcheck.api.fields import StrictFieldsMixin
from sources.api.serializers import SourceBriefSerializer


class NewsroomFieldsMixin:
    newsroom_fields: tuple[str, ...] = ()

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()  # type: ignore[misc]
        request = self.context.get("request")  # type: ignore[attr-defined]
        if request is None or not is_newsroom_staff(request.user):
            for name in self.newsroom_fields:
                fields.pop(name, None)
        return fields


# --- read ------------------------------------------------------------------------------------------


class SpeakerBriefSerializer(serializers.ModelSerializer):
    # Slugs keep non-Latin scripts ("владимир-путин"), so they are text, not an ASCII slug pattern.
    slug = serializers.CharField(read_only=True)

    class Meta:
        model = Speaker
        fields = ["id", "name", "slug", "kind", "role", "wikidata_qid"]
        read_only_fields = fields


class SpeakerSerializer(serializers.ModelSerializer):
    # Slugs keep non-Latin scripts ("владимир-путин"), so they are text, not an ASCII slug pattern.
    slug = serializers.CharField(read_only=True)
    aliases = serializers.SerializerMethodField()
    affiliation = SpeakerBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Speaker
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "role",
            "description",
            "affiliation",
            "wikidata_qid",
            "aliases",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_aliases(self, speaker: Speaker) -> list[str]:
        return [alias.alias for alias in speaker.aliases.all()]


class RatingBriefSerializer(serializers.ModelSerializer):
    scale = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Rating
        fields = ["id", "slug", "label", "value", "colour", "scale"]
        read_only_fields = fields


class RatingSerializer(RatingBriefSerializer):
    class Meta(RatingBriefSerializer.Meta):
        fields = [*RatingBriefSerializer.Meta.fields, "description"]
        read_only_fields = fields


class RatingScaleSerializer(serializers.ModelSerializer):
    ratings = RatingSerializer(many=True, read_only=True)

    class Meta:
        model = RatingScale
        fields = ["id", "name", "slug", "description", "is_default", "ratings"]
        read_only_fields = fields


class QuoteSerializer(NewsroomFieldsMixin, serializers.ModelSerializer):
    speaker = SpeakerBriefSerializer(read_only=True)
    source = SourceBriefSerializer(read_only=True, allow_null=True)
    said_when = serializers.CharField(read_only=True)
    logged_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    newsroom_fields = ("logged_by",)

    class Meta:
        model = Quote
        fields = [
            "id",
            "text",
            "kind",
            "speaker",
            "said_on",
            "said_on_precision",
            "said_when",
            "venue",
            "source",
            "location",
            "original_text",
            "original_language",
            "logged_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ClaimBriefSerializer(serializers.ModelSerializer):
    # Slugs keep non-Latin scripts ("владимир-путин"), so they are text, not an ASCII slug pattern.
    slug = serializers.CharField(read_only=True)
    rating = RatingBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Claim
        fields = ["id", "slug", "statement", "state", "rating", "published_at"]
        read_only_fields = fields


class AppearanceSerializer(serializers.ModelSerializer):
    quote = QuoteSerializer(read_only=True)

    class Meta:
        model = ClaimAppearance
        fields = ["id", "stance", "quote"]
        read_only_fields = fields


class CitationSerializer(serializers.ModelSerializer):
    source = SourceBriefSerializer(read_only=True)

    class Meta:
        model = Citation
        fields = ["id", "bearing", "note", "source"]
        read_only_fields = fields


class RelationSerializer(serializers.ModelSerializer):
    """A relation seen from the claim being shown: "this claim rebuts <other>" or "<other> rebuts it"."""

    direction = serializers.SerializerMethodField()
    claim = serializers.SerializerMethodField()

    class Meta:
        model = ClaimRelation
        fields = ["id", "kind", "direction", "claim"]
        read_only_fields = fields

    def get_direction(self, relation: ClaimRelation) -> str:
        return "to" if relation.from_claim_id == self.context["claim_id"] else "from"

    def get_claim(self, relation: ClaimRelation) -> dict[str, Any]:
        other = (
            relation.to_claim if relation.from_claim_id == self.context["claim_id"] else relation.from_claim
        )
        return ClaimBriefSerializer(other).data


class CorrectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Correction
        fields = ["id", "kind", "note", "changed_fields", "version", "created_at"]
        read_only_fields = fields


class ReviewEventSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ReviewEvent
        fields = ["id", "action", "from_state", "to_state", "actor", "comment", "version", "created_at"]
        read_only_fields = fields


class RatingVoteSerializer(serializers.ModelSerializer):
    voter = serializers.SlugRelatedField(slug_field="username", read_only=True)
    rating = RatingBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = RatingVote
        fields = ["id", "voter", "rating", "reason", "updated_at"]
        read_only_fields = fields


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "author", "body", "created_at"]
        read_only_fields = fields


class ClaimListSerializer(NewsroomFieldsMixin, serializers.ModelSerializer):
    # Slugs keep non-Latin scripts ("владимир-путин"), so they are text, not an ASCII slug pattern.
    slug = serializers.CharField(read_only=True)
    rating = RatingBriefSerializer(read_only=True, allow_null=True)
    speakers = serializers.SerializerMethodField()
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = serializers.SerializerMethodField()
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    newsroom_fields = ("author", "assignee", "due_on", "priority")

    class Meta:
        model = Claim
        fields = [
            "id",
            "slug",
            "url",
            "statement",
            "state",
            "rating",
            "summary",
            "speakers",
            "topics",
            "first_appeared_on",
            "published_at",
            "updated_at",
            "version",
            "author",
            "assignee",
            "due_on",
            "priority",
        ]
        read_only_fields = fields

    def get_speakers(self, claim: Claim) -> list[dict[str, Any]]:
        seen: dict[int, Speaker] = {}
        for appearance in claim.appearances.all():
            seen.setdefault(appearance.quote.speaker_id, appearance.quote.speaker)
        return SpeakerBriefSerializer(list(seen.values()), many=True).data  # type: ignore[return-value]

    def get_url(self, claim: Claim) -> str:
        return reverse("api:claim-detail", args=[claim.pk])


class ClaimDetailSerializer(ClaimListSerializer):
    appearances = AppearanceSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)
    relations = serializers.SerializerMethodField()
    corrections = CorrectionSerializer(many=True, read_only=True)
    review_events = ReviewEventSerializer(many=True, read_only=True)
    rating_votes = RatingVoteSerializer(many=True, read_only=True)
    newsroom_fields = (*ClaimListSerializer.newsroom_fields, "review_events", "rating_votes")

    class Meta(ClaimListSerializer.Meta):
        fields = [
            *ClaimListSerializer.Meta.fields,
            "analysis",
            "appearances",
            "citations",
            "relations",
            "corrections",
            "review_events",
            "rating_votes",
        ]
        read_only_fields = fields

    def get_relations(self, claim: Claim) -> list[dict[str, Any]]:
        # The view prefetched only relations whose other claim this reader may see.
        relations = [*claim.visible_relations_from, *claim.visible_relations_to]  # type: ignore[attr-defined]
        return RelationSerializer(relations, many=True, context={"claim_id": claim.pk}).data  # type: ignore[return-value]


# --- write -----------------------------------------------------------------------------------------


class SpeakerWriteSerializer(StrictFieldsMixin, serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Speaker.Kind.choices, default=Speaker.Kind.PERSON)
    role = serializers.CharField(max_length=200, allow_blank=True, default="")
    description = serializers.CharField(max_length=10_000, allow_blank=True, default="")
    wikidata_qid = serializers.CharField(max_length=20, allow_blank=True, default="")
    affiliation = serializers.PrimaryKeyRelatedField(
        queryset=Speaker.objects.filter(kind=Speaker.Kind.ORGANISATION), allow_null=True, default=None
    )
    aliases = serializers.ListField(child=serializers.CharField(max_length=200), max_length=100, default=list)


class QuoteLogSerializer(StrictFieldsMixin, serializers.Serializer):
    """Log a quote in one request: the speaker by id or by name/alias, the source by id or by URL."""

    text = serializers.CharField(max_length=20_000)
    kind = serializers.ChoiceField(choices=Quote.Kind.choices, default=Quote.Kind.DIRECT)
    speaker = serializers.IntegerField(required=False, min_value=1)
    speaker_name = serializers.CharField(max_length=200, required=False)
    speaker_role = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    create_speaker = serializers.BooleanField(default=False)
    source = serializers.IntegerField(required=False, min_value=1)
    source_url = serializers.CharField(max_length=2048, required=False)
    source_title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    said_on = serializers.DateField(required=False, allow_null=True, default=None)
    said_on_precision = serializers.ChoiceField(
        choices=Quote.Precision.choices, default=Quote.Precision.UNKNOWN
    )
    venue = serializers.CharField(max_length=200, allow_blank=True, default="")
    location = serializers.CharField(max_length=100, allow_blank=True, default="")
    original_text = serializers.CharField(max_length=20_000, allow_blank=True, default="")
    original_language = serializers.CharField(max_length=35, allow_blank=True, default="")

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if ("speaker" in data) == ("speaker_name" in data):
            raise serializers.ValidationError({"speaker": "Give either speaker (an id) or speaker_name."})
        if "source" in data and "source_url" in data:
            raise serializers.ValidationError(
                {"source": "Give either source (an id) or source_url, not both."}
            )
        return data


class QuoteUpdateSerializer(StrictFieldsMixin, serializers.Serializer):
    text = serializers.CharField(max_length=20_000, required=False)
    kind = serializers.ChoiceField(choices=Quote.Kind.choices, required=False)
    said_on = serializers.DateField(required=False, allow_null=True)
    said_on_precision = serializers.ChoiceField(choices=Quote.Precision.choices, required=False)
    venue = serializers.CharField(max_length=200, allow_blank=True, required=False)
    location = serializers.CharField(max_length=100, allow_blank=True, required=False)
    original_text = serializers.CharField(max_length=20_000, allow_blank=True, required=False)
    original_language = serializers.CharField(max_length=35, allow_blank=True, required=False)


class CorrectionInputSerializer(StrictFieldsMixin, serializers.Serializer):
    kind = serializers.ChoiceField(choices=["correction", "clarification", "update"])
    note = serializers.CharField(max_length=5_000)


class ClaimWriteSerializer(StrictFieldsMixin, serializers.Serializer):
    statement = serializers.CharField(max_length=2_000)
    summary = serializers.CharField(max_length=5_000, allow_blank=True, required=False)
    analysis = serializers.CharField(max_length=100_000, allow_blank=True, required=False)
    rating = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Rating.objects.filter(scale__is_default=True),
        allow_null=True,
        required=False,
    )
    first_appeared_on = serializers.DateField(allow_null=True, required=False)
    topics = serializers.ListField(child=serializers.SlugField(max_length=80), max_length=50, required=False)
    correction = CorrectionInputSerializer(required=False)


class TransitionSerializer(StrictFieldsMixin, serializers.Serializer):
    action = serializers.CharField(max_length=40)
    comment = serializers.CharField(max_length=5_000, allow_blank=True, default="")


class VoteSerializer(StrictFieldsMixin, serializers.Serializer):
    rating = serializers.SlugRelatedField(
        slug_field="slug", queryset=Rating.objects.filter(scale__is_default=True)
    )
    reason = serializers.CharField(max_length=500)


class CommentWriteSerializer(StrictFieldsMixin, serializers.Serializer):
    body = serializers.CharField(max_length=10_000)


class AppearanceWriteSerializer(StrictFieldsMixin, serializers.Serializer):
    quote = serializers.IntegerField(min_value=1)
    stance = serializers.ChoiceField(
        choices=ClaimAppearance.Stance.choices, default=ClaimAppearance.Stance.ASSERTS
    )


class CitationWriteSerializer(StrictFieldsMixin, serializers.Serializer):
    source = serializers.IntegerField(min_value=1)
    bearing = serializers.ChoiceField(choices=Citation.Bearing.choices, default=Citation.Bearing.CONTEXT)
    note = serializers.CharField(max_length=5_000, allow_blank=True, default="")


class RelationWriteSerializer(StrictFieldsMixin, serializers.Serializer):
    to_claim = serializers.IntegerField(min_value=1)
    kind = serializers.ChoiceField(choices=ClaimRelation.Kind.choices)


# --- extraction --------------------------------------------------------------------------------


class ExtractRequestSerializer(StrictFieldsMixin, serializers.Serializer):
    text = serializers.CharField(max_length=2_000_000, required=False, trim_whitespace=False)
    source = serializers.IntegerField(min_value=1, required=False)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if ("text" in data) == ("source" in data):
            raise serializers.ValidationError(
                {"text": "Send either text or source (the id of a source with text)."}
            )
        return data


class ExtractedSpeakerSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text="null for a speaker not yet known")
    name = serializers.CharField()
    role = serializers.CharField(allow_null=True)


class ExtractedQuoteSerializer(serializers.Serializer):
    text = serializers.CharField()
    start = serializers.IntegerField(help_text="Offset in the text, in Unicode code points.")
    end = serializers.IntegerField()
    speaker = ExtractedSpeakerSerializer(allow_null=True)
    speaker_mention = serializers.CharField(allow_null=True)
    cue = serializers.CharField(allow_null=True)
    kind = serializers.ChoiceField(choices=["direct", "partial"])
    confidence = serializers.FloatField()


class ExtractResponseSerializer(serializers.Serializer):
    quotes = ExtractedQuoteSerializer(many=True)


class CandidateSerializer(StrictFieldsMixin, serializers.Serializer):
    text = serializers.CharField(max_length=20_000)
    speaker = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    speaker_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    speaker_role = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    create_speaker = serializers.BooleanField(default=False)
    kind = serializers.ChoiceField(choices=Quote.Kind.choices, default=Quote.Kind.DIRECT)
    said_on = serializers.DateField(required=False, allow_null=True, default=None)
    said_on_precision = serializers.ChoiceField(
        choices=Quote.Precision.choices, default=Quote.Precision.UNKNOWN
    )
    venue = serializers.CharField(max_length=200, allow_blank=True, default="")
    location = serializers.CharField(max_length=100, allow_blank=True, default="")


class BatchLogSerializer(StrictFieldsMixin, serializers.Serializer):
    source = serializers.IntegerField(min_value=1, required=False)
    source_url = serializers.CharField(max_length=2048, required=False)
    source_title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    quotes = serializers.ListField(child=CandidateSerializer(), allow_empty=False, max_length=500)


class BatchLogResponseSerializer(serializers.Serializer):
    logged = QuoteSerializer(many=True)
    duplicates = serializers.ListField(child=serializers.DictField())
