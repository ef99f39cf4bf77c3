"""Helpers for AppTest: a fresh SQLite database per test, members, and reading the figure."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

import scoring
import storage

REPO_ROOT = Path(__file__).resolve().parent.parent
APP = str(REPO_ROOT / "app.py")
TIMEOUT = 30


@dataclass(frozen=True)
class AppDb:
    url: str
    engine: Engine


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppDb:
    """A file-backed SQLite database that the app under test uses (via DATABASE_URL)."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("ROLWIJZER_PASSCODE", "juiste-code-123")
    return AppDb(url=url, engine=storage.get_engine(url))


def new_trio(db: AppDb, municipality: str = "Gemeente Proefstad", casus: str = "") -> storage.TrioRecord:
    content = scoring.snapshot(REPO_ROOT / "content")
    werkplaats = storage.create_werkplaats(db.engine, name="Testwerkplaats", held_on=__import__("datetime").date.today(), content=content)
    return storage.create_trio(db.engine, werkplaats_id=werkplaats.id, municipality=municipality, casus=casus)


def app_for(token: str | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if token is not None:
        at.query_params["m"] = token
    if page is not None:
        at.switch_page(page)
    return at


def figure(at: AppTest, key: str) -> dict[str, Any]:
    """The plotly figure of the chart with this key, as JSON."""
    for chart in at.get("plotly_chart"):
        if (chart.proto.id and key in chart.proto.id) or getattr(chart, "key", None) == key:
            return json.loads(chart.proto.spec)
    charts = at.get("plotly_chart")
    raise AssertionError(f"no chart with key {key!r} among {len(charts)} charts")


def trace_points(fig: dict[str, Any], name: str) -> list[tuple[float, float]]:
    for trace in fig["data"]:
        if trace.get("name") == name:
            return list(zip(trace.get("x", []), trace.get("y", []), strict=True))
    raise AssertionError(f"no trace named {name!r}: {[t.get('name') for t in fig['data']]}")
