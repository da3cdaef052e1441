"""schema.org ClaimReview, out and in.

- `claimreview_for(claim, base_url=...)` (markup.py): our ClaimReview of one fact-check, for the page,
  the feeds and the API; `claimreview_datafeed(...)` wraps many in a Data Commons DataFeed.
- `import_claimreviews(data, editor=...)` (importer.py): other fact-checkers' ClaimReview in, each record
  in its own transaction, published through the workflow; returns an `ImportReport`.
- wild.py reads the shapes ClaimReview takes in the wild (pure, no database).

The REST API (`GET /api/v1/claims/{id}/claimreview/`, `POST /api/v1/claimreview/import/`) calls these
same two functions; nothing else builds or reads ClaimReview.
"""

from claims.claimreview.importer import (
    IMPORT_USERNAME,
    ImportReport,
    RatingMapError,
    RecordOutcome,
    import_author,
    import_claimreviews,
)
from claims.claimreview.markup import claim_reviewed, claimreview_datafeed, claimreview_for, review_url
from claims.claimreview.wild import RecordError, claimreview_records, parse_claimreview

__all__ = [
    "IMPORT_USERNAME",
    "ImportReport",
    "RatingMapError",
    "RecordError",
    "RecordOutcome",
    "claim_reviewed",
    "claimreview_datafeed",
    "claimreview_for",
    "claimreview_records",
    "import_author",
    "import_claimreviews",
    "parse_claimreview",
    "review_url",
]
