"""Shared machinery of the REST API: errors, conditional writes, pagination, permissions, body limits.

The resources themselves live in each app's `api/` package; nothing here knows about claims or sources.
"""
