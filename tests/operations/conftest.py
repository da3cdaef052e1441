"""The public site's newsroom fixture, for the HTTP caching tests."""

from tests.public.conftest import newsroom

__all__ = ["newsroom"]
