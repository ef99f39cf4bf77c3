"""Groepsmuur: every trio live on one quadrant, for the projector."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import storage
from charts.quadrant import CONFIG, Style, WallEntry, wall_figure
from results import wall_table
from scoring import Model
from storage import WerkplaatsRecord
from ui.facilitator import require_werkplaats
from ui.links import page_url, show_link
from ui.reads import read_werkplaats_groups
from ui.text import md

REFRESH_SECONDS = 3

werkplaats, model = require_werkplaats()
projecting = bool(st.session_state.get("projection_mode"))

if projecting:
    # Static CSS only (no user text): larger type and no chrome for a 1920×1080 projector.
    st.html(
        """<style>
        header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
        [data-testid="stSidebarCollapsedControl"] {display: none;}
        .block-container {padding-top: 1rem; max-width: 100%;}
        html, body, [data-testid="stMarkdownContainer"] p {font-size: 1.35rem;}
        [data-testid="stTable"] table {font-size: 1.6rem;}
        h1 {font-size: 2.6rem !important;}
        </style>"""
    )

title_col, code_col = st.columns([3, 2], vertical_alignment="bottom")
title_col.title(f"Groepsmuur · {md(werkplaats.name)}")
code_col.markdown(f"## Doe mee: code **{storage.format_code(werkplaats.join_code)}**")

controls = st.columns(4)
reveal = controls[0].toggle("Toon gemeentenamen", value=False, key="wall_reveal",
                            help="Standaard anoniem (A, B, C …), zodat niemand op het scherm wordt aangewezen.")
least_agreement_first = controls[1].toggle("Meeste verschil eerst", value=True, key="wall_order")
controls[2].toggle("Projectiemodus", key="projection_mode",
                   help="Grote letters, geen zijbalk. Zet uit om terug te gaan.")
show_code = controls[3].toggle("Deelnamecode groot", key="wall_big_code",
                               help="De code en QR-code schermvullend, voor het begin van de werkplaats.")

if show_code:
    # The join code comes from our own code alphabet (never user text), so it may be styled as HTML.
    code = storage.format_code(werkplaats.join_code)
    assert all(c.isalnum() or c == "-" for c in code)
    code_col, qr_col = st.columns([3, 2], vertical_alignment="center")
    with code_col:
        st.html(
            "<div style='text-align:center;font-weight:700;letter-spacing:0.06em;font-size:min(6.5vw,10rem);"
            f"white-space:nowrap;line-height:1.1'>{code}</div>"
        )
    with qr_col:
        show_link("Ga naar dit adres en vul de code in, of scan:", page_url("", {"code": werkplaats.join_code}),
                  qr_width=420)
    st.stop()


@st.fragment(run_every=REFRESH_SECONDS)
def live_wall(werkplaats: WerkplaatsRecord, model: Model, reveal: bool, least_first: bool, projecting: bool) -> None:
    groups = read_werkplaats_groups(model, werkplaats.id)
    style = Style.projector() if projecting else Style(height=640)
    figure_col, table_col = st.columns([3, 2], gap="large")
    with figure_col:
        entries = [WallEntry(label=g.label(reveal), result=g.result) for g in groups]
        st.plotly_chart(wall_figure(model, entries, style), config=CONFIG, key="wall_quadrant")
        st.caption(
            "Gevuld rondje = nu (hoe groter, hoe meer de drie onderling verschillen) · open ruit = gewenst · "
            "pijl = de gewenste beweging."
        )
    with table_col:
        table = wall_table(model, groups, reveal=reveal, least_agreement_first=least_first)
        st.markdown(f"**{len(groups)} trio's** · vernieuwt elke {REFRESH_SECONDS} seconden")
        if projecting:
            # A plain HTML table scales with the projector CSS; the interactive grid is drawn on a canvas.
            shown = pd.DataFrame({
                "Trio": table["Trio"],
                "Ingevuld": table["Ingevuld"].map(lambda p: f"{p}%"),
                "Verschil": table["Onderling verschil"].map(lambda v: "–" if pd.isna(v) else f"{v:.2f}"),
            })
            st.table(shown.set_index("Trio"))
        else:
            st.dataframe(
                table, hide_index=True, width="stretch", key="wall_table",
                column_config={
                    "Trio": st.column_config.TextColumn("Trio", width="medium" if reveal else "small"),
                    "Leden": st.column_config.NumberColumn("Leden", width="small"),
                    "Ingevuld": st.column_config.ProgressColumn("Ingevuld", format="%d%%", min_value=0, max_value=100),
                    "Onderling verschil": st.column_config.NumberColumn(
                        "Verschil", help="Spreiding binnen het trio: 0 = eens, hoger = meer verschil", format="%.2f"
                    ),
                },
                height=min(38 + 35 * max(len(table), 1), 900),
            )


live_wall(werkplaats, model, reveal, least_agreement_first, projecting)
