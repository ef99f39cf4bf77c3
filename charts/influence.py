"""The invloedskaart as a plotly figure: statements × "who can change this?" options.

Drawn from :class:`results.influence.InfluenceScene`, as the PDF is. A row per statement with a desired
change (largest first), a column per option. A mark is an option someone chose for that statement: the
larger the desired change, the larger the mark; inside it the numbers of the members who chose it (or,
for a large group, how many). A last column, "Nog niet gekozen", holds open marks for the members who
chose nothing yet, so every row shows the size of its change. A row where the members chose differently (they see someone else aan
zet) is marked three ways: "≠" before its label, a tinted band, and marks in a darker orange.
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from charts.influence_marks import (
    AGREE_COLOUR,
    DISAGREE_BAND,
    DISAGREE_COLOUR,
    DISAGREE_MARK,
    OPEN_COLOUR,
    UNDECIDED,
    mark_size,
    mark_text,
)
from charts.quadrant import escape_label
from results.influence import InfluenceLine, InfluenceMark, InfluenceScene, change_words

ROW_HEIGHT = 98
"""px per statement: its label (two lines) on top, the marks below it."""
MARK_OFFSET = 0.18
"""Marks sit this far (in rows) below a row's middle, under the label at the top of the row."""
GUIDE_COLOUR = "#E3E7EC"
RULE_COLOUR = "#C9D1DA"
NOTE_FONT = "font-size:11px;color:#4A5561"
TICK_FONT = {"size": 13, "color": "#1B1F24"}


def row_label(line: InfluenceLine) -> str:
    """The statement above its row (bold, "≠" where members disagree) and the change below it."""
    prefix = f"{DISAGREE_MARK} " if line.disagree else ""
    return f"<b>{prefix}{escape_label(line.theme)}</b><br><span style='{NOTE_FONT}'>{escape_label(change_words(line))}</span>"


def _hover(scene: InfluenceScene, line: InfluenceLine, mark: InfluenceMark, numbers: bool) -> str:
    who = (
        "<br>".join(f"{n} · {escape_label(scene.members[n - 1])}" for n in mark.members)
        if numbers
        else f"{mark.count} gekozen"
    )
    return (
        f"<b>{escape_label(line.theme)}</b> · {escape_label(scene.option_name(mark.option_id))}<br>{who}"
        f"<br>Gewenste verandering: {escape_label(change_words(line))}"
    )


def _undecided_trace(scene: InfluenceScene, x: int, numbers: bool) -> dict[str, object]:
    """Open marks in the last column: who chose nothing yet, sized by the change like the others."""
    rows = [(row, line) for row, line in enumerate(scene.lines) if line.undecided]
    return {
        "type": "scatter", "mode": "markers+text", "name": UNDECIDED, "x": [x] * len(rows),
        "y": [row + MARK_OFFSET for row, _ in rows],
        "marker": {"size": [mark_size(line.scale) for _, line in rows], "color": "white",
                   "line": {"width": 1.5, "color": OPEN_COLOUR}},
        "text": [mark_text(InfluenceMark("", line.undecided), numbers) for _, line in rows],
        "textposition": "middle center", "textfont": {"size": 12, "color": OPEN_COLOUR},
        "hovertext": [
            f"<b>{escape_label(line.theme)}</b> · nog niet gekozen<br>"
            + ("<br>".join(f"{n} · {escape_label(scene.members[n - 1])}" for n in line.undecided) if numbers
               else f"{len(line.undecided)} trioleden")
            + f"<br>Gewenste verandering: {escape_label(change_words(line))}"
            for _, line in rows
        ],
        "hoverinfo": "text", "showlegend": False, "meta": {"kind": "influence_undecided"},
    }


def influence_figure(scene: InfluenceScene, *, numbers: bool = True) -> go.Figure:
    """Rows are ``scene.lines``, columns ``scene.options``; ``numbers=False`` writes counts in the marks
    (a role group with many members)."""
    column = {option_id: i for i, (option_id, _) in enumerate(scene.options)}
    columns = [name for _, name in scene.options]
    if any(line.undecided for line in scene.lines):
        columns.append(UNDECIDED)
    traces = [_undecided_trace(scene, len(scene.options), numbers)]
    for disagree, colour, name in ((False, AGREE_COLOUR, "eens"), (True, DISAGREE_COLOUR, "iemand anders aan zet")):
        xs: list[int] = []
        ys: list[float] = []
        sizes: list[float] = []
        texts: list[str] = []
        hovers: list[str] = []
        for row, line in enumerate(scene.lines):
            if line.disagree != disagree:
                continue
            for mark in line.marks:
                xs.append(column[mark.option_id])
                ys.append(row + MARK_OFFSET)
                sizes.append(mark_size(line.scale))
                texts.append(mark_text(mark, numbers))
                hovers.append(_hover(scene, line, mark, numbers))
        traces.append({
            "type": "scatter", "mode": "markers+text", "name": name, "x": xs, "y": ys,
            "marker": {"size": sizes, "color": colour, "opacity": 1, "line": {"width": 0}},
            "text": texts, "textposition": "middle center",
            "textfont": {"size": 12, "color": "white", "family": "sans-serif"},
            "hovertext": hovers, "hoverinfo": "text", "showlegend": False,
            "meta": {"kind": "influence", "disagree": disagree},
        })
    # Labels above their rows, not beside them: on a phone the marks then get the whole width.
    labels = [
        {"text": row_label(line), "xref": "paper", "x": 0, "xanchor": "left", "yref": "y", "y": row - 0.47,
         "yanchor": "top", "align": "left", "showarrow": False, "font": TICK_FONT}
        for row, line in enumerate(scene.lines)
    ]
    option_labels = ["<br>".join(textwrap.wrap(escape_label(name), 10, break_long_words=False)) for name in columns]
    bands = [
        {"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": row - 0.5, "y1": row + 0.5,
         "fillcolor": DISAGREE_BAND, "line": {"width": 0}, "layer": "below"}
        for row, line in enumerate(scene.lines)
        if line.disagree
    ]
    # Column guides under the labels only, and a rule between rows.
    guides = [
        {"type": "line", "xref": "x", "x0": col, "x1": col, "yref": "y", "y0": row - 0.1, "y1": row + 0.5,
         "line": {"color": GUIDE_COLOUR, "width": 1}, "layer": "below"}
        for row in range(len(scene.lines))
        for col in range(len(columns))
    ]
    rules = [
        {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": row + 0.5, "y1": row + 0.5,
         "line": {"color": RULE_COLOUR, "width": 1}}
        for row in range(len(scene.lines) - 1)
    ]
    layout = {
        "height": 70 + len(scene.lines) * ROW_HEIGHT,
        "margin": {"l": 4, "r": 4, "t": 10, "b": 4},
        "xaxis": {
            "side": "top", "range": [-0.5, len(columns) - 0.5], "tickvals": list(range(len(columns))),
            "ticktext": option_labels, "tickangle": 0, "automargin": True, "fixedrange": True, "showgrid": False,
            "zeroline": False, "tickfont": {**TICK_FONT, "size": 12},
        },
        "yaxis": {
            "range": [len(scene.lines) - 0.5, -0.5], "showticklabels": False, "fixedrange": True,
            "showgrid": False, "zeroline": False,
        },
        "annotations": labels,
        "shapes": [*bands, *guides, *rules],
        "plot_bgcolor": "white",
        "hoverlabel": {"align": "left"},
    }
    # Built at every rerun of the results page: skip plotly's validation (tests/test_charts.py validates).
    return go.Figure(data=traces, layout=layout, _validate=False)
