"""DRF authentication by `Authorization: Token <key>`, against the hashed keys of accounts.models."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from accounts.models import ApiToken
from accounts.services import token_authenticate


class HashedTokenAuthentication(TokenAuthentication):
    """The header format of DRF's TokenAuthentication (so clients need no change); the lookup by digest."""

    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[User, ApiToken]:
        token = token_authenticate(key)
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        return self.keyword
