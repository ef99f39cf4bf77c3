"""Debian's nginx in front of Streamlit replicas, with the committed ``deploy/nginx/rolwijzer.conf``.

    proxy = Nginx([server.port for server in servers])
    proxy.start()                       # renders the file with our ports, waits until it answers
    routes = proxy.routes()             # one route cookie per replica: route j lands on replica j
    client = StreamlitClient(proxy.ws_url, headers=routes[0].headers)
    ...
    proxy.stop()

nginx runs as an ordinary process in the foreground (``daemon off``) on a free high port, with its
pid file, logs and temporary files in a directory of its own (``proxy.dir``); when we are root it runs
as ``nobody``, so it never needs root. The site file is included unchanged apart from its two placeholders, in a small main
configuration that stands in for Debian's ``/etc/nginx/nginx.conf``. Used by ``tests/test_nginx.py``
and ``python -m bench.workshop_load --via-nginx``.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.paths import REPO_ROOT
from bench.server import free_port

SITE_CONFIG = REPO_ROOT / "deploy" / "nginx" / "rolwijzer.conf"
ROUTE_COOKIE = "rolwijzer_route"
START_TIMEOUT = 20.0

MAIN_CONFIG = """\
# Stands in for /etc/nginx/nginx.conf: everything nginx writes stays in this directory.
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log notice;
lock_file {dir}/nginx.lock;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    # Which replica served which route key: how routes() finds a key per replica.
    log_format routes '$cookie_{cookie}\\t$upstream_addr\\t$status\\t$request';
    access_log {dir}/access.log routes;
    include {dir}/rolwijzer.conf;
}}
"""


def nginx_binary() -> Path | None:
    """Debian puts nginx in /usr/sbin, which is not on every PATH."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    return Path(found) if found else None


def render_site(listen: str, replicas: Sequence[str]) -> str:
    """The committed site file with its placeholders filled in: ``listen`` and one server per replica."""
    text = SITE_CONFIG.read_text(encoding="utf-8")
    servers = "\n    ".join(f"server {address};" for address in replicas)
    for placeholder, value in (("{{LISTEN}}", listen), ("{{SERVERS}}", servers)):
        if placeholder not in text:
            raise ValueError(f"{SITE_CONFIG} has no {placeholder}")
        text = text.replace(placeholder, value)
    if "{{" in text:
        raise ValueError(f"{SITE_CONFIG} has a placeholder this renderer does not know")
    return text


@dataclass(frozen=True)
class Route:
    """How a simulated browser reaches one replica through nginx: its route cookie."""

    ws_url: str
    replica: int
    key: str

    @property
    def headers(self) -> Mapping[str, str]:
        return {"Cookie": f"{ROUTE_COOKIE}={self.key}"}


