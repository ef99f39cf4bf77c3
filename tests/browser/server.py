"""A real ``streamlit run app.py`` process on a free port with its own SQLite database."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from sqlalchemy import Engine

import storage

REPO_ROOT = Path(__file__).resolve().parents[2]
PASSCODE = "proef-begeleider-2468"
"""The facilitator passcode every test server is started with."""
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class StreamlitServer:
    """One Streamlit server; ``kill()`` and ``start()`` again keep the port and the database."""

    def __init__(self, workdir: Path, port: int | None = None) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db_url = f"sqlite:///{workdir / 'app.db'}"
        self.log_path = workdir / "server.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        """An engine on the server's database, for seeding and for checking what was stored."""
        if self._engine is None:
            self._engine = storage.get_engine(self.db_url)
        return self._engine

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.port", str(self.port),
            "--server.headless", "true",
            "--server.address", "127.0.0.1",
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
            # The app hides error details from participants; a failing test should show them.
            "--client.showErrorDetails", "full",
        ]

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
        env.update({
            "DATABASE_URL": self.db_url,
            "ROLWIJZER_PASSCODE": PASSCODE,
            "ROLWIJZER_PUBLIC_URL": self.url,
            "PYTHONUNBUFFERED": "1",
        })
        return env

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float = START_TIMEOUT) -> None:
        """Start the server and wait until ``/_stcore/health`` answers "ok"."""
        if self.running:
            raise RuntimeError("the server is already running")
        self.engine  # noqa: B018 - the schema exists before the first page is served
        deadline = time.monotonic() + timeout
        attempt = 0
        while True:
            attempt += 1
            with self.log_path.open("ab") as log:
                log.write(f"\n--- start #{attempt} on port {self.port} ---\n".encode())
                log.flush()
                self.process = subprocess.Popen(
                    self.command(), cwd=REPO_ROOT, env=self.environment(),
                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                )
            if self._wait_healthy(deadline):
                return
            port_taken = "is not available" in self.log_tail(5)
            if self.running or not port_taken or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    f"Streamlit did not become healthy on {self.url} within {timeout:.0f} s.\n"
                    f"Server log ({self.log_path}):\n{self.log_tail()}"
                )
            time.sleep(0.3)  # the port of a killed server can take a moment to be free again

    def _wait_healthy(self, deadline: float) -> bool:
        assert self.process is not None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        return True
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        return False

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, like a crash or a pulled plug."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def close(self) -> None:
        self.stop()
        if self._engine is not None:
            self._engine.dispose()

    def log_tail(self, lines: int = 60) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        return "(no server log)"
