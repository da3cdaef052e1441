"""Django database backend: PostgreSQL, on the embedded server that `ensure_server()` keeps running.

Everything but the address is Django's own PostgreSQL backend. The address is looked up when a
connection (or the connection pool) is about to be made, not when settings are imported, so commands
that never touch the database (`check`, `mypy`'s Django plugin, `--help`) do not start a server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db.backends.postgresql import base as postgresql

from factcheck.embedded_db import SUPERUSER, ensure_server


class DatabaseWrapper(postgresql.DatabaseWrapper):
    def get_connection_params(self) -> dict[str, Any]:
        address = ensure_server(
            Path(self.settings_dict["EMBEDDED_DIR"]), database=self.settings_dict["EMBEDDED_DATABASE"]
        )
        params = super().get_connection_params()
        params["host"] = str(address.socket_dir)
        params["port"] = address.port
        params["user"] = SUPERUSER
        return params
