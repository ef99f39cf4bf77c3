"""Groepsmuur: every trio live on one quadrant, for the projector."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import storage
from charts.quadrant import CONFIG, Style, WallEntry, wall_figure
from results import DIFFERENCE_EXPLAINED, TrioGroup, wall_table
from scoring import GroupResult, Model
from storage import WerkplaatsRecord
from ui.facilitator import big_code, require_werkplaats, trio_count
from ui.links import page_url, qr_png
from ui.reads import read_werkplaats_groups
from ui.state import engine, werkplaats_model
from ui.text import md

REFRESH_SECONDS = 3
WALL_FIGURE_WIDTH = 660
FIND_YOUR_LETTER = "Jullie letter staat op jullie resultatenpagina."

# Static CSS only (no user text): larger type and no chrome for a 1920×1080 projector.
PROJECTOR_CSS = """<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"] {display: none;}
.block-container {padding-top: 1rem; max-width: 100%;}
html, body, [data-testid="stMarkdownContainer"] p {font-size: 1.35rem;}
[data-testid="stTable"] table {font-size: 1.6rem;}
h1 {font-size: 2.6rem !important;}
</style>"""
# The big join screen: the address to type, as large as the room needs (static CSS, no user text).
JOIN_SCREEN_CSS = """<style>
[class*="st-key-wall_join_text"] [data-testid="stMarkdownContainer"] p {
  font-size: min(2.4vw, 2.8rem); line-height: 1.3; margin: 0; text-align: center;
}
.st-key-wall_join_url [data-testid="stMarkdownContainer"] p {
  font-size: min(4.5vw, 5.5rem); font-weight: 700; line-height: 1.15; overflow-wrap: anywhere; text-align: center;
}
</style>"""

werkplaats, model = require_werkplaats()
projecting = bool(st.session_state.get("projection_mode"))
if projecting:
    st.html(PROJECTOR_CSS)


def legend(text: str) -> None:
    """An explanation under the wall: small on a laptop, readable from the back of the room on a projector."""
    if projecting:
        st.markdown(text)
    else:
        st.caption(text)


def previous_round_of(werkplaats: WerkplaatsRecord) -> WerkplaatsRecord | None:
    """The round before this one in its leertraject; ``None`` for round 1 or a werkplaats on its own."""
    if werkplaats.traject_id is None or (werkplaats.position or 1) < 2:
        return None
    rounds = storage.traject_round_ids(engine(), werkplaats.traject_id)
    index = rounds.index(werkplaats.id) if werkplaats.id in rounds else 0
    return storage.get_werkplaats(engine(), rounds[index - 1]) if index > 0 else None


def previous_results(previous: WerkplaatsRecord | None) -> dict[int, GroupResult]:
    """trio id -> its result in the previous round (trios that were not in it are missing)."""
    if previous is None:
        return {}
    groups = read_werkplaats_groups(werkplaats_model(previous), previous.id, earlier_round=True)
    return {g.trio.id: g.result for g in groups}


def wall_entries(groups: list[TrioGroup], reveal: bool, previous: dict[int, GroupResult]) -> list[WallEntry]:
    """The wall's trios; with the previous round when asked and when the chart can draw it."""
    if not previous or "previous" not in WallEntry.__dataclass_fields__:
        return [WallEntry(label=g.label(reveal), result=g.result) for g in groups]
    return [WallEntry(label=g.label(reveal), result=g.result, previous=previous.get(g.trio.id))  # type: ignore[call-arg,unused-ignore]
            for g in groups]


title_col, code_col = st.columns([3, 2], vertical_alignment="bottom")
title_col.title(f"Groepsmuur · {md(werkplaats.name)}")
code_col.header(f"Doe mee: code **{storage.format_code(werkplaats.join_code)}**", anchor=False)

with st.container(horizontal=True, gap="medium", key="wall_controls"):
    reveal = st.toggle("Toon gemeentenamen", value=False, key="wall_reveal",
                       help="Standaard anoniem (A, B, C …), zodat niemand op het scherm wordt aangewezen.")
    least_agreement_first = st.toggle("Grootste verschillen eerst", value=True, key="wall_order")
    st.toggle("Projectiemodus", key="projection_mode", help="Grote letters, geen zijbalk. Zet uit om terug te gaan.")
    show_code = st.toggle("Deelnamecode groot", key="wall_big_code",
                          help="De code en QR-code schermvullend, voor het begin van de werkplaats.")
    previous_round = previous_round_of(werkplaats)
    show_previous = previous_round is not None and st.toggle(
        "Toon vorige ronde (vaag)", value=False, key="wall_previous",
        help="Elk trio ook vaag op de plek van de vorige ronde, zodat je ziet hoe het is verschoven.")


