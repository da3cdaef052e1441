"""The text search configurations the database keeps for us, one per language with a stemmer.

Every configuration is a copy of PostgreSQL's own for that language with the `unaccent` dictionary in
front of the stemmer, so "Zelenskyy" matches "Zelenskyy" and "São Paulo" matches "Sao Paulo" whatever
the reader types. `factcheck_simple` does the same without stemming: it is the language-neutral
fallback that every vector also carries, so a word the stemmer would mangle, a name, or a text in a
language with no stemmer still matches as written.

`factcheck_newsroom` is the configuration of the newsroom's own language (NEWSROOM_LANGUAGE, read when
the migration that creates it runs): statements, summaries, analyses and the words of quotes as we
publish them are in that language. A quote's original-language words use their own language's
configuration, chosen by `factcheck_search_config(original_language)`.
"""

from __future__ import annotations

# ISO 639-1 code → PostgreSQL's Snowball configuration (those present in every PostgreSQL from 15 on).
STEMMERS: dict[str, str] = {
    "ar": "arabic",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hu": "hungarian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}

SIMPLE = "factcheck_simple"
NEWSROOM = "factcheck_newsroom"
# Token types that can carry letters with accents; ASCII-only token types need no unaccenting.
_ACCENTED_TOKENS = "hword, hword_part, word"


def config_for(language: str) -> str:
    """The configuration for a language tag ("en", "pt-BR", "uk"), or the language-neutral one."""
    stemmer = STEMMERS.get(language.split("-")[0].lower())
    return f"factcheck_{stemmer}" if stemmer else SIMPLE


def _create_config(name: str, copy_of: str, dictionary: str) -> list[str]:
    return [
        f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {copy_of})",
        f"ALTER TEXT SEARCH CONFIGURATION {name} "
        f"ALTER MAPPING FOR {_ACCENTED_TOKENS} WITH unaccent, {dictionary}",
    ]


def create_statements(newsroom_language: str) -> list[str]:
    """SQL creating every configuration and the language → configuration function."""
    statements = _create_config(SIMPLE, "pg_catalog.simple", "simple")
    for stemmer in sorted(set(STEMMERS.values())):
        statements += _create_config(f"factcheck_{stemmer}", f"pg_catalog.{stemmer}", f"{stemmer}_stem")
    statements.append(f"CREATE TEXT SEARCH CONFIGURATION {NEWSROOM} (COPY = {config_for(newsroom_language)})")
    statements.append(search_config_function())
    return statements


def search_config_function(*, schema: str = "", replace: bool = False) -> str:
    """SQL creating `factcheck_search_config(language)`. With `schema`, the configurations it names are
    qualified with it, so the function works under any search_path: pg_restore runs with an empty one
    while it computes the generated search columns (see operations/migrations)."""
    prefix = f"{schema}." if schema else ""
    cases = " ".join(
        f"WHEN '{code}' THEN '{prefix}{config_for(code)}'::regconfig" for code in sorted(STEMMERS)
    )
    return (
        f"CREATE {'OR REPLACE ' if replace else ''}FUNCTION factcheck_search_config(language text) "
        "RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
        f"SELECT CASE split_part(lower(coalesce(language, '')), '-', 1) {cases} "
        f"ELSE '{prefix}{SIMPLE}'::regconfig END $$"
    )


def drop_statements() -> list[str]:
    names = [SIMPLE, NEWSROOM, *sorted({f"factcheck_{s}" for s in STEMMERS.values()})]
    return [
        "DROP FUNCTION IF EXISTS factcheck_search_config(text)",
        *(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}" for name in names),
    ]
