"""The default rating scale as its migration writes it, for tests that run after a flush."""

from __future__ import annotations

import importlib

create_default_scale = importlib.import_module(
    "claims.migrations.0002_default_rating_scale"
).create_default_scale
