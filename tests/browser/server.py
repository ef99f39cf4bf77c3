"""The browser tests' server: ``bench.server.Server`` running app.py with its own SQLite database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

import storage
from bench.server import Server

PASSCODE = "proef-begeleider-2468"
"""The facilitator passcode every test server is started with."""
START_TIMEOUT = 30.0
OPTIONS = (
    "--server.fileWatcherType", "none",
    "--browser.gatherUsageStats", "false",
    # The app hides error details from participants; a failing test should show them.
    "--client.showErrorDetails", "full",
)


class StreamlitServer(Server):
    """One Streamlit server on app.py; ``kill()`` and ``start()`` again keep the port and the database."""

    def __init__(self, workdir: Path, port: int | None = None) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        super().__init__(
            "app.py", database_url=f"sqlite:///{workdir / 'app.db'}", workdir=workdir, port=port,
            passcode=PASSCODE, options=OPTIONS, log_name="server.log",
        )
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        """An engine on the server's database, for seeding and for checking what was stored."""
        if self._engine is None:
            self._engine = storage.get_engine(self.database_url)
        return self._engine

    def start(self, timeout: float = START_TIMEOUT) -> float:
        """Start the server and wait until ``/_stcore/health`` answers "ok"."""
        self.engine  # noqa: B018 - the schema exists before the first page is served
        return super().start(timeout)

    def close(self) -> None:
        self.stop()
        if self._engine is not None:
            self._engine.dispose()
