"""Normal forms of names and quoted words, so that spellings that differ only in typography match.

Pure Python with no Django import: the quote extractor, the models and the services all use it, and it
must stay importable without settings. It never changes what is stored as said; it only computes the
keys that uniqueness and look-ups compare.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")

# Typographic variants that writers and CMSs swap freely; a quote copied from two sites must still match.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark, also the typographic apostrophe
        "\u201a": "'",  # single low-9 quotation mark
        "\u201b": "'",  # single high-reversed-9 quotation mark
        "\u2032": "'",  # prime, often typed for an apostrophe
        "\u0060": "'",  # grave accent used as an opening quote
        "\u00b4": "'",  # acute accent used as an apostrophe
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2039": "'",
        "\u203a": "'",
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2212": "-",  # minus sign
        "\u2026": "...",  # horizontal ellipsis
    }
)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def collapse_whitespace(text: str) -> str:
    """Every run of whitespace (including line breaks and no-break spaces) becomes one space."""
    return _WHITESPACE.sub(" ", text).strip()


def normalise_name(name: str) -> str:
    """The key under which a speaker's name or alias is looked up.

    Case, accents, typographic apostrophes and whitespace do not matter: "Zelenskyy", "ZELENSKYY" and
    "Zelénskyy" share a key. Spelling does matter ("Zelensky" is a different key); fuzzy matching is a
    search concern, not an identity one.
    """
    return collapse_whitespace(strip_accents(name).translate(_TYPOGRAPHY).casefold())


def normalise_quote(text: str) -> str:
    """The form in which two logged quotations are compared for being the same words.

    Case, whitespace, quote-mark and dash typography and the ellipsis character do not matter; accents
    do (in many languages they change the word).
    """
    return collapse_whitespace(unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).casefold())


def quote_fingerprint(text: str) -> str:
    """SHA-256 of the normalised words: fixed-length, so a unique index holds for quotes of any length."""
    return hashlib.sha256(normalise_quote(text).encode("utf-8")).hexdigest()
