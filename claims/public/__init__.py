"""The public site: fact-check pages, speaker pages, competing claims, search and feeds.

Read-only. Everything here shows what an anonymous reader may see, for everyone (staff included), and
starts from the visibility selectors in claims/selectors.py; it never writes a row.
"""
