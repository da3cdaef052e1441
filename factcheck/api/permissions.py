"""Who may call the API at all. What each person may then do is decided by services and the workflow.

Anyone may read (and sees only what the visibility selectors allow); only newsroom staff (Reporter and
Editor groups, superusers) may write.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import SAFE_METHODS, BasePermission

from claims.roles import is_editor, is_newsroom_staff


class ReadOnlyUnlessNewsroom(BasePermission):
    message = "Only the newsroom's reporters and editors may change records; log in or send a token."

    def has_permission(self, request: Any, view: Any) -> bool:
        return request.method in SAFE_METHODS or is_newsroom_staff(request.user)


class NewsroomOnly(BasePermission):
    """Internal resources (comments, history): staff only, even for reading."""

    message = "This is internal to the newsroom."

    def has_permission(self, request: Any, view: Any) -> bool:
        return is_newsroom_staff(request.user)


class EditorsDelete(BasePermission):
    message = "Only editors delete records."

    def has_permission(self, request: Any, view: Any) -> bool:
        return request.method != "DELETE" or is_editor(request.user)


def actor(request: Any) -> User:
    """The logged-in person a write acts for. Views that write are behind ReadOnlyUnlessNewsroom, so
    this only fails if a view forgot its permission class: refuse rather than act anonymously."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise NotAuthenticated()
    return user
