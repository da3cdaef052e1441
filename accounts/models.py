"""API tokens that newsroom tools send as `Authorization: Token <key>`.

Only a SHA-256 digest of each key is stored: the key is shown once, when it is made, and a copy of the
database (a backup, a replica, a leaked dump) holds nothing that opens the API. A token is revoked by
marking it so; the row stays, so the audit trail keeps who had which token and when it stopped working.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class ApiToken(models.Model):
    """A key a person's newsroom tool uses to call the API on their behalf, revocable at any time."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for: “CMS plug-in”.")
    # The first characters of the key, kept in clear so a person can tell their tokens apart in a list.
    prefix = models.CharField(max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(digest__regex=r"^[0-9a-f]{64}$"),
                name="%(app_label)s_%(class)s_digest_sha256",
                violation_error_message="A token's digest is a SHA-256 hex digest.",
            ),
        ]
        indexes = [
            # "this person's tokens" in the token list and the admin
            models.Index(fields=["user", "-created_at"], name="accounts_token_user_created"),
        ]

    def __str__(self) -> str:
        state = "revoked" if self.revoked_at else "active"
        return f"{self.prefix}… ({self.name}, {state})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