def join_screen(werkplaats: WerkplaatsRecord) -> None:
    """The code, the address to type and the QR code, readable across a room."""
    st.html(JOIN_SCREEN_CSS)
    code = storage.format_code(werkplaats.join_code)
    link = page_url("", {"code": werkplaats.join_code})
    address = link.url.split("?", 1)[0].removeprefix("https://").removeprefix("http://").rstrip("/")
    code_col, qr_col = st.columns([3, 2], vertical_alignment="center")
    with code_col:
        st.container(key="wall_join_text").markdown("Ga naar")
        st.container(key="wall_join_url").markdown(md(address))
        st.container(key="wall_join_text_code").markdown("en vul deze code in:")
        big_code(werkplaats.join_code, "min(8vw, 12rem)", align="center")
    with qr_col:
        if not link.reachable:
            st.warning("Telefoons kunnen dit adres niet openen: het werkt alleen op deze computer. "
                       "Stel ROLWIJZER_PUBLIC_URL in, of open Rolwijzer via het netwerkadres van deze computer.")
        else:
            with st.container(horizontal_alignment="center"):
                st.image(qr_png(link.url), width=560, alt=f"QR-code met de link naar Rolwijzer en de code {code}")
            st.container(key="wall_join_text_qr").markdown("Of scan deze QR-code met je telefoon.")


if show_code:
    join_screen(werkplaats)
    st.stop()


def wall_columns(projecting: bool) -> tuple[DeltaGenerator, DeltaGenerator]:
    """Where the quadrant and the table go.

    On a projector side by side, the quadrant as large as the screen allows. On a laptop the quadrant
    has a fixed size and the table takes the rest of the row, or the row below when less than about
    500 px is left (1280 px with the sidebar), so that no column of the table is cut off.
    """
    if projecting:
        figure_col, table_col = st.columns([3, 2], gap="large")
        return figure_col, table_col
    row = st.container(horizontal=True, gap="large", key="wall_row")
    return row.container(width=WALL_FIGURE_WIDTH, key="wall_figure"), row.container(key="wall_side")


@st.fragment(run_every=REFRESH_SECONDS)
def live_wall(werkplaats: WerkplaatsRecord, model: Model, reveal: bool, least_first: bool, projecting: bool,
              previous: WerkplaatsRecord | None) -> None:
    groups = read_werkplaats_groups(model, werkplaats.id)
    style = Style.projector() if projecting else Style(height=WALL_FIGURE_WIDTH - 20)
    figure_col, table_col = wall_columns(projecting)
    with figure_col:
        entries = wall_entries(groups, reveal, previous_results(previous))
        st.plotly_chart(wall_figure(model, entries, style), config=CONFIG, key="wall_quadrant")
        legend("Gevuld rondje = nu (hoe groter, hoe meer onderling verschil) · open ruit = gewenst · "
               "pijl = de gewenste beweging.")
    with table_col:
        table = wall_table(model, groups, reveal=reveal, least_agreement_first=least_first)
        st.markdown(f"**{trio_count(len(groups))}** · vernieuwt elke {REFRESH_SECONDS} seconden")
        if not reveal:
            st.markdown(f"**{FIND_YOUR_LETTER}**")
        legend(DIFFERENCE_EXPLAINED)  # above the table: below it, a long table pushes it off the projector
        if projecting:
            # A plain HTML table scales with the projector CSS; the interactive grid is drawn on a canvas.
            shown = pd.DataFrame({
                "Trio": table["Trio"],
                "Ingevuld": table["Ingevuld"].map(lambda p: f"{p}%"),
                "Onderling verschil": table["Onderling verschil"],
            })
            st.table(shown, hide_index=True)
        else:
            st.dataframe(
                table, hide_index=True, width="stretch", key="wall_table",
                column_config={
                    "Trio": st.column_config.TextColumn("Trio", width="large" if reveal else "small"),
                    "Trioleden": st.column_config.NumberColumn("Trioleden", width="small"),
                    "Ingevuld": st.column_config.ProgressColumn("Ingevuld", format="%d%%", min_value=0, max_value=100),
                    "Onderling verschil": st.column_config.TextColumn("Onderling verschil"),
                },
                height=min(38 + 35 * max(len(table), 1), 900),
            )


live_wall(werkplaats, model, reveal, least_agreement_first, projecting, previous_round if show_previous else None)
