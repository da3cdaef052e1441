"""Admin registrations: data repair for editors. The daily work happens on the desk."""

from claims.admin import records, review

__all__ = ["records", "review"]
