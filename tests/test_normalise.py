"""Names and quoted words compare the way a reporter would compare them by eye."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.normalise import normalise_name, normalise_quote, quote_fingerprint


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Vladimir Putin", "vladimir putin"),
        ("VLADIMIR Putin", "vladimir putin"),
        ("  Vladimir \n\t Putin ", "vladimir putin"),
        ("Vladimir\u00a0Putin", "vladimir putin"),  # no-break space from a CMS
        ("Zelénskyy", "zelenskyy"),
        ("Oleh Shyriaiev", "oleh shyriaiev"),
        ("Straße", "strasse"),  # casefold, not lower
        ("O’Brien", "o'brien"),  # typographic apostrophe
        ("Ｐｕｔｉｎ", "putin"),  # full-width letters
        ("Владимир Путин", "владимир путин"),
        ("Володимир Зеленський", "володимир зеленськии"),  # combining marks dropped in Cyrillic too
    ],
)
def test_alias_normalisation(written: str, key: str) -> None:
    assert normalise_name(written) == key


def test_spelling_still_matters() -> None:
    assert normalise_name("Zelensky") != normalise_name("Zelenskyy")


def test_quotes_compare_despite_typography() -> None:
    a = "The Kyiv regime’s adventure has completely failed."
    b = "  the Kyiv regime's adventure\nhas completely failed. "
    assert normalise_quote(a) == normalise_quote(b)
    assert quote_fingerprint(a) == quote_fingerprint(b)
    assert normalise_quote("These are not territorial successes… But") == normalise_quote(
        "These are not territorial successes... but"
    )
    assert normalise_quote("“eternal war”") == normalise_quote('"eternal war"')
    assert quote_fingerprint("We are working – fighting") == quote_fingerprint("We are working - fighting")


def test_accents_in_quoted_words_matter() -> None:
    # "pêche" (fishing) and "péché" (sin) are different words: quotes keep their accents.
    assert normalise_quote("pêche") != normalise_quote("péché")


@given(st.text())
def test_normal_forms_are_idempotent(text: str) -> None:
    assert normalise_name(normalise_name(text)) == normalise_name(text)
    assert normalise_quote(normalise_quote(text)) == normalise_quote(text)
    assert len(quote_fingerprint(text)) == 64


@given(st.text(alphabet=string.ascii_letters + " \t\n", max_size=50))
def test_case_and_spacing_never_matter_for_names(text: str) -> None:
    assert normalise_name(text.swapcase()) == normalise_name(text) == normalise_name(f"  {text}  ")