class Nginx:
    def __init__(self, replica_ports: Sequence[int], *, port: int | None = None) -> None:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed (apt-get install nginx)")
        self.binary = binary
        self.replica_ports = list(replica_ports)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}/_stcore/stream"
        # In the system's temporary directory, which nobody can reach (pytest's tmp_path is root's only).
        self.dir = Path(tempfile.mkdtemp(prefix="rolwijzer-nginx-"))
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def config_file(self) -> Path:
        return self.dir / "nginx.conf"

    def write_config(self) -> None:
        (self.dir / "rolwijzer.conf").write_text(
            render_site(f"127.0.0.1:{self.port}", [f"127.0.0.1:{p}" for p in self.replica_ports]), encoding="utf-8"
        )
        self.config_file.write_text(MAIN_CONFIG.format(dir=self.dir, cookie=ROUTE_COOKIE), encoding="utf-8")

    def _run_as(self) -> tuple[int, int] | None:
        """As root: nobody's (uid, gid), after handing it the directory. Otherwise None (stay who we are)."""
        if os.geteuid() != 0:
            return None
        nobody = pwd.getpwnam("nobody")
        for path in [self.dir, *self.dir.iterdir()]:
            os.chown(path, nobody.pw_uid, nobody.pw_gid)
        self.dir.chmod(0o755)
        return nobody.pw_uid, nobody.pw_gid

    def command(self) -> list[str]:
        return [str(self.binary), "-p", str(self.dir), "-c", str(self.config_file), "-g", "daemon off;"]

    def start(self, timeout: float = START_TIMEOUT) -> None:
        self.write_config()
        (self.dir / "stderr.log").touch()
        user = self._run_as()
        uid, gid = user if user is not None else (None, None)
        groups: list[int] | None = None if user is None else []
        check = subprocess.run(
            [*self.command(), "-t"], capture_output=True, text=True, user=uid, group=gid, extra_groups=groups
        )
        if check.returncode != 0:
            raise RuntimeError(f"nginx refused the configuration:\n{check.stderr}")
        with (self.dir / "stderr.log").open("ab") as stderr:
            self.process = subprocess.Popen(
                self.command(), stdin=subprocess.DEVNULL, stdout=stderr, stderr=stderr,
                user=uid, group=gid, extra_groups=groups,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited ({self.process.returncode}):\n{self.log_tail()}")
            if self.get("/_stcore/health")[0] == b"ok":
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"nginx did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def get(self, path: str, headers: Mapping[str, str] | None = None) -> tuple[bytes, dict[str, str]]:
        """Body and headers of a GET through nginx; empty when it does not answer."""
        request = urllib.request.Request(self.url + path, headers=dict(headers or {}))
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.read().strip(), dict(response.headers.items())
        except (urllib.error.URLError, OSError):
            return b"", {}

    def access_log(self) -> list[list[str]]:
        """(route key, upstream address, status, request) per request, oldest first."""
        with contextlib.suppress(OSError):
            text = (self.dir / "access.log").read_text(encoding="utf-8", errors="replace")
            return [line.split("\t") for line in text.splitlines() if line.count("\t") == 3]
        return []

    def replica_of(self, upstream: str) -> int | None:
        port = upstream.rsplit(":", 1)[-1]
        return self.replica_ports.index(int(port)) if port.isdigit() and int(port) in self.replica_ports else None

    def websockets_by_replica(self) -> dict[str, list[int | None]]:
        """Route key -> the replica of every websocket nginx passed on with it (logged when it closed)."""
        found: dict[str, list[int | None]] = {}
        for key, upstream, _status, request in self.access_log():
            if request.startswith("GET /_stcore/stream"):
                found.setdefault(key, []).append(self.replica_of(upstream))
        return found

    def sticky_count(self, routes: Sequence[Route]) -> tuple[int, int]:
        """(websockets nginx logged for these routes, how many of them reached another replica than their
        route's): (n, 0) when every connection stayed where its cookie leads."""
        wanted = {route.key: route.replica for route in routes}
        logged = elsewhere = 0
        for key, found in self.websockets_by_replica().items():
            if key in wanted:
                logged += len(found)
                elsewhere += sum(1 for replica in found if replica != wanted[key])
        return logged, elsewhere

    def routes(self, tries: int = 200) -> list[Route]:
        """One route key per replica, found by asking nginx where each candidate key goes."""
        keys: dict[int, str] = {}
        for n in range(tries):
            key = f"route{n}"
            self.get("/", {"Cookie": f"{ROUTE_COOKIE}={key}"})
            line = next((e for e in reversed(self.access_log()) if e[0] == key), None)
            replica = None if line is None else self.replica_of(line[1])
            if replica is not None:
                keys.setdefault(replica, key)
            if len(keys) == len(self.replica_ports):
                return [Route(self.ws_url, i, keys[i]) for i in range(len(self.replica_ports))]
        raise RuntimeError(f"nginx sent {tries} route keys to replicas {sorted(keys)} only:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # nginx: fast shutdown
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def log_tail(self, lines: int = 30) -> str:
        texts = []
        for name in ("stderr.log", "error.log"):
            with contextlib.suppress(OSError):
                texts += (self.dir / name).read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
        return "\n".join(texts) or "(no nginx log)"

    def remove(self) -> None:
        """Delete the directory (after stop)."""
        shutil.rmtree(self.dir, ignore_errors=True)
