"""Reads for the public site and its feeds: lists, detail pages, scorecards, competing claims.

The public site shows everyone, staff included, what an anonymous reader may see: every query here
starts from the `*_visible_to(READER)` selectors of claims/selectors.py, so the visibility rule stays in
one place. Published and retracted fact-checks are pages; only published ones are in the feeds.

Each function returns querysets that already carry their `select_related` / `Prefetch`, so a page costs
the same number of queries whatever the number of fact-checks on it (tests/public pins the counts).
This module must never write, and never widen what `claims_visible_to(AnonymousUser())` allows.
"""

from __future__ import annotations

import datetime
from collections import deque
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Greatest

from claims.models import Citation, Claim, ClaimAppearance, ClaimRelation, Rating, Speaker, Topic
from claims.selectors import (
    PUBLIC_STATES,
    claims_visible_to,
    corrections_visible_to,
    quotes_visible_to,
    ratings_visible_to,
    sources_visible_to,
    speakers_visible_to,
)

# The public site reads as an anonymous reader, whoever is logged in.
READER = AnonymousUser()

# Stances in which a speaker makes a claim (their scorecard, "claims by" filters); "disputes" is not one.
CLAIMANT_STANCES = (ClaimAppearance.Stance.ASSERTS, ClaimAppearance.Stance.REPEATS)

# The home page's "Claimed by" filter offers this many speakers (those with the most fact-checks); any
# other speaker's fact-checks are one link away, on their page (`?speaker=<slug>` also works for them).
FILTER_SPEAKERS = 50
FILTER_SPEAKERS_TTL = 600

# How many claims a competing-claims page gathers at most (a guard against a runaway chain of links).
MAX_COMPETING_GROUP = 24


def fact_checks() -> QuerySet[Claim]:
    """Published and retracted fact-checks, as anyone may read them."""
    return claims_visible_to(READER).filter(state__in=PUBLIC_STATES)


def _appearances() -> Prefetch[str, QuerySet[ClaimAppearance], str]:
    """A claim's quotes (claim.public_appearances), earliest said first: who said it, where, in what."""
    appearances = (
        ClaimAppearance.objects.filter(quote__in=quotes_visible_to(READER))
        .select_related("quote__speaker", "quote__source__outlet")
        .order_by(F("quote__said_on").asc(nulls_last=True), "quote_id")
    )
    return Prefetch("appearances", queryset=appearances, to_attr="public_appearances")


def _citations() -> Prefetch[str, QuerySet[Citation], str]:
    citations = (
        Citation.objects.filter(source__in=sources_visible_to(READER))
        .select_related("source__outlet")
        .order_by("id")
    )
    return Prefetch("citations", queryset=citations, to_attr="public_citations")


