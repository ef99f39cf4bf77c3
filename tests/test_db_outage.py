"""A real PostgreSQL server stops for 10 seconds mid-questionnaire: answers wait, nothing crashes, nothing is lost."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import scoring
import storage
from tests.apptest_support import REPO_ROOT, app_for
from ui import pages

pytestmark = [pytest.mark.postgres, pytest.mark.filterwarnings("ignore::DeprecationWarning")]
OUTAGE_SECONDS = 10


def pg_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return candidates[0].parent if candidates else None


def as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


class PrivateServer:
    """A PostgreSQL server of this test's own, so stopping it disturbs no other test."""

    def __init__(self, bin_dir: Path, root: Path) -> None:
        self.bin_dir, self.root = bin_dir, root
        self.data = root / "data"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"postgresql+psycopg://rolwijzer@127.0.0.1:{self.port}/postgres"

    def run(self, *args: str) -> None:
        subprocess.run(as_postgres([str(self.bin_dir / args[0]), *args[1:]]), check=True, capture_output=True, timeout=60)

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        self.run("initdb", "-D", str(self.data), "--auth=trust", "-U", "rolwijzer", "--encoding=UTF8")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


@pytest.fixture
def private_postgres() -> Iterator[PrivateServer]:
    bin_dir = pg_bin()
    if bin_dir is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("PostgreSQL binaries (initdb) are required in CI")
        pytest.skip("no PostgreSQL binaries (initdb) on this machine")
    # Not under pytest's tmp_path: that is private to root, and the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix="rolwijzer-pg-outage-"))
    server = PrivateServer(bin_dir, root)
    try:
        server.init()
        server.start()
        yield server
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            server.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_answers_given_during_an_outage_are_saved_afterwards(
    private_postgres: PrivateServer, monkeypatch: pytest.MonkeyPatch, model: scoring.Model
) -> None:
    monkeypatch.setenv("DATABASE_URL", private_postgres.url)
    engine = storage.get_engine(private_postgres.url)
    werkplaats = storage.create_werkplaats(
        engine, name="Uitvaltest", held_on=__import__("datetime").date.today(), content=scoring.snapshot(REPO_ROOT / "content")
    )
    trio = storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality="Gemeente Stroomuit")
    member = storage.create_member(engine, trio_id=trio.id, role="wijkambtenaar")
    first, second, third = (q.id for q in model.questions[:3])

    at = app_for(member.token, pages.QUESTIONNAIRE.path).run()
    at.segmented_control(key=f"answer_nu_{first}").set_value(2).run()
    assert storage.member_answers(engine, member.id)["nu"] == {first: 2}

    private_postgres.stop()
    stopped_at = time.monotonic()
    at.segmented_control(key=f"answer_nu_{second}").set_value(5).run()
    at.segmented_control(key=f"answer_gewenst_{third}").set_value("?").run()
    assert not at.exception, at.exception
    assert any("nog niet opgeslagen" in w.value for w in at.warning)
    assert at.segmented_control(key=f"answer_nu_{second}").value == 5
    assert any("3 van" in p.proto.text for p in at.get("progress"))

    time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - stopped_at)))
    private_postgres.start()
    at.run()
    assert not at.exception, at.exception
    assert not any("nog niet opgeslagen" in w.value for w in at.warning)
    saved = storage.member_answers(engine, member.id)
    assert saved["nu"] == {first: 2, second: 5}
    assert saved["gewenst"] == {third: None}
    engine.dispose()
