"""Numbers in Dutch: one formatter for pages, charts, PDFs and export texts."""

from __future__ import annotations

import pytest

from results.numbers import decimal, percent


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (0.345, {}, "0,34"),  # banker's rounding of the float 0.345 (stored as 0.34499…)
        (0.3451, {}, "0,35"),
        (1.0, {}, "1,00"),
        (-0.5, {}, "-0,50"),
        (0.25, {"sign": True}, "+0,25"),
        (-0.25, {"sign": True}, "−0,25"),
        (-0.001, {"sign": True}, "+0,00"),
        (-0.001, {}, "0,00"),
        (None, {}, "–"),
        (None, {"missing": "nog geen"}, "nog geen"),
        (2.5, {"digits": 1}, "2,5"),
        (3.0, {"digits": 0}, "3"),
    ],
)
def test_decimal(value: float | None, kwargs: dict[str, object], expected: str) -> None:
    assert decimal(value, **kwargs) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("value", "expected"), [(0.5, "50%"), (1.0, "100%"), (0.0, "0%"), (2 / 3, "67%")])
def test_percent(value: float, expected: str) -> None:
    assert percent(value) == expected
