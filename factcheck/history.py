"""Every change to the newsroom's records is kept: inserts, updates and deletes, written by database
triggers (django-pghistory), so `queryset.update()`, bulk operations and raw SQL are recorded too.

`tracked` is the one decorator every recorded model wears; its event model is named <Model>Event and
lives beside it. Who made a change comes from `pghistory.context(user=...)`, entered by the request
middleware and by services that act for a user.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, overload

import pghistory
from django.db import models

M = TypeVar("M", bound=type[models.Model])


@overload
def tracked(model: M) -> M: ...
@overload
def tracked(*, untracked: tuple[str, ...]) -> Callable[[M], M]: ...
def tracked(model: M | None = None, *, untracked: tuple[str, ...] = ()) -> M | Callable[[M], M]:
    """Record every insert, update and delete of `model`.

    `untracked` names columns the database derives (search vectors, visibility flags): they are left out
    of the history, and a change to them alone records no event.
    """

    def track(model: M) -> M:
        events = (pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
        return pghistory.track(*events, exclude=list(untracked) or None)(model)

    return track(model) if model is not None else track
