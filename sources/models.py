"""Where things are said and found: outlets and the documents (sources) they publish."""

from __future__ import annotations

import hashlib
from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from factcheck.history import tracked
from factcheck.models import Timestamped
from sources.canonical import MAX_LENGTH as URL_MAX_LENGTH
from sources.canonical import InvalidURL, canonicalise_url

# BCP 47 in the shape newsrooms use: a 2-3 letter language, then optional subtags ("en", "uk", "pt-BR").
LANGUAGE_TAG = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
language_validator = RegexValidator(LANGUAGE_TAG, "Use a language tag such as en, uk, ru or pt-BR.")
DOMAIN = r"^[a-z0-9]([a-z0-9\-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9\-]*[a-z0-9])?)+$"


class OutletKind(models.TextChoices):
    NEWSPAPER = "newspaper", "Newspaper or news site"
    WIRE = "wire", "Wire agency"
    BROADCASTER = "broadcaster", "Broadcaster"
    MAGAZINE = "magazine", "Magazine"
    GOVERNMENT = "government", "Government or official body"
    SOCIAL_PLATFORM = "social_platform", "Social platform"
    OTHER = "other", "Other"


@tracked
class Outlet(Timestamped):
    """Who publishes documents: a newspaper, a wire agency, a broadcaster, a government site, a platform."""

    Kind = OutletKind
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=True)
    domain = models.CharField(
        max_length=253,
        blank=True,
        validators=[RegexValidator(DOMAIN, "Enter a host name such as reuters.com, without https://.")],
        help_text="Host name of the outlet's site, used to recognise its URLs (e.g. reuters.com).",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEWSPAPER)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain"],
                condition=~Q(domain=""),
                name="%(app_label)s_%(class)s_unique_domain",
                violation_error_message="Another outlet already has this domain.",
            ),
            models.CheckConstraint(
                condition=Q(domain=Lower("domain")),
                name="%(app_label)s_%(class)s_domain_lower_case",
                violation_error_message="The domain must be lower case.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=OutletKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
                violation_error_message="Unknown outlet kind.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        # Tidy what people paste ("WWW.Reuters.com ") before the format is checked.
        self.domain = self.domain.strip().lower().removeprefix("www.")
        super().clean_fields(exclude=exclude)


class SourceKind(models.TextChoices):
    ARTICLE = "article", "Article"
    VIDEO = "video", "Video"
    AUDIO = "audio", "Audio"
    TRANSCRIPT = "transcript", "Transcript"
    SOCIAL_POST = "social_post", "Social media post"
    PRESS_RELEASE = "press_release", "Press release"
    OFFICIAL_DOCUMENT = "official_document", "Official document"


@tracked
class Source(Timestamped):
    """One document in which something was said or found: an article, a video, a post, a transcript."""

    Kind = SourceKind
    url = models.URLField(
        "URL as found",
        max_length=URL_MAX_LENGTH,
        blank=True,
        help_text="The link as it was found, tracking parameters and all. Print and broadcast may have none.",
    )
    canonical_url = models.URLField(
        max_length=URL_MAX_LENGTH,
        blank=True,
        editable=False,
        help_text="Derived from the URL: lower-case host, no fragment, no tracking parameters.",
    )
    title = models.CharField(max_length=500, blank=True)
    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, null=True, blank=True, related_name="sources"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    published_on = models.DateField(null=True, blank=True, help_text="Date the document was published.")
    accessed_at = models.DateTimeField(null=True, blank=True, help_text="When we read or captured it.")
    archive_url = models.URLField(max_length=URL_MAX_LENGTH, blank=True, help_text="A copy in a web archive.")
    language = models.CharField(max_length=35, blank=True, validators=[language_validator])
    text = models.TextField("text snapshot", blank=True, help_text="The document's text as we captured it.")
    text_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    always_validated = frozenset({"canonical_url", "text_sha256"})

    class Meta:
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["canonical_url"],
                condition=~Q(canonical_url=""),
                name="%(app_label)s_%(class)s_unique_canonical_url",
                violation_error_message="A source with this URL is already recorded.",
            ),
            # A document with no URL is known by its title, outlet and date; that triple names it once.
            models.UniqueConstraint(
                fields=["title", "outlet", "published_on"],
                condition=Q(canonical_url=""),
                nulls_distinct=False,
                name="%(app_label)s_%(class)s_unique_title_without_url",
                violation_error_message=(
                    "A source with this title, outlet and date (and no URL) is already recorded."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(canonical_url="") | ~Q(title=""),
                name="%(app_label)s_%(class)s_has_url_or_title",
                violation_error_message="A source needs a URL or, for print and broadcast, a title.",
            ),
            models.CheckConstraint(
                condition=Q(url="", canonical_url="") | (~Q(url="") & ~Q(canonical_url="")),
                name="%(app_label)s_%(class)s_canonical_url_with_url",
                violation_error_message="The canonical URL is derived from the URL; both or neither.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
                violation_error_message="Unknown source kind.",
            ),
            models.CheckConstraint(
                condition=Q(language="") | Q(language__regex=LANGUAGE_TAG),
                name="%(app_label)s_%(class)s_language_tag",
                violation_error_message="Use a language tag such as en, uk, ru or pt-BR.",
            ),
            models.CheckConstraint(
                condition=Q(text="", text_sha256="")
                | (~Q(text="") & Q(text_sha256__regex=r"^[0-9a-f]{64}$")),
                name="%(app_label)s_%(class)s_text_hash_matches_presence",
                violation_error_message="A text snapshot carries its SHA-256, and only a snapshot does.",
            ),
        ]
        indexes = [
            # Sources of an outlet, newest first (outlet page, API filter ?outlet=).
            models.Index(fields=["outlet", "-published_on"], name="sources_source_outlet_date_idx"),
        ]

    def __str__(self) -> str:
        label = self.title or self.canonical_url
        return f"{label} ({self.outlet})" if self.outlet_id else label

    def clean(self) -> None:
        self.url = self.url.strip()
        if self.url:
            try:
                self.canonical_url = canonicalise_url(self.url)
            except InvalidURL as exc:
                raise ValidationError({"url": str(exc)}) from None
        else:
            self.canonical_url = ""
        if self.archive_url:
            try:
                canonicalise_url(self.archive_url)
            except InvalidURL as exc:
                raise ValidationError({"archive_url": str(exc)}) from None
        self.text_sha256 = self.snapshot_hash(self.text)

    @staticmethod
    def snapshot_hash(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest() if text else ""
