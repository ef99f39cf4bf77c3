"""Stellingen: how the whole group answered each statement, nu versus gewenst."""

from __future__ import annotations

import streamlit as st

from charts.distributions import frame_distribution_figure
from charts.quadrant import CONFIG
from results.numbers import decimal
from scoring import MemberResult, distribution
from ui.facilitator import require_werkplaats
from ui.reads import read_werkplaats_groups
from ui.text import md

werkplaats, model = require_werkplaats()
st.title(f"Stellingen · {md(werkplaats.name)}")
st.markdown(
    "Per stelling alle antwoorden van de groep, voor **nu** en **gewenst**, op de richting van de as: "
    f"1 is de linkerpool, {model.scale.points} de rechterpool. Een verschuiving naar rechts is een beweging "
    f"richting {model.axes.x.high.lower()} of {model.axes.y.high.lower()}."
)

members: list[MemberResult] = [m for g in read_werkplaats_groups(model, werkplaats.id) for m in g.result.members]
st.caption("1 triolid" if len(members) == 1 else f"{len(members)} trioleden")
order = st.segmented_control("Volgorde", ["Zoals in de vragenlijst", "Grootste verschuiving eerst"],
                             default="Zoals in de vragenlijst", key="statements_order", required=True)


def shift(question_id: str) -> float:
    nu, gewenst = distribution(model, members, question_id, "nu"), distribution(model, members, question_id, "gewenst")
    return abs((gewenst.mean or 0.0) - (nu.mean or 0.0)) if nu.mean is not None and gewenst.mean is not None else -1.0


questions = list(model.questions)
if order == "Grootste verschuiving eerst":
    questions.sort(key=lambda q: -shift(q.id))

columns = st.columns(2, gap="large")
for index, q in enumerate(questions):
    nu, gewenst = distribution(model, members, q.id, "nu"), distribution(model, members, q.id, "gewenst")
    with columns[index % 2], st.container(border=True):
        st.markdown(f"**{q.theme}** · {model.axis(q.axis).name}")
        st.caption(f"1 = {q.low}  \n{model.scale.points} = {q.high}")
        if nu.mean is not None and gewenst.mean is not None:
            st.caption(f"Gemiddeld nu {decimal(nu.mean, 1)} → gewenst {decimal(gewenst.mean, 1)}")
        st.plotly_chart(frame_distribution_figure(model, q, nu, gewenst), config=CONFIG, key=f"dist_{q.id}")
