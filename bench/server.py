"""A real Streamlit server, its own process on a free loopback port: for the benchmarks and the browser tests.

    server = Server("app.py", database_url=url, workdir=tmp)
    server.start()            # start and wait until /_stcore/health answers "ok"
    ...
    server.kill(); server.start()   # a crash and a restart: same port, same database
    server.stop()

or, to time the start-up and start several servers at once, ``launch()`` each and then ``wait_healthy()``.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from bench.paths import REPO_ROOT

PASSCODE = "bench-begeleider-1357"
"""The facilitator passcode of a benchmark server (the browser tests pass their own)."""
START_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``streamlit run <script>`` on 127.0.0.1, with the production config.

    The repository's ``.streamlit/config.toml`` applies (the process runs in the repository root), so
    ``runner.postScriptGC=false`` and ``server.fileWatcherType=none`` are in force as in production;
    ``options`` adds command-line settings on top (the browser tests show full error details).
    The process is ``python -m bench.serve``, which runs streamlit's CLI in-process (see there).
    """

    def __init__(
        self, script: str | Path, *, database_url: str, workdir: Path, port: int | None = None,
        passcode: str = PASSCODE, options: Sequence[str] = (), extra_env: dict[str, str] | None = None,
        sample_file: Path | None = None, log_name: str | None = None,
    ) -> None:
        self.script = str(script)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}/_stcore/stream"
        self.database_url = database_url
        self.passcode = passcode
        self.options = tuple(options)
        self.log_path = workdir / (log_name or f"server-{self.port}.log")
        self.extra_env = extra_env or {}
        self.sample_file = sample_file
        self.process: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0
        self.starts = 0

    def command(self) -> list[str]:
        # bench.serve calls streamlit.web.cli.main(["run", script, ...]) in-process: the same as
        # `python -m streamlit run <script> ...`, with a command line that name-based kills do not match.
        return [
            sys.executable, "-m", "bench.serve",
            "--server.port", str(self.port), "--server.headless", "true", "--server.address", "127.0.0.1",
            *self.options,
        ]

    @staticmethod
    def describe() -> str:
        return (
            "`streamlit run <script> --server.port <free> --server.headless true --server.address 127.0.0.1` "
            "(started through `python -m bench.serve`, which calls streamlit's CLI in-process), production "
            "`.streamlit/config.toml`"
        )

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
        env.update({
            "DATABASE_URL": self.database_url,
            "ROLWIJZER_PASSCODE": self.passcode,
            # As behind a proxy or on a LAN: links and QR codes are made for a reachable address.
            "ROLWIJZER_PUBLIC_URL": self.url,
            "PYTHONUNBUFFERED": "1",
            "BENCH_STREAMLIT_SCRIPT": self.script,
        })
        if self.sample_file is not None:
            env["BENCH_SAMPLE_FILE"] = str(self.sample_file)
        env.update(self.extra_env)
        return env

    @property
    def headers(self) -> dict[str, str]:
        """Headers a client sends to reach this server: none (behind nginx, a route cookie: bench.nginx.Route)."""
        return {}

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def launch(self) -> None:
        """Start the process and return at once (``wait_healthy`` waits for it)."""
        if self.running:
            raise RuntimeError("the server is already running")
        self.starts += 1
        with self.log_path.open("ab") as log:
            log.write(f"\n--- start #{self.starts} on port {self.port} ---\n".encode())
            log.flush()
            self.started_at = time.perf_counter()
            self.process = subprocess.Popen(
                self.command(), cwd=REPO_ROOT, env=self.environment(),
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            )

    def _healthy_before(self, deadline: float) -> bool:
        assert self.process is not None
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        return True
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.02)
        return False

    def wait_healthy(self, timeout: float = START_TIMEOUT) -> float:
        """Seconds from ``launch`` until ``/_stcore/health`` answers "ok"."""
        assert self.process is not None
        if self._healthy_before(time.perf_counter() + timeout):
            return time.perf_counter() - self.started_at
        if self.process.poll() is not None:
            raise RuntimeError(f"server exited ({self.process.returncode}):\n{self.log_tail()}")
        raise RuntimeError(f"server not healthy within {timeout:.0f} s:\n{self.log_tail()}")

    def start(self, timeout: float = START_TIMEOUT) -> float:
        """Launch and wait until healthy; seconds that took. After ``kill()`` the port can take a moment
        to be free again: while the log says so, try again until ``timeout``."""
        deadline = time.perf_counter() + timeout
        while True:
            self.launch()
            if self._healthy_before(deadline):
                return time.perf_counter() - self.started_at
            port_taken = "is not available" in self.log_tail(5)
            if self.running or not port_taken or time.perf_counter() > deadline:
                self.stop()
                raise RuntimeError(
                    f"Streamlit did not become healthy on {self.url} within {timeout:.0f} s.\n"
                    f"Server log ({self.log_path}):\n{self.log_tail()}"
                )
            time.sleep(0.3)

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, like a crash or a pulled plug."""
        if self.running:
            assert self.process is not None
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def log_text(self) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        return ""

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_text()
        return "\n".join(text.splitlines()[-lines:]) if text else "(no server log)"

    def log_problems(self) -> list[str]:
        """Lines of the log that report an error (uvicorn's own lines aside), shortened."""
        return [
            line.strip()[:200] for line in self.log_text().splitlines()
            if re.search(r"Traceback|\bERROR\b|Exception|Error:", line) and "Uvicorn" not in line
        ]
