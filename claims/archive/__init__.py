"""A synthetic archive at newsroom scale, for benchmarks and load tests (`manage.py generate_archive`).

`text` draws news-like prose (Zipf-distributed words, log-normal lengths); `generate` writes speakers,
sources, quotes, claims and their links with COPY, in one transaction.
"""
