"""Reading ClaimReview as fact-checkers publish it: one review, a list, an @graph or a DataFeed; author as
a string or an object; itemReviewed missing, a Claim or a CreativeWork; ratings with or without numbers;
dates with or without a time. Pure functions: no database.

`parse_claimreview` turns one record into a `ParsedReview` or raises `RecordError` saying, in words for
the person importing, what is wrong with it. This module never guesses: a value of the wrong type is an
error, and a missing optional value is left empty.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from claims.models import Quote, Speaker
from sources.models import Source


class RecordError(Exception):
    """A record that cannot be imported; the message says why, for the person importing."""


class NotAClaimReview(RecordError):
    """A record of another type (a WebPage beside the ClaimReview): skipped, not failed."""


@dataclass(frozen=True)
class ParsedPerson:
    name: str
    kind: str
    role: str
    wikidata_qid: str


@dataclass(frozen=True)
class ParsedQuotation:
    text: str
    speaker: ParsedPerson | None
    said_on: datetime.date | None
    precision: str
    kind: str


@dataclass(frozen=True)
class ParsedWork:
    """A document: where the claim appeared, or a source the review cites."""

    url: str
    title: str
    published_on: datetime.date | None
    publisher: str
    archive_url: str
    kind: str
    quotations: tuple[ParsedQuotation, ...]


@dataclass(frozen=True)
class ParsedReview:
    url: str
    statement: str
    short_statement: str
    rating_name: str
    publisher_name: str
    summary: str
    headline: str
    review_date: datetime.date | None
    claimant: ParsedPerson | None
    claim_date: datetime.date | None
    claim_date_precision: str
    works: tuple[ParsedWork, ...]
    citations: tuple[ParsedWork, ...]


def claimreview_records(data: object) -> list[tuple[str, object]]:
    """Every record in `data`, with where it is: a ClaimReview ("$"), a list ("$[2]"), a DataFeed
    ("$.dataFeedElement[0].item[1]") or an @graph, where nodes of other types are left out."""
    found: list[tuple[str, object]] = []

    def walk(node: object, path: str, strict: bool) -> None:
        if isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, f"{path}[{index}]", strict)
        elif isinstance(node, dict):
            types = _types(node)
            if "DataFeed" in types:
                walk(node.get("dataFeedElement", []), f"{path}.dataFeedElement", True)
            elif "DataFeedItem" in types:
                walk(node.get("item", []), f"{path}.item", strict)
            elif "@graph" in node and "ClaimReview" not in types:
                walk(node["@graph"], f"{path}.@graph", False)
            elif strict or "ClaimReview" in types:
                found.append((path, node))
        elif strict:
            found.append((path, node))

    walk(data, "$", True)
    return found


def parse_claimreview(record: object) -> ParsedReview:
    """One ClaimReview as published in the wild, read into what the import needs; RecordError says what
    is wrong with it. Pure: no database."""
    if not isinstance(record, dict):
        raise RecordError(f"expected a ClaimReview object, found {_kind_of(record)}")
    types = _types(record)
    if types and "ClaimReview" not in types:
        raise NotAClaimReview(f"not a ClaimReview (@type {', '.join(sorted(types))})")
    url = _text(record, "url", required=True)
    claim_reviewed = _text(record, "claimReviewed", required=True)
    rating_node = _first(record.get("reviewRating"))
    rating_name = _rating_name(rating_node)
    found = _first(record.get("itemReviewed"))
    if found is not None and not isinstance(found, dict | str):
        raise RecordError(f"itemReviewed must be an object, found {_kind_of(found)}")
    item: dict[str, Any] = found if isinstance(found, dict) else {}
    full = _text(item, "name") if "Claim" in _types(item) else ""
    statement = full if len(full) >= len(claim_reviewed) else claim_reviewed
    short = claim_reviewed if statement != claim_reviewed and len(claim_reviewed) <= 75 else ""
    works = [_work(node) for node in [*_many(item.get("firstAppearance")), *_many(item.get("appearance"))]]
    if "Claim" not in _types(item) and (_text(item, "url") or _text(item, "headline")):
        works.insert(0, _work(item))  # an older shape: itemReviewed is the CreativeWork itself
    explanation = _text(rating_node, "ratingExplanation") if isinstance(rating_node, dict) else ""
    claim_date, claim_date_precision = _date(item.get("datePublished"))
    return ParsedReview(
        url=url,
        statement=statement,
        short_statement=short,
        rating_name=rating_name,
        publisher_name=_publisher(record, url),
        summary=explanation or _text(record, "reviewBody") or _text(record, "description"),
        headline=_text(record, "headline") or _text(record, "name"),
        review_date=_date(record.get("datePublished"))[0],
        claimant=_person(item.get("author"), "itemReviewed.author"),
        claim_date=claim_date,
        claim_date_precision=claim_date_precision,
        works=_unique(works),
        citations=_unique([_work(node) for node in _many(record.get("citation"))]),
    )


def _kind_of(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _types(node: object) -> set[str]:
    """@type values without their prefixes ("schema:Claim", "http://schema.org/Claim" → "Claim")."""
    if not isinstance(node, dict):
        return set()
    raw = node.get("@type", [])
    values = raw if isinstance(raw, list) else [raw]
    return {v.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if isinstance(v, str)}


def _first(value: object) -> object:
    if isinstance(value, list):
        return next((item for item in value if item not in (None, "", {})), None)
    return value


def _many(value: object) -> list[object]:
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def _text(node: object, key: str, *, required: bool = False, collapse: bool = True) -> str:
    value = _first(node.get(key)) if isinstance(node, dict) else None
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    if value is None or value == "":
        if required:
            raise RecordError(f"{key} is missing")
        return ""
    if not isinstance(value, str):
        if required or not isinstance(value, int | float) or isinstance(value, bool):
            raise RecordError(f"{key} must be text, found {_kind_of(value)}")
        value = str(value)
    text = " ".join(value.split()) if collapse else value.strip()
    if required and not text:
        raise RecordError(f"{key} is empty")
    return text


def _rating_name(node: object) -> str:
    if node is None:
        raise RecordError("reviewRating is missing")
    if isinstance(node, str):
        name = " ".join(node.split())
    elif isinstance(node, dict):
        name = _text(node, "alternateName") or _text(node, "name")
    else:
        raise RecordError(f"reviewRating must be a Rating object, found {_kind_of(node)}")
    if not name:
        raise RecordError(
            "reviewRating has no alternateName or name: ratings are mapped by name, and numbers alone are "
            "not guessed"
        )
    return name


_ORGANISATION_TYPES = {"Corporation", "NGO", "PoliticalParty", "Project", "GovernmentOrganization"}
_WIKIDATA = re.compile(r"wikidata\.org/(?:wiki|entity)/(Q[1-9][0-9]*)\b")


def _person(value: object, where: str) -> ParsedPerson | None:
    value = _first(value)
    if value is None:
        return None
    if isinstance(value, str):
        name = " ".join(value.split())
        return ParsedPerson(name[:200], Speaker.Kind.PERSON, "", "") if name else None
    if not isinstance(value, dict):
        raise RecordError(f"{where} must be a name or a Person or Organization, found {_kind_of(value)}")
    name = _text(value, "name") or _text(value, "alternateName")
    if not name:
        return None
    types = _types(value)
    organisation = bool(types & _ORGANISATION_TYPES) or any(t.endswith("Organization") for t in types)
    role = _text(value, "jobTitle") or (_text(value, "description") if organisation else "")
    qid = ""
    for candidate in (*_many(value.get("sameAs")), value.get("@id"), value.get("url")):
        match = _WIKIDATA.search(candidate) if isinstance(candidate, str) else None
        if match:
            qid = match.group(1)
            break
    kind = Speaker.Kind.ORGANISATION if organisation else Speaker.Kind.PERSON
    return ParsedPerson(name[:200], kind, role[:200], qid)


def _publisher(record: dict[str, Any], url: str) -> str:
    for key in ("author", "publisher"):
        value = _first(record.get(key))
        name = " ".join(value.split()) if isinstance(value, str) else _text(value, "name")
        if name:
            return name[:200]
    return urlsplit(url).hostname or "an unnamed fact-checker"


_SOURCE_KINDS = {
    "VideoObject": Source.Kind.VIDEO,
    "AudioObject": Source.Kind.AUDIO,
    "PodcastEpisode": Source.Kind.AUDIO,
    "SocialMediaPosting": Source.Kind.SOCIAL_POST,
    "DiscussionForumPosting": Source.Kind.SOCIAL_POST,
    "DigitalDocument": Source.Kind.OFFICIAL_DOCUMENT,
}
_QUOTE_KINDS = {label.casefold(): value for value, label in Quote.Kind.choices}


def _web_address(text: str) -> str:
    return text if urlsplit(text).scheme in ("http", "https") else ""


def _work(value: object) -> ParsedWork:
    if isinstance(value, str):
        return ParsedWork(_web_address(value.strip()), "", None, "", "", Source.Kind.ARTICLE, ())
    if not isinstance(value, dict):
        raise RecordError(f"an appearance must be a URL or a CreativeWork, found {_kind_of(value)}")
    publisher = _first(value.get("publisher"))
    types = _types(value)
    quotations = [_quotation(node) for node in _many(value.get("hasPart")) if "Quotation" in _types(node)]
    return ParsedWork(
        url=_web_address(_text(value, "url")),
        title=_text(value, "headline") or _text(value, "name"),
        published_on=_date(value.get("datePublished"))[0],
        publisher=" ".join(publisher.split()) if isinstance(publisher, str) else _text(publisher, "name"),
        archive_url=_web_address(_text(value, "archivedAt")),
        kind=next((_SOURCE_KINDS[t] for t in types if t in _SOURCE_KINDS), Source.Kind.ARTICLE),
        quotations=tuple(q for q in quotations if q is not None),
    )


def _quotation(node: object) -> ParsedQuotation | None:
    text = _text(node, "text", collapse=False)
    if not isinstance(node, dict) or not text:
        return None
    said_on, precision = _date(node.get("dateCreated") or node.get("datePublished"))
    speaker = _person(node.get("creator") or node.get("spokenByCharacter") or node.get("author"), "creator")
    kind = _QUOTE_KINDS.get(_text(node, "description").casefold(), Quote.Kind.DIRECT)
    return ParsedQuotation(text, speaker, said_on, precision, kind)


def _unique(works: list[ParsedWork]) -> tuple[ParsedWork, ...]:
    """Works named twice (firstAppearance is usually also in appearance) once, keeping the one that
    carries quotes; works with neither a URL nor a title or quotes are dropped."""
    kept: dict[tuple[str, str], ParsedWork] = {}
    for work in works:
        if not (work.url or work.title or work.quotations):
            continue
        key = (work.url, "" if work.url else work.title)
        if key not in kept or (work.quotations and not kept[key].quotations):
            kept[key] = work
    return tuple(kept.values())


_DATE_FORMATS = ("%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y", "%Y/%m/%d", "%d/%m/%Y")


def _date(value: object) -> tuple[datetime.date | None, str]:
    """A date as fact-checkers write it ("2025-05-21", "2025-05-21T10:00:00Z", "2025-05", "2025",
    "May 21, 2025"), with its precision; (None, "unknown") for anything else."""
    value = _first(value)
    if not isinstance(value, str):
        return None, Quote.Precision.UNKNOWN
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return datetime.date(int(text), 1, 1), Quote.Precision.YEAR
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return datetime.date(int(text[:4]), int(text[5:]), 1), Quote.Precision.MONTH
        if re.match(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.date.fromisoformat(text[:10]), Quote.Precision.DAY
    except ValueError:
        return None, Quote.Precision.UNKNOWN
    for pattern in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date(), Quote.Precision.DAY  # noqa: DTZ007
        except ValueError:
            continue
    return None, Quote.Precision.UNKNOWN
