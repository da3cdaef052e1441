"""The quote extractor: article text in, every quotation out, attributed to its speaker.

Pure Python, importable without Django settings, with no network and no language model: rules, patterns
and small word lists. `extract_quotes` is the entry point; `evaluation` measures it against annotated
articles. Nothing here writes to the database; the API and the desk decide what to log.
"""

from claims.extraction.extractor import CandidateQuote, extract_quotes
from claims.extraction.speakers import KnownSpeaker, ProposedSpeaker

__all__ = ["CandidateQuote", "KnownSpeaker", "ProposedSpeaker", "extract_quotes"]
