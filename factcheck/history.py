"""Every change to the newsroom's records is kept: inserts, updates and deletes, written by database
triggers (django-pghistory), so `queryset.update()`, bulk operations and raw SQL are recorded too.

`tracked` is the one decorator every recorded model wears; its event model is named <Model>Event and
lives beside it. Who made a change comes from `pghistory.context(user=...)`, entered by the request
middleware and by services that act for a user.
"""

from __future__ import annotations

from typing import TypeVar

import pghistory
from django.db import models

M = TypeVar("M", bound=type[models.Model])


def tracked(model: M) -> M:
    return pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())(model)
