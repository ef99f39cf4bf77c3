"""Rolgroepen: how wijkambtenaren and sector colleagues see their municipalities."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.distributions import role_distribution_figure
from charts.quadrant import CONFIG, RoleGroupEntry, Style, role_groups_figure
from results import role_groups, wijk_and_sector
from results.numbers import decimal
from scoring import FRAMES, GroupScore, Model, distribution, role_gap
from scoring.schema import Axis
from ui.facilitator import require_werkplaats
from ui.influence_view import read_werkplaats_choices, show_group_influence
from ui.reads import read_werkplaats_groups
from ui.text import md

FRAME_NAMES = {"nu": "Nu", "gewenst": "Gewenst"}
GROUP_NAMES = {"wijk": "Wijkambtenaren", "sector": "Sectorcollega's"}

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

# The whole width for the quadrant: its legend names every role twice (nu and gewenst), and in a
# column beside a table it was squeezed to a small square at 1280 px.
entries = [RoleGroupEntry(role_id=r, label=model.role_name(r), result=res) for r, res in by_role.items()]
st.plotly_chart(role_groups_figure(model, entries, Style(height=720)), config=CONFIG, key="roles_quadrant")
st.caption("Elke rol heeft een eigen vorm. Gevulde vorm (blauw) = nu, open vorm (oranje rand) = gewenst, "
           "met een pijl van nu naar gewenst.")


def position(value: float | None) -> str:
    return decimal(value, sign=True)


def towards(axis: Axis, gap: float) -> str:
    """How much further one group stands along an axis, in words: "0,21 verder richting Krachten (vertrekpunt)"."""
    if round(gap, 2) == 0:
        return f"even ver op {axis.name.lower()}"
    return f"{decimal(abs(gap))} verder richting {axis.high if gap > 0 else axis.low} ({axis.name.lower()})"


def comparison(model: Model, wijk: GroupScore, sector: GroupScore) -> str | None:
    if wijk.x is None or wijk.y is None or sector.x is None or sector.y is None:
        return None
    return (
        f"wijkambtenaren staan {towards(model.axes.x, wijk.x - sector.x)} en "
        f"{towards(model.axes.y, wijk.y - sector.y)} dan hun sectorcollega's."
    )


st.header("Wijk en sector", anchor=False)
pairs = wijk_and_sector(model, selected)
rows = [
    {
        "Groep": GROUP_NAMES[kind], "Moment": FRAME_NAMES[frame], "Trioleden": res.frame(frame).n,
        model.axes.x.name: position(res.frame(frame).x), model.axes.y.name: position(res.frame(frame).y),
        "Kwadrant": model.quadrant(quadrant).name if (quadrant := res.frame(frame).quadrant) else "–",
    }
    for kind, res in pairs.items()
    for frame in FRAMES
]
if rows:
    st.table(pd.DataFrame(rows), hide_index=True)
    st.caption(
        f"Plek op de as, van −1 tot +1: {model.axes.x.name} van {model.axes.x.low} (−1) tot "
        f"{model.axes.x.high} (+1), {model.axes.y.name} van {model.axes.y.low} (−1) tot {model.axes.y.high} (+1)."
    )
if len(pairs) == 2:
    for frame in FRAMES:
        sentence = comparison(model, pairs["wijk"].frame(frame), pairs["sector"].frame(frame))
        if sentence:
            st.markdown(f"**{FRAME_NAMES[frame]}:** {sentence}")

show_group_influence(
    model,
    {GROUP_NAMES[kind]: res for kind, res in pairs.items()} | {model.role_name(r): res for r, res in by_role.items()},
    read_werkplaats_choices(werkplaats.id),
)

st.header("Waar verschillen de rollen het meest?", anchor=False)
frame = st.segmented_control("Moment", list(FRAMES), default="nu", key="roles_frame", required=True,
                             format_func=FRAME_NAMES.__getitem__) or "nu"
members_by_role = {model.role_name(r): list(res.members) for r, res in by_role.items()}
gaps = {q.id: role_gap(model, members_by_role, q.id, frame) for q in model.questions}
ordered = sorted(model.questions, key=lambda q: -(gap if (gap := gaps[q.id]) is not None else -1.0))
table = pd.DataFrame([
    {"Stelling": f"{q.theme} ({model.axis(q.axis).name})", "Grootste verschil tussen rollen": decimal(gaps[q.id], 1)}
    | {
        label: decimal(distribution(model, members, q.id, frame).mean, 1)
        for label, members in members_by_role.items()
    }
    for q in ordered
])
st.caption(
    f"Gemiddeld antwoord per rol op de richting van de as (1 = {model.axes.x.low} / {model.axes.y.low}, "
    f"{model.scale.points} = {model.axes.x.high} / {model.axes.y.high}). Bovenaan: het grootste verschil."
)
st.table(table, hide_index=True)

for q in ordered[:5]:
    with st.expander(f"{q.theme}: verdeling per rol"):
        per_role = {label: distribution(model, members, q.id, frame) for label, members in members_by_role.items()}
        st.plotly_chart(role_distribution_figure(model, q, per_role), config=CONFIG, key=f"role_dist_{q.id}")
