"""Making, checking and revoking API tokens. Views, the admin and the management commands call these.

A key is 40 random URL-safe characters from `secrets`; what is stored is its SHA-256 digest (a fast hash
is right here: the key has 240 bits of entropy, so there is nothing to brute-force, and every API request
checks one). This module must never store, log or return a key except from `token_create`.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken

# last_used_at is written at most this often per token, so a busy tool does not write on every request.
LAST_USED_RESOLUTION = timedelta(minutes=5)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    key: str  # shown to the person once; never stored


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str) -> NewToken:
    """A new token for the user; the returned key is the only copy there will ever be."""
    key = secrets.token_urlsafe(30)
    while not key[0].isalnum():  # a prefix starting with "-" would read as an option on a command line
        key = secrets.token_urlsafe(30)
    token = ApiToken(user=user, name=name.strip() or "API token", prefix=key[:8], digest=digest_of(key))
    token.full_clean()
    token.save()
    return NewToken(token=token, key=key)


def token_authenticate(key: str) -> ApiToken | None:
    """The active token with this key (and its active user), or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest_of(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


@transaction.atomic
def token_revoke(*, token: ApiToken) -> ApiToken:
    """Stops the token working at once; revoking a revoked token changes nothing."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at", "updated_at"])
    return locked


def tokens_revoke_for(*, user: User) -> int:
    """Revokes every active token of the user (leaving the newsroom, a lost laptop); how many."""
    now = timezone.now()
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now, updated_at=now)
