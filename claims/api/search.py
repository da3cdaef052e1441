"""Search endpoints: ranked full-text search, similar claims and quotes, and speakers by a fuzzy name.
Thin: the work and the visibility rule are in claims/search/ and claims/selectors.py."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api.serializers import ClaimBriefSerializer, SpeakerBriefSerializer
from claims.api.views import ERRORS
from claims.search import fulltext, similar, speakers
from claims.search.query import MAX_QUERY_LENGTH
from factcheck.api.fields import StrictFieldsMixin
from sources.models import LANGUAGE_TAG

# --- requests --------------------------------------------------------------------------------------


class SearchRequestSerializer(StrictFieldsMixin, serializers.Serializer):
    q = serializers.CharField(
        max_length=MAX_QUERY_LENGTH, help_text='Web-search syntax: "fully liberated" -Kyiv, or.'
    )
    type = serializers.MultipleChoiceField(
        choices=fulltext.KINDS, required=False, help_text="Search only these kinds (repeat the parameter)."
    )
    limit = serializers.IntegerField(min_value=1, max_value=fulltext.MAX_LIMIT, default=10)
    offset = serializers.IntegerField(min_value=0, max_value=1000, default=0)
    language = serializers.RegexField(
        LANGUAGE_TAG,
        required=False,
        help_text="Also stem the query in this language (e.g. ru), for quotes' original-language words.",
    )


class SimilarRequestSerializer(StrictFieldsMixin, serializers.Serializer):
    text = serializers.CharField(max_length=similar.MAX_TEXT_LENGTH, help_text="A claim or quote as written.")
    type = serializers.MultipleChoiceField(choices=("claims", "quotes"), required=False)
    limit = serializers.IntegerField(min_value=1, max_value=20, default=5)


class SpeakerMatchRequestSerializer(StrictFieldsMixin, serializers.Serializer):
    name = serializers.CharField(max_length=200, help_text='A name as typed: "Shyriaev", "V. Putin".')
    limit = serializers.IntegerField(min_value=1, max_value=20, default=5)


# --- responses -------------------------------------------------------------------------------------


class QuoteHitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    speaker = SpeakerBriefSerializer()
    said_on = serializers.DateField(allow_null=True)


class ClaimHitSerializer(serializers.Serializer):
    claim = ClaimBriefSerializer(source="item")
    score = serializers.FloatField()
    snippet = serializers.CharField(help_text="Escaped HTML; matched words in <mark>.")


class QuoteSearchHitSerializer(serializers.Serializer):
    quote = QuoteHitSerializer(source="item")
    score = serializers.FloatField()
    snippet = serializers.CharField(help_text="Escaped HTML; matched words in <mark>.")


class SpeakerHitSerializer(serializers.Serializer):
    speaker = SpeakerBriefSerializer(source="item")
    score = serializers.FloatField()


def _section(child: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    return type(
        name,
        (serializers.Serializer,),
        {
            "found": serializers.IntegerField(help_text="Matches ranked, at most the candidate cap."),
            "capped": serializers.BooleanField(
                help_text="The cap was reached: more may match than were ranked; add words."
            ),
            "results": child(source="hits", many=True),
        },
    )


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    claims = _section(ClaimHitSerializer, "ClaimSearchSection")()
    quotes = _section(QuoteSearchHitSerializer, "QuoteSearchSection")()
    speakers = _section(SpeakerHitSerializer, "SpeakerSearchSection")()


class ClaimMatchSerializer(serializers.Serializer):
    claim = ClaimBriefSerializer(source="item")
    score = serializers.FloatField(help_text="0 to 1: trigram similarity and shared words, half each.")


class QuoteMatchSerializer(serializers.Serializer):
    quote = QuoteHitSerializer(source="item")
    score = serializers.FloatField(help_text="0 to 1: trigram similarity and shared words, half each.")


class SimilarResponseSerializer(serializers.Serializer):
    text = serializers.CharField()
    claims = ClaimMatchSerializer(many=True)
    quotes = QuoteMatchSerializer(many=True)


class SpeakerMatchSerializer(serializers.Serializer):
    speaker = SpeakerBriefSerializer()
    score = serializers.FloatField(help_text="0 to 1: trigram similarity of the name or alias.")
    matched = serializers.CharField(help_text="The name or alias that matched, normalised.")


class SpeakerMatchResponseSerializer(serializers.Serializer):
    name = serializers.CharField()
    speakers = SpeakerMatchSerializer(many=True)


def _query(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# --- views -----------------------------------------------------------------------------------------


class SearchView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Ranked search of claims, quotes and speakers",
        description=(
            'Web-search syntax (`"fully liberated" -Kyiv`, `or`), stemmed in the newsroom\'s language '
            "with an exact-word fallback, accents ignored. Each kind is ranked within the first "
            "matches the index yields (`found`; `capped` when more matched). Anonymous callers search "
            "published fact-checks and the quotes and speakers they use."
        ),
        parameters=[SearchRequestSerializer],
        responses={200: SearchResponseSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        params = _query(SearchRequestSerializer, request)
        results = fulltext.search(
            params["q"],
            user=request.user,
            kinds=tuple(params.get("type") or fulltext.KINDS),
            limit=params["limit"],
            offset=params["offset"],
            language=params.get("language"),
        )
        return Response(SearchResponseSerializer(results).data)


class SimilarView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Claims and quotes nearest to a text, with a score",
        description=(
            'For "was this already checked?" while logging a quote or drafting a claim. Includes '
            "imported fact-checks. Anonymous callers match published fact-checks and their quotes only."
        ),
        parameters=[SimilarRequestSerializer],
        responses={200: SimilarResponseSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        params = _query(SimilarRequestSerializer, request)
        found = similar.similar(
            params["text"],
            user=request.user,
            limit=params["limit"],
            kinds=tuple(params.get("type") or ("claims", "quotes")),
        )
        return Response(SimilarResponseSerializer(found).data)


class SpeakerMatchView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Speakers by a name as typed (fuzzy, through aliases)",
        parameters=[SpeakerMatchRequestSerializer],
        responses={200: SpeakerMatchResponseSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        params = _query(SpeakerMatchRequestSerializer, request)
        matches = speakers.find_speakers(params["name"], user=request.user, limit=params["limit"])
        return Response(SpeakerMatchResponseSerializer({"name": params["name"], "speakers": matches}).data)
