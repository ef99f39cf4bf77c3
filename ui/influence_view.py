"""The results page's invloedskaart: the chart, who is who, and where the members see someone else aan zet."""

from __future__ import annotations

import streamlit as st

from charts.influence import influence_figure
from charts.quadrant import CONFIG
from results.influence import (
    INFLUENCE_HEADING,
    INFLUENCE_INTRO,
    NO_CHANGE,
    NOTHING_CHOSEN,
    InfluenceScene,
    disagreement_sentence,
    disagreement_summary,
    member_key,
)
from ui.text import md


def show_influence(scene: InfluenceScene) -> None:
    st.header(INFLUENCE_HEADING)
    if not scene.lines:
        st.info(NO_CHANGE)
        return
    st.caption(INFLUENCE_INTRO)
    if not scene.chosen:
        st.info(NOTHING_CHOSEN)
    st.markdown(member_key(scene, md))
    st.plotly_chart(influence_figure(scene), config=CONFIG, key="influence_map")
    if summary := disagreement_summary(scene):
        lines = [f"**{md(s.lead)}** {s.text}" for s in (disagreement_sentence(scene, line, md)
                                                          for line in scene.disagreements)]
        st.markdown("  \n".join([f"**{summary}**", *lines]))