def _with_scale_bounds(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """ClaimReview's bestRating and worstRating: the highest and lowest values on the rating's scale."""
    scale = Rating.objects.filter(scale_id=OuterRef("rating__scale_id"))
    return claims.annotate(
        scale_best=Subquery(scale.order_by("-value").values("value")[:1]),
        scale_worst=Subquery(scale.order_by("value").values("value")[:1]),
    )


def for_claimreview(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Everything claims.claimreview.claimreview_for() reads, fetched in a constant number of queries."""
    return (
        _with_scale_bounds(claims)
        .select_related("rating__scale")
        .prefetch_related(_appearances(), _citations())
    )


def _claimed_by(speaker_slug: str) -> Exists:
    return Exists(
        ClaimAppearance.objects.filter(
            claim=OuterRef("pk"), quote__speaker__slug=speaker_slug, stance__in=CLAIMANT_STANCES
        )
    )


# --- lists ----------------------------------------------------------------------------------------


def fact_check_list(
    *, rating: str = "", topic: str = "", speaker: str = "", origin: str = ""
) -> QuerySet[Claim]:
    """The latest fact-checks, newest first, filtered by rating slug, topic slug, claimant's slug, and
    origin ("ours" or "imported"); each carries its rating and `public_appearances`."""
    claims = fact_checks()
    if rating:
        claims = claims.filter(rating__slug=rating)
    if topic:
        claims = claims.filter(Exists(Topic.objects.filter(slug=topic, claims=OuterRef("pk"))))
    if speaker:
        claims = claims.filter(_claimed_by(speaker))
    if origin == "ours":
        claims = claims.filter(imported_from_url="")
    elif origin == "imported":
        claims = claims.exclude(imported_from_url="")
    return claims.select_related("rating").prefetch_related(_appearances()).order_by("-published_at", "-id")


@dataclass(frozen=True)
class FilterChoices:
    ratings: list[Rating]
    topics: list[Topic]
    speakers: list[Speaker]


def filter_choices(chosen_speaker: str = "") -> FilterChoices:
    """What the home page's filters offer: the default scale's ratings and any other rating in use, the
    topics of public fact-checks, and the `FILTER_SPEAKERS` speakers who made the most of the claims we
    published (with the chosen one, when it is another), by name."""
    used = Exists(fact_checks().filter(rating=OuterRef("pk")))
    ratings = ratings_visible_to(READER).filter(Q(scale__is_default=True) | used).order_by("-value", "id")
    topics = Topic.objects.filter(Exists(fact_checks().filter(topics=OuterRef("pk")))).order_by("name")
    wanted = Q(pk__in=top_claimants())
    if chosen_speaker:
        wanted |= Q(slug=chosen_speaker)
    speakers = speakers_visible_to(READER).filter(wanted).only("name", "slug").order_by("name", "id")
    return FilterChoices(list(ratings), list(topics), list(speakers))


def top_claimants() -> list[int]:
    """The ids of the `FILTER_SPEAKERS` speakers with the most public fact-checks of claims they made.

    Counting claimants over every published fact-check costs ~100 ms on a 200,000-claim archive, too
    much for each view of the home page; the answer is cached under a fingerprint of the public
    fact-checks (how many, the latest publication: an index-only scan of a few milliseconds), so it is
    counted again only when something is published, and at most `FILTER_SPEAKERS_TTL` seconds later."""
    fingerprint = fact_checks().aggregate(count=Count("id"), latest=Max("published_at"))
    latest = fingerprint["latest"].timestamp() if fingerprint["latest"] else 0
    key = f"public:top-claimants:{fingerprint['count']}:{latest}"
    cached: list[int] | None = cache.get(key)
    if cached is None:
        counted = (
            ClaimAppearance.objects.filter(claim__in=fact_checks(), stance__in=CLAIMANT_STANCES)
            .values("quote__speaker")
            .annotate(claims=Count("claim", distinct=True))
            .order_by("-claims", "quote__speaker")[:FILTER_SPEAKERS]
        )
        cached = [row["quote__speaker"] for row in counted]
        cache.set(key, cached, FILTER_SPEAKERS_TTL)
    return cached


# --- one fact-check -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Competitor:
    """A claim competing with the one on the page, and how the two are related, in the page's words."""

    claim: Claim
    relation: str


def fact_check_detail(slug: str) -> Claim | None:
    """One fact-check with everything its page shows: rating and scale, quotes with their speakers and
    sources, cited sources, public corrections (`public_corrections`), topics, and competing claims
    (`competitors`)."""
    corrections = corrections_visible_to(READER).order_by("created_at", "id")
    claim = (
        for_claimreview(fact_checks().filter(slug=slug))
        .prefetch_related(
            Prefetch("corrections", queryset=corrections, to_attr="public_corrections"),
            Prefetch("topics", queryset=Topic.objects.order_by("name")),
        )
        .first()
    )
    if claim is not None:
        claim.competitors = competitors_of(claim)  # type: ignore[attr-defined]
    return claim


_RELATION_WORDS = {
    # (kind, the other claim is the relation's "from" side): how the page describes the other claim.
    (ClaimRelation.Kind.REBUTS, True): "Rebuts this claim",
    (ClaimRelation.Kind.REBUTS, False): "Rebutted by this claim",
    (ClaimRelation.Kind.CONTRADICTS, True): "Contradicts this claim",
    (ClaimRelation.Kind.CONTRADICTS, False): "Contradicted by this claim",
}


def competitors_of(claim: Claim) -> list[Competitor]:
    """Public claims that contradict or rebut `claim`, or that it contradicts or rebuts."""
    visible = fact_checks()
    relations = (
        ClaimRelation.objects.filter(kind__in=ClaimRelation.COMPETING)
        .filter(Q(from_claim=claim, to_claim__in=visible) | Q(to_claim=claim, from_claim__in=visible))
        .select_related("from_claim__rating", "to_claim__rating")
        .order_by("id")
    )
    found = []
    for relation in relations:
        other_is_from = relation.to_claim_id == claim.pk
        other = relation.from_claim if other_is_from else relation.to_claim
        found.append(Competitor(other, _RELATION_WORDS[(ClaimRelation.Kind(relation.kind), other_is_from)]))
    prefetch_related_objects([c.claim for c in found], _appearances())
    return found


def claimants_of(claim: Claim) -> list[Speaker]:
    """The speakers who make or repeat the claim, in the order they said it, from the prefetched
    `public_appearances` (no query); those quoted at all when nobody is quoted making it."""
    appearances: list[ClaimAppearance] = getattr(claim, "public_appearances", [])
    making = [a for a in appearances if a.stance in CLAIMANT_STANCES] or appearances
    seen: dict[int, Speaker] = {}
    for appearance in making:
        seen.setdefault(appearance.quote.speaker_id, appearance.quote.speaker)
    return list(seen.values())


@dataclass(frozen=True)
class Side:
    claims: list[Claim]

    @property
    def claimants(self) -> list[Speaker]:
        seen: dict[int, Speaker] = {}
        for claim in self.claims:
            for speaker in claimants_of(claim):
                seen.setdefault(speaker.pk, speaker)
        return list(seen.values())


@dataclass(frozen=True)
class CompetingGroup:
    """Claims linked by contradicts/rebuts, arranged in sides: claims on one side agree with each other
    and compete with every claim on the other. When the links do not split into two sides (three
    claims that each contradict the others), every claim is its own side."""

    start: Claim
    sides: list[Side]


def competing_group(slug: str) -> CompetingGroup | None:
    """The group of competing claims that the public fact-check `slug` belongs to, or None if it has no
    public competitor."""
    visible = fact_checks()
    start = visible.filter(slug=slug).values_list("pk", flat=True).first()
    if start is None:
        return None
    side_of, odd_cycle = _two_colour(start, visible)
    if len(side_of) < 2:
        return None
    claims = {
        c.pk: c
        for c in visible.filter(pk__in=side_of).select_related("rating").prefetch_related(_appearances())
    }
    ordered = sorted(claims.values(), key=lambda c: (side_of[c.pk], c.published_at, c.pk))
    if odd_cycle:
        sides = [Side([c]) for c in ordered]
    else:
        sides = [Side([c for c in ordered if side_of[c.pk] == side]) for side in (0, 1)]
    return CompetingGroup(start=claims[start], sides=sides)


def _two_colour(start: int, visible: QuerySet[Claim]) -> tuple[dict[int, int], bool]:
    """Walk the competing links from `start`, one query per step outwards; a claim and its competitor
    get opposite sides. Returns each claim's side and whether some link joined two claims of one side."""
    side_of = {start: 0}
    frontier = deque([start])
    odd_cycle = False
    while frontier and len(side_of) < MAX_COMPETING_GROUP:
        ring = set(frontier)
        frontier.clear()
        links = (
            ClaimRelation.objects.filter(kind__in=ClaimRelation.COMPETING)
            .filter(Q(from_claim__in=ring) | Q(to_claim__in=ring))
            .filter(from_claim__in=visible, to_claim__in=visible)
            .values_list("from_claim_id", "to_claim_id")
            .order_by("id")
        )
        for a, b in links:
            for here, there in ((a, b), (b, a)):
                if here not in side_of or here not in ring:
                    continue
                if there not in side_of:
                    if len(side_of) >= MAX_COMPETING_GROUP:
                        break
                    side_of[there] = 1 - side_of[here]
                    frontier.append(there)
                elif side_of[there] == side_of[here]:
                    odd_cycle = True
    return side_of, odd_cycle


# --- speakers -------------------------------------------------------------------------------------


def speaker_detail(slug: str) -> Speaker | None:
    """A speaker with at least one public fact-check, with their aliases."""
    return speakers_visible_to(READER).filter(slug=slug).prefetch_related("aliases").first()


def speaker_fact_checks(speaker: Speaker) -> QuerySet[Claim]:
    """Public fact-checks of claims the speaker made or repeated, newest first."""
    return fact_check_list(speaker=speaker.slug)


def speaker_quoted_disputing(speaker: Speaker) -> QuerySet[Claim]:
    """Public fact-checks in which the speaker is quoted disputing the claim (not counted as theirs)."""
    disputing = ClaimAppearance.objects.filter(
        claim=OuterRef("pk"), quote__speaker=speaker, stance=ClaimAppearance.Stance.DISPUTES
    )
    return (
        fact_checks()
        .filter(Exists(disputing))
        .exclude(_claimed_by(speaker.slug))
        .select_related("rating")
        .prefetch_related(_appearances())
        .order_by("-published_at", "-id")
    )


@dataclass(frozen=True)
class ScoreRow:
    rating: Rating
    count: int
    share: float  # of the largest count, 0..1, for the bar's length


def speaker_scorecard(speaker: Speaker) -> list[ScoreRow]:
    """How often each verdict was given to the speaker's claims: our own published fact-checks only
    (retracted verdicts are withdrawn; imported ones are other fact-checkers' verdicts). One row per
    rating of the default scale, and any other rating given, truest first."""
    counted = (
        fact_checks()
        .filter(state=Claim.State.PUBLISHED, imported_from_url="")
        .filter(_claimed_by(speaker.slug))
    )
    counts = dict(
        counted.order_by().values_list("rating_id").annotate(n=Count("pk")).values_list("rating_id", "n")
    )
    ratings = ratings_visible_to(READER).filter(Q(scale__is_default=True) | Q(pk__in=list(counts)))
    rows = sorted(ratings, key=lambda r: (-r.value, r.pk))
    most = max(counts.values(), default=0)
    return [ScoreRow(r, counts.get(r.pk, 0), counts.get(r.pk, 0) / most if most else 0.0) for r in rows]


# --- feeds ----------------------------------------------------------------------------------------


def feed_fact_checks(*, speaker: Speaker | None = None) -> QuerySet[Claim]:
    """What the feeds publish: our own published fact-checks (not retracted, not imported), newest
    first, ready for claimreview_for()."""
    claims = fact_checks().filter(state=Claim.State.PUBLISHED, imported_from_url="")
    if speaker is not None:
        claims = claims.filter(_claimed_by(speaker.slug))
    return for_claimreview(claims).prefetch_related("topics").order_by("-published_at", "-id")


@dataclass(frozen=True)
class FeedVersion:
    """What an HTTP validator is made of: how many fact-checks, and when any of them (or what they
    show: speakers, quotes, sources, ratings) last changed."""

    count: int
    changed: datetime.datetime | None

    @property
    def etag(self) -> str:
        stamp = self.changed.isoformat() if self.changed else "never"
        return f"{self.count}-{stamp}"


def latest_change(claims: QuerySet[Claim]) -> FeedVersion:
    """One aggregate query: how many of these fact-checks, and the newest change to anything their
    pages, feeds and ClaimReview show (the claim, its rating, quotes, their speakers and sources,
    citations and their sources, corrections). Feeds' and pages' HTTP validators are made of it."""
    found = claims.order_by().aggregate(
        count=Count("pk", distinct=True),
        changed=Greatest(
            Max("updated_at"),
            Max("rating__updated_at"),
            Max("appearances__updated_at"),
            Max("appearances__quote__updated_at"),
            Max("appearances__quote__speaker__updated_at"),
            Max("appearances__quote__source__updated_at"),
            Max("citations__updated_at"),
            Max("citations__source__updated_at"),
            Max("corrections__created_at"),  # corrections are never edited
        ),
    )
    return FeedVersion(found["count"], found["changed"])


def feed_version(*, speaker: Speaker | None = None) -> FeedVersion:
    """The validator of a feed: our published fact-checks (a speaker's, for their feed)."""
    claims = fact_checks().filter(state=Claim.State.PUBLISHED, imported_from_url="")
    if speaker is not None:
        claims = claims.filter(_claimed_by(speaker.slug))
    return latest_change(claims)


def has_our_claimreview(claim: Claim) -> bool:
    """Our ClaimReview markup goes on our own published fact-checks only: a retracted verdict is
    withdrawn, and an imported one is another fact-checker's (whose page carries their markup)."""
    return claim.state == Claim.State.PUBLISHED and not claim.imported_from_url
