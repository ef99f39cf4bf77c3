"""Trio results: three members on one quadrant, side by side, and the take-home PDF."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from playwright.sync_api import Download, Locator, Page, expect
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

import scoring
import storage
from results import words
from ui.trio_view import REFRESH_SECONDS

from .conftest import NewPage
from .helpers import (
    CONTENT_DIR,
    answer,
    assert_no_app_error,
    chart,
    expect_progress,
    goto,
    points,
    screenshot,
    traces,
    wait_idle,
    wait_until,
)
from .server import StreamlitServer


@dataclass(frozen=True)
class Trio:
    trio: storage.TrioRecord
    members: list[storage.MemberRecord]
    answers: list[dict[str, dict[str, int | None]]]


def seeded_trio(server: StreamlitServer, model: scoring.Model, *, leave_out: tuple[str, str]) -> Trio:
    """A trio of three with every answer stored, except ``leave_out`` (question, frame) of the first."""
    werkplaats = storage.create_werkplaats(
        server.engine, name="Werkplaats Resultaten", held_on=dt.date.today(), content=scoring.snapshot(CONTENT_DIR)
    )
    trio = storage.create_trio(server.engine, werkplaats_id=werkplaats.id, municipality="Gemeente Drieluik")
    members = [
        storage.create_member(server.engine, trio_id=trio.id, role=role.id, display_name=name)
        for role, name in zip(model.roles[:3], ["Anna", "Bram", ""], strict=True)
    ]
    all_answers: list[dict[str, dict[str, int | None]]] = []
    for i, member in enumerate(members):
        given: dict[str, dict[str, int | None]] = {"nu": {}, "gewenst": {}}
        for n, q in enumerate(model.questions):
            given["nu"][q.id] = (n + i) % 5 + 1
            given["gewenst"][q.id] = min(5, (n + 2 * i) % 5 + 2)
        if i == 0:
            del given[leave_out[1]][leave_out[0]]
        for frame in storage.FRAMES:
            storage.save_answers(server.engine, member_id=member.id, frame=frame, answers=given[frame])
        all_answers.append(given)
    return Trio(trio, members, all_answers)


def open_results_from_questionnaire(page: Page, server: StreamlitServer, model: scoring.Model, trio: Trio,
                                    last: tuple[str, str], value: int) -> None:
    """The first member gives the last answer in the questionnaire and follows the link to the results."""
    total = 2 * len(model.questions)
    goto(page, server, "vragenlijst", m=trio.members[0].token)
    expect_progress(page, total - 1)
    answer(page, last[0], last[1], value, answered=total)
    trio.answers[0][last[1]][last[0]] = value
    page.get_by_role("link", name="Resultaten van jullie trio").first.click()
    page.wait_for_url("**/resultaten?m=*")
    page.locator(".st-key-trio_quadrant .js-plotly-plot").wait_for()
    wait_idle(page)
    assert_no_app_error(page)


def click_download(page: Page, button: Locator) -> Download:
    """Click a download button; once more if nothing comes.

    On a heavily loaded machine Streamlit occasionally answers the first click with
    "Deferred file … not found" (a rerun replaced the button's file id just before
    the click); a user would click again, and so do we.
    """
    for attempt in (1, 2):
        try:
            with page.expect_download(timeout=30_000) as download_info:
                button.click()
            return download_info.value
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
            wait_idle(page)
    raise AssertionError("unreachable")


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_results_show_the_three_members_and_the_trio(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model, request: pytest.FixtureRequest,
    width: int, height: int,
) -> None:
    last = (model.questions[-1].id, "gewenst")
    trio = seeded_trio(server, model, leave_out=last)
    page = new_page(width, height)
    open_results_from_questionnaire(page, server, model, trio, last, 2)

    expect(page.get_by_role("heading", name="Resultaten · Gemeente Drieluik")).to_be_visible()
    quadrant = traces(page, "trio_quadrant")
    member_traces = [t for t in quadrant if (t["meta"] or {}).get("kind") == "member"]
    assert len(member_traces) == 6, [t["name"] for t in quadrant]  # three members, nu and gewenst
    assert all(len(t["x"]) == 1 for t in member_traces), member_traces
    # Complete members are labelled without an "(answered/total)" count.
    labels = {t["name"].rsplit(" · ", 1)[0] for t in member_traces}
    assert labels == {
        f"{model.role_name(model.roles[0].id)} (Anna)",
        f"{model.role_name(model.roles[1].id)} (Bram)",
        model.role_name(model.roles[2].id),
    }
    expected = scoring.group_result(model, [
        scoring.MemberInput(member_id=str(m.id), role=m.role, label=m.role, answers=a)
        for m, a in zip(trio.members, trio.answers, strict=True)
    ])
    for frame, group in (("nu", expected.nu), ("gewenst", expected.gewenst)):
        (trio_point,) = points(page, "trio_quadrant", f"Trio · {frame}")
        assert trio_point == pytest.approx((group.x, group.y))

    (cells,) = [t for t in traces(page, "side_by_side_nu") if t["type"] == "heatmap"]
    assert len(cells["x"]) == 3, cells["x"]
    assert len(cells["y"]) == len(model.questions)

    screenshot(page, request)


def test_trio_report_downloads_as_pdf(server: StreamlitServer, new_page: NewPage, model: scoring.Model) -> None:
    trio = seeded_trio(server, model, leave_out=(model.questions[0].id, "nu"))
    page = new_page()
    goto(page, server, "resultaten", m=trio.members[1].token)
    button = page.get_by_role("button", name="Download het trioverslag (PDF)")
    download = click_download(page, button)
    assert download.suggested_filename.startswith(f"rolwijzer-{trio.trio.code}-")
    assert download.suggested_filename.endswith(".pdf")
    data = open(download.path(), "rb").read()  # noqa: SIM115 - a small file, read once
    assert data.startswith(b"%PDF"), data[:20]
    assert_no_app_error(page)


def test_the_open_page_fills_in_as_colleagues_answer_and_shows_empty_moments(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model, request: pytest.FixtureRequest
) -> None:
    """Issue 12, items 1 and 14: a member opens the results alone; colleagues answer later."""
    werkplaats = storage.create_werkplaats(
        server.engine, name="Werkplaats Later", held_on=dt.date.today(), content=scoring.snapshot(CONTENT_DIR)
    )
    trio = storage.create_trio(server.engine, werkplaats_id=werkplaats.id, municipality="Gemeente Later")
    roles = [role.id for role in model.roles[:3]]
    first = storage.create_member(server.engine, trio_id=trio.id, role=roles[0])
    storage.save_answers(server.engine, member_id=first.id, frame="nu", answers={q.id: 2 for q in model.questions})
    storage.save_answers(server.engine, member_id=first.id, frame="gewenst",
                         answers={q.id: None for q in model.questions})
    page = new_page(390, 844)
    goto(page, server, "resultaten", m=first.token)

    # Nobody has a number for gewenst: the statements are there all the same, with a word why.
    page.get_by_role("tab", name="Gewenst").click()
    expect(page.get_by_text(words.no_numbers_yet("gewenst"))).to_be_visible()
    rows = chart(page, "side_by_side_gewenst").locator("g.ytick")
    expect(rows).to_have_count(len(model.questions))
    expect(page.get_by_text(words.starters_missing(scoring.group_result(model, [])))).to_have_count(0)

    # Two colleagues answer on their own phones; the open page follows without a reload.
    for role, value in zip(roles[1:], (4, 5), strict=True):
        member = storage.create_member(server.engine, trio_id=trio.id, role=role)
        for frame in storage.FRAMES:
            storage.save_answers(server.engine, member_id=member.id, frame=frame,
                                 answers={q.id: value for q in model.questions})

    def three_columns() -> bool:
        try:
            heatmaps = [t for t in traces(page, "side_by_side_nu") if t["type"] == "heatmap"]
        except PlaywrightError:  # mid-rerun the old chart may still stand beside the new one
            return False
        return len(heatmaps) == 1 and len(heatmaps[0]["x"]) == 3

    wait_until(three_columns, timeout=3 * REFRESH_SECONDS, message="three members in Naast elkaar")
    wait_idle(page)
    expect(chart(page, "side_by_side_nu")).to_have_count(1)
    expect(page.get_by_text(words.no_numbers_yet("gewenst"))).to_have_count(0)
    expect(page.locator('[class*="st-key-starter_"]').first).to_be_visible()
    for role in roles:
        expect(page.get_by_text(model.role_name(role), exact=False).first).to_be_attached()
    assert_no_app_error(page)
    screenshot(page, request)
