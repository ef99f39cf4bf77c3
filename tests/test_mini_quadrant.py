"""The phone's small quadrant map: where the dots are, and that it carries no text."""

from __future__ import annotations

import re

import pytest

from scoring import Score
from ui.mini_quadrant import DOT, SIZE, mini_quadrant_html


def at(x: float | None, y: float | None) -> Score:
    return Score(x=x, y=y, quadrant=None, near_border=False, answered=0)


def centre(html: str, cls: str) -> tuple[float, float] | None:
    """The centre (px from the top left) of the span with this class, from its inline style."""
    found = re.search(rf'class="{cls}" style="([^"]*)"', html)
    if found is None:
        return None
    style = dict(part.split(":", 1) for part in found.group(1).split(";") if ":" in part)
    width = float(style["width"].removesuffix("px"))
    return float(style["left"].removesuffix("px")) + width / 2, float(style["top"].removesuffix("px")) + width / 2


def test_no_dots_and_no_arrow_before_any_answer() -> None:
    html = mini_quadrant_html(at(None, None), at(None, None))
    assert centre(html, "rw-nu") is None and centre(html, "rw-gewenst") is None
    assert "rw-arrow" not in html


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        (0.0, 0.0, (SIZE / 2, SIZE / 2)),
        (1.0, 1.0, (SIZE - DOT / 2 - 1, DOT / 2 + 1)),  # krachten and leefwereld: top right, dot whole
        (-1.0, -1.0, (DOT / 2 + 1, SIZE - DOT / 2 - 1)),
        (0.5, -0.5, (SIZE / 2 + (SIZE / 2 - DOT / 2 - 1) / 2, SIZE / 2 + (SIZE / 2 - DOT / 2 - 1) / 2)),
    ],
)
def test_the_nu_dot_sits_where_the_big_chart_puts_it(x: float, y: float, expected: tuple[float, float]) -> None:
    found = centre(mini_quadrant_html(at(x, y), at(None, None)), "rw-nu")
    assert found == pytest.approx(expected, abs=0.06)


def test_both_dots_and_an_arrow_once_both_frames_have_a_place() -> None:
    html = mini_quadrant_html(at(-0.5, 0.2), at(0.6, 0.7))
    nu, gewenst = centre(html, "rw-nu"), centre(html, "rw-gewenst")
    assert nu is not None and gewenst is not None
    assert gewenst[0] > nu[0] and gewenst[1] < nu[1]  # to the right and up
    assert "rw-arrow" in html


def test_it_is_markup_without_any_text() -> None:
    html = mini_quadrant_html(at(0.3, -0.2), at(0.1, 0.9))
    assert re.sub(r"<[^>]*>", "", html) == ""
    assert html.startswith('<div class="rw-mini" aria-hidden="true"')
