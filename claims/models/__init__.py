"""Who said what, and what it is worth: speakers, their quotes, the claims those quotes make, ratings,
and the review of claims.

Invariants that must hold whatever code writes the row live in PostgreSQL as named constraints and
triggers; rules that span rows of several models live in claims/services.py. Only claims/workflow.py
changes a claim's workflow state.
"""

from claims.models.claims import Citation, Claim, ClaimAppearance, ClaimRelation
from claims.models.quotes import Quote
from claims.models.ratings import Rating, RatingScale, Topic
from claims.models.review import Comment, Correction, RatingVote, ReviewEvent
from claims.models.speakers import Speaker, SpeakerAlias

__all__ = [
    "Citation",
    "Claim",
    "ClaimAppearance",
    "ClaimRelation",
    "Comment",
    "Correction",
    "Quote",
    "Rating",
    "RatingScale",
    "RatingVote",
    "ReviewEvent",
    "Speaker",
    "SpeakerAlias",
    "Topic",
]
