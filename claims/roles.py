"""The newsroom's roles, read from Django groups: Reporter and Editor. Superusers count as editors.

Roles say what a person may do; the two-person rule (nobody approves or publishes their own claim)
applies to everyone, superusers included, and lives in claims/workflow.py.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

REPORTER = "Reporter"
EDITOR = "Editor"

AnyUser = User | AnonymousUser


def _groups(user: AnyUser) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    # Cached on the user object: role checks run several times per request.
    cached: set[str] | None = getattr(user, "_newsroom_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._newsroom_groups = cached  # type: ignore[attr-defined]
    return cached


def is_editor(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or EDITOR in _groups(user)))


def is_newsroom_staff(user: AnyUser) -> bool:
    """Reporters and editors: the people who see drafts, comments and the review timeline."""
    return is_editor(user) or REPORTER in _groups(user)
