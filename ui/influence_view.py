"""The results page's invloedskaart: the chart, who is who, and where the members see someone else aan zet."""

from __future__ import annotations

import streamlit as st

import storage
from charts.influence import influence_figure
from charts.quadrant import CONFIG
from results.influence import (
    GROUP_INFLUENCE_INTRO,
    INFLUENCE_HEADING,
    INFLUENCE_INTRO,
    NO_CHANGE,
    NOTHING_CHOSEN,
    InfluenceScene,
    disagreement_sentence,
    disagreement_summary,
    influence_scene,
    member_key,
)
from scoring import GroupResult, Model
from scoring.influence import InfluenceChoices
from ui.state import engine
from ui.text import md


def show_influence(scene: InfluenceScene) -> None:
    st.header(INFLUENCE_HEADING)
    if not scene.lines:
        st.info(NO_CHANGE)
        return
    st.caption(INFLUENCE_INTRO)
    if not scene.chosen:
        st.info(NOTHING_CHOSEN)
    st.markdown("  \n".join(member_key(scene, md)))
    st.plotly_chart(influence_figure(scene), config=CONFIG, key="influence_map")
    if summary := disagreement_summary(scene):
        lines = [f"**{md(s.lead)}** {s.text}" for s in (disagreement_sentence(scene, line, md)
                                                          for line in scene.disagreements)]
        st.markdown("  \n".join([f"**{summary}**", *lines]))


def show_group_influence(model: Model, groups: dict[str, GroupResult], choices: InfluenceChoices) -> None:
    """The invloedskaart per group (label -> result), in tabs: where each group places the lever."""
    scenes = {label: influence_scene(model, result, choices) for label, result in groups.items()}
    if not scenes or any(scene is None for scene in scenes.values()):
        return  # the content asks no influence question
    st.header(INFLUENCE_HEADING, anchor=False)
    st.caption(GROUP_INFLUENCE_INTRO)
    for number, (tab, scene) in enumerate(zip(st.tabs(list(scenes)), scenes.values(), strict=True)):
        with tab:
            if scene is None or not scene.lines:
                st.info("Deze groep wil nog bij geen enkele stelling iets veranderen.")
                continue
            if not scene.chosen:
                st.info("In deze groep heeft nog niemand gekozen wie er iets kan veranderen.")
            elif summary := disagreement_summary(scene, group=True):
                st.markdown(summary)
            st.plotly_chart(influence_figure(scene, numbers=False), config=CONFIG,
                            key=f"group_influence_{number}")


def read_werkplaats_choices(werkplaats_id: int) -> dict[str, dict[str, str]]:
    """Every member's influence choices in a werkplaats (one query), keyed by member id as text, as
    results key their members."""
    by_trio = storage.werkplaats_influence_choices(engine(), werkplaats_id)
    return {str(member_id): dict(choices) for members in by_trio.values() for member_id, choices in members.items()}
