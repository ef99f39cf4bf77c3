"""Scores in words, for the pages."""

from __future__ import annotations

from charts.contributions import contribution_figure
from scoring import GroupScore, Model, Score

__all__ = ["contribution_figure", "frame_sentence", "position_text"]


def frame_sentence(model: Model, label: str, position: Score | GroupScore) -> str:
    if position.quadrant is None:
        return f"**{label}:** nog te weinig antwoorden voor een plek op beide assen."
    quadrant = model.quadrant(position.quadrant)
    sentence = f"**{label}: {quadrant.name}.** {quadrant.summary}"
    if isinstance(position, Score) and position.near_border:
        sentence += " _Je stip ligt dicht bij een grens: een paar antwoorden kunnen hem naar een ander kwadrant brengen._"
    return sentence


def position_text(model: Model, nu: Score, gewenst: Score) -> list[str]:
    lines = [frame_sentence(model, "Nu", nu), frame_sentence(model, "Gewenst", gewenst)]
    if nu.quadrant and gewenst.quadrant and nu.quadrant == gewenst.quadrant:
        lines.append("Je wilt in hetzelfde kwadrant blijven, maar misschien wel verschuiven: kijk naar de pijl.")
    return lines
