"""Debian's nginx with the committed ``deploy/nginx/rolwijzer.conf``, in front of two replicas on one
PostgreSQL: a workshop through it loses nothing, every browser stays on one replica, and the guessing
limits count each client behind it.

nginx runs unprivileged on a free high port (``bench/nginx.py``, shared with
``python -m bench.workshop_load --via-nginx``). Without nginx the tests are skipped, except in CI
(``CI=true``), where that fails: ``.ci/run`` installs it.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import os
import time
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest

import storage
from bench.client import StreamlitClient, string_value
from bench.nginx import SITE_CONFIG, Nginx, Route, nginx_binary
from bench.paths import REPO_ROOT
from bench.seed import Seeded, content_model, fresh_postgres_database, seed_werkplaats
from bench.server import Server
from bench.workshop import ReplicaStats, Stats, check_database, workshop
from tests.conftest import postgres_server_url
from ui.throttle import ADDRESS_MAX_FAILURES, SESSION_MAX_FAILURES

pytestmark = [pytest.mark.nginx, pytest.mark.postgres]

MEMBERS = 12
# The replicas trust nginx (127.0.0.1) and a load balancer in front of it (10.9.9.0/24). The test plays
# that load balancer: it names the client, nginx appends its own peer. Streamlit's web server already
# resolves a loopback peer's X-Forwarded-For by itself, but stops at the balancer: only
# ROLWIJZER_TRUSTED_PROXIES takes the walk on to the client.
TRUSTED_PROXIES = "127.0.0.1, 10.9.9.0/24"
BALANCER = "10.9.9.9"
CLIENT_A, CLIENT_B = "198.51.100.1", "198.51.100.2"
UNKNOWN_CODE = "kennen we niet"
WAIT = "Te veel onbekende codes"

T = TypeVar("T")


def run_in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: in a full test run playwright's sync API keeps an event
    loop running in the main thread, and ``asyncio.run`` refuses to start inside one."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def nginx_or_skip() -> None:
    if nginx_binary() is not None:
        return
    message = "nginx is missing; install it with `apt-get install nginx`"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"The nginx test needs nginx in CI: {message}", pytrace=False)
    pytest.skip(message)


@dataclass
class Stack:
    url: str
    seeded: Seeded
    servers: list[Server]
    proxy: Nginx
    routes: list[Route]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    nginx_or_skip()
    with fresh_postgres_database(postgres_server_url()) as url:
        engine = storage.get_engine(url)
        seeded = seed_werkplaats(engine, trios=MEMBERS // 3, answered=False, name="Werkplaats achter nginx")
        workdir = tmp_path_factory.mktemp("nginx-replicas")
        servers = [
            Server("app.py", database_url=url, workdir=workdir, extra_env={"ROLWIJZER_TRUSTED_PROXIES": TRUSTED_PROXIES})
            for _ in range(2)
        ]
        proxy = Nginx([server.port for server in servers])
        try:
            for server in servers:
                server.launch()
            for server in servers:
                server.wait_healthy()
            proxy.start()
            yield Stack(url, seeded, servers, proxy, proxy.routes())
        finally:
            proxy.stop()
            proxy.remove()
            for server in servers:
                server.stop()
            engine.dispose()


def test_nginx_serves_the_health_check_and_sets_a_route_cookie(stack: Stack) -> None:
    body, headers = stack.proxy.get("/_stcore/health")
    assert body == b"ok"
    assert headers["Set-Cookie"].startswith("rolwijzer_route=")
    # A browser that has the cookie keeps it, and keeps its replica.
    route = stack.routes[1]
    for _ in range(3):
        _body, headers = stack.proxy.get("/", route.headers)
        assert headers["Set-Cookie"].startswith(f"rolwijzer_route={route.key};")


def test_a_workshop_through_nginx_loses_no_answer(stack: Stack) -> None:
    model = content_model()
    members = stack.seeded.members[:MEMBERS]
    args = argparse.Namespace(members=MEMBERS, ramp=2.0, min_wait=0.05, max_wait=0.3, timeout=60.0, max_seconds=150.0)
    stats = Stats(replicas=[ReplicaStats() for _ in stack.servers])
    run_in_own_loop(workshop(members, model, stack.routes, args, stats))

    assert stats.errors == []
    expected = MEMBERS * len(model.questions) * 2
    assert (stats.members_done, stats.sent_answers) == (MEMBERS, expected)
    db = check_database(stack.url, stack.seeded.werkplaats.id, stats)
    assert db == {"expected": expected, "rows": expected, "lost": 0, "wrong value": 0, "unexpected": 0,
                  "duplicated": 0}
    # Half the members on each replica; the wall on replica 0 shows the trios answered on replica 1 too.
    assert [r.members_done for r in stats.replicas] == [MEMBERS // 2, MEMBERS // 2]
    assert stats.wall_trios_at_end == MEMBERS // 3
    # nginx's own log: every websocket reached the replica its route cookie leads to.
    deadline = time.monotonic() + 10
    while stack.proxy.sticky_count(stack.routes)[0] < MEMBERS + 1 and time.monotonic() < deadline:
        time.sleep(0.1)  # nginx logs a websocket when it closes
    logged, elsewhere = stack.proxy.sticky_count(stack.routes)
    assert logged >= MEMBERS + 1  # the members and the facilitator
    assert elsewhere == 0


class Visitor:
    """One browser tab on the start page, reaching replica 0 through the load balancer and nginx."""

    def __init__(self, stack: Stack, client_address: str) -> None:
        route = stack.routes[0]
        headers = {**route.headers, "X-Forwarded-For": f"{client_address}, {BALANCER}"}
        self.client = StreamlitClient(route.ws_url, name=client_address, run_timeout=30, headers=headers)

    async def open(self) -> Visitor:
        await self.client.connect()
        result = await self.client.rerun(page_name="", query_string="")
        assert result.status is not None, result.errors
        return self

    async def enter(self, code: str) -> str:
        """Type a code, press Verder: the message the page shows."""
        field = self.client.widget_id("join_code")
        submit = self.client.widget_id("FormSubmitter:code_form-Verder")
        seen = len(self.client.alerts)
        await self.client.rerun(set_values={field: string_value(field, code)}, triggers=[submit])
        shown = [body for _fmt, body in self.client.alerts[seen:]]
        assert len(shown) == 1, shown
        return shown[0]

    async def close(self) -> None:
        await self.client.close()


async def guessing(stack: Stack) -> dict[str, Any]:
    right_code = stack.seeded.werkplaats.join_code
    seen: dict[str, Any] = {}
    visitors: list[Visitor] = []

    async def visit(client_address: str) -> Visitor:
        visitors.append(await Visitor(stack, client_address).open())
        return visitors[-1]

    try:
        a = await visit(CLIENT_A)
        seen["A, first session"] = [await a.enter(f"QQQ-QQ{i}") for i in range(SESSION_MAX_FAILURES + 1)]
        seen["A, second session"] = await (await visit(CLIENT_A)).enter("QQQ-QQX")
        seen["B"] = await (await visit(CLIENT_B)).enter("QQQ-QQY")
        failures = SESSION_MAX_FAILURES + 1
        while failures < ADDRESS_MAX_FAILURES:  # A keeps guessing, in a new session every five tries
            session = await visit(CLIENT_A)
            for _ in range(min(SESSION_MAX_FAILURES, ADDRESS_MAX_FAILURES - failures)):
                seen.setdefault("A, later sessions", []).append(await session.enter(f"QQQ-Q{failures:02d}"))
                failures += 1
        seen["A, new session after the address limit"] = await (await visit(CLIENT_A)).enter(right_code)
        seen["B, after A's address limit"] = await (await visit(CLIENT_B)).enter(right_code)
    finally:
        for visitor in visitors:
            await visitor.close()
    return seen


def test_guessing_limits_count_each_client_behind_nginx(stack: Stack) -> None:
    seen = run_in_own_loop(guessing(stack))
    first = seen["A, first session"]
    assert all(UNKNOWN_CODE in m for m in first[:SESSION_MAX_FAILURES]), first
    assert WAIT in first[SESSION_MAX_FAILURES]  # that session waits now
    # A room behind one address: another session from A may still try, and so may B.
    assert UNKNOWN_CODE in seen["A, second session"]
    assert UNKNOWN_CODE in seen["B"]
    later = seen["A, later sessions"]
    assert len(later) == ADDRESS_MAX_FAILURES - SESSION_MAX_FAILURES - 1
    assert all(UNKNOWN_CODE in m for m in later), [m for m in later if UNKNOWN_CODE not in m]
    # After the address limit A waits even in a brand-new session, even with the right code...
    assert WAIT in seen["A, new session after the address limit"]
    # ...while B, behind the same nginx and load balancer, gets in.
    assert seen["B, after A's address limit"] == f"Werkplaats **{stack.seeded.werkplaats.name}** gevonden."


def test_the_readme_points_at_the_tested_site_file() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    deployment = readme[readme.index("## Deployment"):]
    assert f"`{SITE_CONFIG.relative_to(REPO_ROOT)}`" in deployment
    assert SITE_CONFIG.is_file()
