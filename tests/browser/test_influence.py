"""Invloedssfeer in the browser (issue 11): who can change what, perspectives that follow the gaps and the
member's level, and the words for a place on a border or in the middle, on the page, the wall and the PDF."""

from __future__ import annotations

import io
from collections.abc import Mapping

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

import scoring
import storage

from .conftest import NewPage
from .helpers import goto, load_model, screenshot, seed_werkplaats, traces, wait_idle
from .server import StreamlitServer

WIDTHS = ((390, 844), (1280, 900), (1920, 1080))


@pytest.fixture
def model() -> scoring.Model:
    return load_model()


def on_axes(model: scoring.Model, x: int, y: int, changes: Mapping[str, int] | None = None) -> dict[str, int | None]:
    """Every statement answered ``x`` / ``y`` on the axis direction, ``changes`` on top (reversed turned)."""
    points = model.scale.points
    wanted = {q.id: x if q.axis == "x" else y for q in model.questions} | dict(changes or {})
    return {q.id: points + 1 - wanted[q.id] if q.reverse else wanted[q.id] for q in model.questions}


def seed_member(
    server: StreamlitServer, trio: storage.TrioRecord, role: str, level: str | None,
    answers: Mapping[str, Mapping[str, int | None]], choices: Mapping[str, str] | None = None, name: str = "",
) -> storage.MemberRecord:
    member = storage.create_member(server.engine, trio_id=trio.id, role=role, level=level, display_name=name)
    for frame, by_question in answers.items():
        storage.save_answers(server.engine, member_id=member.id, frame=frame, answers=dict(by_question))
    for qid, option in (choices or {}).items():
        storage.save_influence_choice(server.engine, member_id=member.id, question_id=qid, option_id=option)
    return member


def results_page(page: Page, server: StreamlitServer, token: str) -> None:
    goto(page, server, "resultaten", m=token)
    page.locator(".st-key-influence_map .js-plotly-plot").wait_for()
    wait_idle(page)


def test_results_page_at_three_widths(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model, request: pytest.FixtureRequest
) -> None:
    werkplaats = seed_werkplaats(server)
    trio = storage.create_trio(server.engine, werkplaats_id=werkplaats.id, municipality="Gemeente Breedte")
    answers = {"nu": on_axes(model, 4, 4, {"budget": 2, "agenda": 3}), "gewenst": on_axes(model, 4, 4, {"budget": 5})}
    first = seed_member(server, trio, "wijkambtenaar", "strategie", answers, {"budget": "bestuurlijk"}, "Anna")
    seed_member(server, trio, "sociaal", "uitvoering", answers, {"budget": "eigen_handelen", "agenda": "bewoners"})
    seed_member(server, trio, "fysiek", "bestuur", answers, {"budget": "bestuurlijk"})
    for width, height in WIDTHS:
        page = new_page(width, height)
        results_page(page, server, first.token)
        expect(page.get_by_role("heading", name="Invloedskaart: wie kan het veranderen?")).to_be_visible()
        expect(page.get_by_text("Om mee te beginnen, voor strategen")).to_be_visible()
        marks = [t for t in traces(page, "influence_map") if (t["meta"] or {}).get("kind") == "influence"]
        assert sorted(text for t in marks for text in t["text"]) == ["1 3", "2", "2"]
        screenshot(page, request, "results")
        page.context.close()


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)
