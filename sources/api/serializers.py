"""Serializers of the sources API: shapes only; views hand cleaned values to sources/services.py."""

from __future__ import annotations

from rest_framework import serializers

from factcheck.api.fields import StrictFieldsMixin
from sources.models import Outlet, Source


class OutletBriefSerializer(serializers.ModelSerializer):
    # Slugs keep non-Latin scripts ("владимир-путин"), so they are text, not an ASCII slug pattern.
    slug = serializers.CharField(read_only=True)

    class Meta:
        model = Outlet
        fields = ["id", "name", "slug", "domain", "kind"]
        read_only_fields = fields


class OutletSerializer(OutletBriefSerializer):
    class Meta(OutletBriefSerializer.Meta):
        fields = [*OutletBriefSerializer.Meta.fields, "created_at", "updated_at"]
        read_only_fields = fields


class SourceBriefSerializer(serializers.ModelSerializer):
    outlet = serializers.SlugRelatedField(slug_field="name", read_only=True, allow_null=True)
    # Plain strings: a source known only by its title has no URL, and "" is not a URI.
    canonical_url = serializers.CharField(read_only=True)
    archive_url = serializers.CharField(read_only=True)

    class Meta:
        model = Source
        fields = ["id", "title", "canonical_url", "archive_url", "outlet", "kind", "published_on"]
        read_only_fields = fields


class SourceSerializer(serializers.ModelSerializer):
    outlet = OutletBriefSerializer(read_only=True, allow_null=True)
    url = serializers.CharField(read_only=True)
    canonical_url = serializers.CharField(read_only=True)
    archive_url = serializers.CharField(read_only=True)
    has_text_snapshot = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = [
            "id",
            "title",
            "url",
            "canonical_url",
            "archive_url",
            "outlet",
            "kind",
            "published_on",
            "accessed_at",
            "language",
            "has_text_snapshot",
            "text_sha256",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_has_text_snapshot(self, source: Source) -> bool:
        return bool(source.text_sha256)


class OutletWriteSerializer(StrictFieldsMixin, serializers.Serializer):
    name = serializers.CharField(max_length=200)
    domain = serializers.CharField(max_length=253, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=Outlet.Kind.choices, default=Outlet.Kind.NEWSPAPER)


class SourceWriteSerializer(StrictFieldsMixin, serializers.Serializer):
    url = serializers.CharField(max_length=2048, allow_blank=True, default="")
    title = serializers.CharField(max_length=500, allow_blank=True, default="")
    outlet = serializers.PrimaryKeyRelatedField(queryset=Outlet.objects.all(), allow_null=True, default=None)
    kind = serializers.ChoiceField(choices=Source.Kind.choices, default=Source.Kind.ARTICLE)
    published_on = serializers.DateField(allow_null=True, default=None)
    accessed_at = serializers.DateTimeField(allow_null=True, default=None)
    archive_url = serializers.CharField(max_length=2048, allow_blank=True, default="")
    language = serializers.CharField(max_length=35, allow_blank=True, default="")
    text = serializers.CharField(max_length=5_000_000, allow_blank=True, default="", trim_whitespace=False)
