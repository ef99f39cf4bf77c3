"""Rolgroepen: how wijkambtenaren and sector colleagues see their municipalities."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.distributions import role_distribution_figure
from charts.quadrant import CONFIG, RoleGroupEntry, role_groups_figure
from results import role_groups, wijk_and_sector
from scoring import FRAMES, distribution, role_gap
from ui.facilitator import require_werkplaats
from ui.reads import read_werkplaats_groups
from ui.text import md

werkplaats, model = require_werkplaats()
st.title(f"Rolgroepen · {md(werkplaats.name)}")
st.markdown(
    "Zien wijkambtenaren het anders dan hun collega's uit het sociale, fysieke of veiligheidsdomein? "
    "Hier staat de gemiddelde plek per rol, en de stellingen waar de rollen het meest verschillen."
)

groups = read_werkplaats_groups(model, werkplaats.id)
reveal = st.toggle("Toon gemeentenamen", value=False, key="roles_reveal")
scope_options = [None, *range(len(groups))]
scope = st.selectbox(
    "Welke trio's", scope_options, key="roles_scope",
    format_func=lambda i: "De hele groep" if i is None else f"Trio {groups[i].label(reveal)}",  # plain text widget
)
selected = groups if scope is None else [groups[scope]]

by_role = role_groups(model, selected)
if not by_role:
    st.info("Nog geen antwoorden om te vergelijken.")
    st.stop()

left, right = st.columns([3, 2], gap="large")
with left:
    entries = [RoleGroupEntry(role_id=r, label=model.role_name(r), result=res) for r, res in by_role.items()]
    st.plotly_chart(role_groups_figure(model, entries), config=CONFIG, key="roles_quadrant")
    st.caption("Elke rol heeft een eigen vorm. Gevulde vorm (blauw) = nu, open vorm (oranje rand) = gewenst, "
               "met een pijl van nu naar gewenst.")
with right:
    st.header("Wijk en sector")
    pairs = wijk_and_sector(model, selected)
    names = {"wijk": "Wijkambtenaren", "sector": "Sectorcollega's"}
    rows = []
    for kind, res in pairs.items():
        for frame in FRAMES:
            g = res.frame(frame)
            rows.append({
                "Groep": names[kind], "Frame": frame, "n": g.n,
                "Vertrekpunt (x)": None if g.x is None else round(g.x, 2),
                "Regie (y)": None if g.y is None else round(g.y, 2),
                "Kwadrant": model.quadrant(g.quadrant).name if g.quadrant else "–",
            })
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="wijk_sector_table")
    if len(pairs) == 2:
        for frame in FRAMES:
            wijk, sector = pairs["wijk"].frame(frame), pairs["sector"].frame(frame)
            if None not in (wijk.x, wijk.y, sector.x, sector.y):
                assert wijk.x is not None and wijk.y is not None and sector.x is not None and sector.y is not None
                st.markdown(
                    f"**{frame.capitalize()}:** wijkambtenaren staan {wijk.x - sector.x:+.2f} op "
                    f"{model.axes.x.name.lower()} en {wijk.y - sector.y:+.2f} op {model.axes.y.name.lower()} "
                    "ten opzichte van hun sectorcollega's."
                )

st.header("Waar verschillen de rollen het meest?")
frame = st.segmented_control("Frame", list(FRAMES), default="nu", key="roles_frame", required=True,
                             format_func=str.capitalize) or "nu"
members_by_role = {model.role_name(r): list(res.members) for r, res in by_role.items()}
gaps = {q.id: role_gap(model, members_by_role, q.id, frame) for q in model.questions}
ordered = sorted(model.questions, key=lambda q: -(gaps[q.id] if gaps[q.id] is not None else -1))
table = pd.DataFrame([
    {"Stelling": f"{q.theme} ({model.axis(q.axis).name})", "Grootste verschil tussen rollen": gaps[q.id]}
    | {
        label: distribution(model, members, q.id, frame).mean
        for label, members in members_by_role.items()
    }
    for q in ordered
])
st.caption(
    f"Gemiddeld antwoord per rol op de richting van de as (1 = {model.axes.x.low} / {model.axes.y.low}, "
    f"{model.scale.points} = {model.axes.x.high} / {model.axes.y.high}). Bovenaan: het grootste verschil."
)
st.dataframe(table, hide_index=True, width="stretch", key="role_gap_table",
             column_config={c: st.column_config.NumberColumn(format="%.1f") for c in table.columns if c != "Stelling"})

for q in ordered[:5]:
    with st.expander(f"{q.theme}: verdeling per rol"):
        per_role = {label: distribution(model, members, q.id, frame) for label, members in members_by_role.items()}
        st.plotly_chart(role_distribution_figure(model, q, per_role), config=CONFIG, key=f"role_dist_{q.id}")
