"""The people of a simulated workshop (bench.workshop_load): members answering over the websocket
protocol, a facilitator keeping the wall open, what they measured, and what the database holds afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from bench.client import (
    DONT_KNOW_LABEL,
    RunResult,
    StreamlitClient,
    button_group_value,
    facilitator_open_wall,
    wall_points,
)

FRAMES = ("nu", "gewenst")
PENDING_WARNING = "nog niet opgeslagen"


class Endpoint(Protocol):
    """Where a simulated browser connects: a replica itself (bench.server.Server), or nginx in front of
    the replicas with the route cookie that leads to one of them (bench.nginx.Route)."""

    @property
    def ws_url(self) -> str: ...

    @property
    def headers(self) -> Mapping[str, str]: ...


@dataclass
class ReplicaStats:
    members: int = 0
    members_done: int = 0
    first_load: list[float] = field(default_factory=list)
    answer: list[float] = field(default_factory=list)
    results_load: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)

    @property
    def runs(self) -> int:
        return len(self.first_load) + len(self.answer) + len(self.results_load) + len(self.wall)


@dataclass
class Stats:
    replicas: list[ReplicaStats] = field(default_factory=list)
    first_load: list[float] = field(default_factory=list)
    answer: list[float] = field(default_factory=list)
    results_load: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    wall_late_ticks: int = 0
    login_runs: list[float] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (who, what)
    timeouts: int = 0
    disconnects: int = 0
    pending_warnings: int = 0
    members_done: int = 0
    expected: dict[tuple[int, str, str], int | None] = field(default_factory=dict)
    sent_answers: int = 0
    wall_trios_at_end: int = -1

    def record(self, who: str, result: RunResult) -> None:
        for error in result.errors:
            self.errors.append((who, error))
            if error.startswith("timeout"):
                self.timeouts += 1

    def connection_lost(self, who: str, client: StreamlitClient) -> None:
        """Count a dropped connection once, with its reason if no run reported it already."""
        self.disconnects += 1
        reported = {what for whom, what in self.errors if whom == who}
        self.errors += [(who, e) for e in client.errors if e.startswith("connection:") and e not in reported]


def choose_answer(rng: random.Random, points: int) -> tuple[str, int | None]:
    if rng.random() < 0.05:
        return DONT_KNOW_LABEL, None
    value = rng.randint(1, points)
    return str(value), value


async def member_session(
    index: int, member: Any, model: Any, server: Endpoint, replica: ReplicaStats, args: argparse.Namespace,
    stats: Stats,
) -> None:
    rng = random.Random(1000 + index)
    who = f"member {index + 1}"
    replica.members += 1
    await asyncio.sleep(args.ramp * index / max(args.members, 1))
    client = StreamlitClient(server.ws_url, name=who, run_timeout=args.timeout, headers=server.headers)
    try:
        try:
            await client.connect()
        except Exception as exc:
            stats.errors.append((who, f"connect: {type(exc).__name__}: {exc}"))
            return
        first = await client.rerun(page_name="vragenlijst", query_string=f"m={member.token}")
        stats.record(who, first)
        if first.status is None:
            return
        stats.first_load.append(first.elapsed)
        replica.first_load.append(first.elapsed)
        controls = client.widget_ids_with_prefix("answer_")
        wanted = {f"answer_{frame}_{q.id}" for q in model.questions for frame in FRAMES}
        if set(controls) != wanted:
            stats.errors.append((who, f"answer controls: found {len(controls)} of {len(wanted)}"))
            return
        for q in model.questions:
            for frame in FRAMES:
                await asyncio.sleep(rng.uniform(args.min_wait, args.max_wait))
                label, value = choose_answer(rng, model.scale.points)
                element_id = controls[f"answer_{frame}_{q.id}"]
                stats.expected[(member.id, q.id, frame)] = value
                stats.sent_answers += 1
                result = await client.rerun(set_values={element_id: button_group_value(element_id, label)})
                stats.record(who, result)
                if result.status is None:
                    if client.disconnected:
                        return
                    continue
                stats.answer.append(result.elapsed)
                replica.answer.append(result.elapsed)
        results_hash = client.pages.get("resultaten")
        if results_hash:
            client.page_script_hash = results_hash
            result = await client.rerun()
        else:
            result = await client.rerun(page_name="resultaten")
        stats.record(who, result)
        if result.status is not None:
            stats.results_load.append(result.elapsed)
            replica.results_load.append(result.elapsed)
        stats.members_done += 1
        replica.members_done += 1
    finally:
        if client.disconnected:
            stats.connection_lost(who, client)
        stats.pending_warnings += sum(1 for fmt, body in client.alerts if PENDING_WARNING in body)
        await client.close()


async def facilitator_session(server: Endpoint, stats: Stats, members_finished: asyncio.Event, args: argparse.Namespace) -> None:
    who = "facilitator"
    client = StreamlitClient(server.ws_url, name=who, run_timeout=args.timeout, headers=server.headers)
    try:
        await client.connect()
        runs = await facilitator_open_wall(client)
        for run in runs:
            stats.record(who, run)
            stats.login_runs.append(run.elapsed)
        fragment_id, interval = next(iter(client.auto_rerun.items()))
        next_tick = time.perf_counter() + interval
        deadline = time.perf_counter() + args.max_seconds
        final_done = False
        while time.perf_counter() < deadline and not client.disconnected:
            delay = next_tick - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            final = members_finished.is_set()
            result = await client.rerun(fragment_id=fragment_id, is_auto_rerun=True)
            stats.record(who, result)
            if result.status is not None:
                stats.wall.append(result.elapsed)
                stats.replicas[0].wall.append(result.elapsed)
            next_tick += interval
            while next_tick < time.perf_counter():  # the browser's timer would have fired meanwhile
                stats.wall_late_ticks += 1
                next_tick += interval
            if final:
                final_done = True
                break
        if final_done and "wall_quadrant" in client.charts:
            stats.wall_trios_at_end = len(wall_points(client.chart("wall_quadrant")))
    except Exception as exc:
        stats.errors.append((who, f"{type(exc).__name__}: {exc}"))
    finally:
        if client.disconnected:
            stats.connection_lost(who, client)
        await client.close()


async def workshop(
    members: list[Any], model: Any, servers: Sequence[Endpoint], args: argparse.Namespace, stats: Stats
) -> float:
    """Member i on server i mod N (a sticky proxy keeps a websocket on one replica); the wall on server 0."""
    finished = asyncio.Event()
    facilitator = asyncio.create_task(facilitator_session(servers[0], stats, finished, args))
    await asyncio.sleep(1.0)  # the facilitator has the wall up before people join
    started = time.perf_counter()
    n = len(servers)
    tasks = [
        asyncio.create_task(member_session(i, m, model, servers[i % n], stats.replicas[i % n], args, stats))
        for i, m in enumerate(members)
    ]
    done, pending = await asyncio.wait(tasks, timeout=args.max_seconds)
    for task in pending:
        task.cancel()
        stats.errors.append(("bench", "a member session did not finish within --max-seconds"))
    for task in done:
        if task.exception() is not None:
            stats.errors.append(("bench", f"member task crashed: {task.exception()!r}"))
    elapsed = time.perf_counter() - started
    finished.set()
    try:
        await asyncio.wait_for(facilitator, timeout=args.timeout + 10)
    except TimeoutError:
        stats.errors.append(("facilitator", "no final wall refresh"))
    return elapsed


def check_database(url: str, werkplaats_id: int, stats: Stats) -> dict[str, int]:
    from sqlalchemy import func, select

    import storage
    from storage.models import Answer, Member, Trio

    engine = storage.get_engine(url)
    rows = storage.werkplaats_answer_rows(engine, werkplaats_id)
    with engine.connect() as conn:
        raw_count = conn.scalar(
            select(func.count()).select_from(Answer).join(Member, Answer.member_id == Member.id)
            .join(Trio, Member.trio_id == Trio.id).where(Trio.werkplaats_id == werkplaats_id)
        )
    got: dict[tuple[int, str, str], int | None] = {}
    for row in rows:
        got[(row.member_id, row.question_id, row.frame)] = row.value
    expected = stats.expected
    return {
        "expected": len(expected),
        "rows": int(raw_count or 0),
        "lost": sum(1 for k in expected if k not in got),
        "wrong value": sum(1 for k, v in expected.items() if k in got and got[k] != v),
        "unexpected": sum(1 for k in got if k not in expected),
        "duplicated": len(rows) - len(got) + max(0, int(raw_count or 0) - len(rows)),
    }
