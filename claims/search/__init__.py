"""Search at archive scale: ranked full-text search, similar claims and quotes, fuzzy speaker look-up.

- `languages`: the text search configurations (stemming per language, accents ignored).
- `vectors`: the expressions of the search vectors PostgreSQL keeps in generated columns.
- `fulltext`: ranked search with web-search syntax and highlighted snippets.
- `similar`: the nearest claims and quotes to any text, with a score.
- `speakers`: speakers by a name as people type it ("Shyriaev", "V. Putin").

Everything searches within what the person asking may see: candidates come from the visibility
selectors' rule (claims.selectors) and the rows shown are fetched through them.
This package imports no models at its top, so models can import `languages` and `vectors`.
"""
