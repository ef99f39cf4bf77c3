"""The trio's bestuurder: the section on the trio's results page, and the picture both sides see.

On the results page (:func:`render_bestuur_section`) the trio makes a personal link for its bestuurder
or directeur, decides whether to share this round's result, and, once the bestuurder has answered,
sees the bestuurder beside the trio with the conversation starters on the gap. The bestuurder's own
page (``app_pages/bestuur.py``) shows the same picture (:func:`show_beside`) after the trio shared it.
The bestuurder is never in the trio's mean (``results.bestuur``).
"""

from __future__ import annotations

from collections.abc import Hashable

import streamlit as st

import storage
from charts.quadrant import CONFIG, Style, trio_figure
from results.bestuur import (
    BESTUUR_INVITE,
    BESTUUR_NO_ANSWERS,
    BESTUUR_STARTERS_LEAD,
    BESTUUR_TITLE,
    bestuur_sentences,
    bestuur_starters,
)
from results.trio import bestuur_result
from scoring import GroupResult, MemberResult, Model
from storage import MemberContext, MemberRecord, RoundRecord
from ui import pages
from ui.explain import show
from ui.links import BaseUrl, page_url, show_link
from ui.starter_card import show_starter
from ui.state import TOKEN_PARAM, engine

INVITE_BUTTON = "Maak een link voor jullie bestuurder"
SHARE_TOGGLE = "Deel onze uitkomst met de bestuurder"
SHARE_KEY = "bestuur_share"
JUST_INVITED = "_bestuur_just_invited"
SHARE_ERROR = "_bestuur_share_error"
UNAVAILABLE = "De database is even niet bereikbaar. Probeer het zo opnieuw."
REFRESH_SECONDS = 10
_JUST_READ = "_bestuur_just_read"
CHART_CAPTION = (
    "Het zeshoekje is jullie bestuurder: gevuld = nu, open = gewenst. Het grote rondje en de grote ruit: "
    "jullie trio gemiddeld, zonder de bestuurder."
)
"""Under the picture on the trio's page; the bestuurder's page says it to the bestuurder."""


def bestuur_link(token: str) -> BaseUrl:
    """The bestuurder's personal link: it opens the bestuurder's page."""
    return page_url(pages.BESTUUR.url_path, {TOKEN_PARAM: token})


def bestuur_member_result(model: Model, trio_id: int, round_id: int | None = None) -> MemberResult | None:
    """The bestuurder's answers of the round (default: the trio's current round) scored like a member's,
    for the picture and the trio's PDF (``TrioReport(bestuur=...)``); ``None`` when no bestuurder was
    invited. May raise ``storage.StorageUnavailable``."""
    bestuurder = storage.bestuurder_of(engine(), trio_id)
    if bestuurder is None:
        return None
    return bestuur_result(model, bestuurder, storage.member_answers(engine(), bestuurder.id, round_id))


def current_round(trio_id: int, round_id: int | None = None) -> RoundRecord | None:
    """The round ``round_id`` of the trio, or its current round (the last)."""
    rounds = storage.trio_rounds(engine(), trio_id)
    if round_id is not None:
        return next((r for r in rounds if r.werkplaats_id == round_id), None)
    return rounds[-1] if rounds else None


def show_beside(model: Model, result: GroupResult, bestuur: MemberResult, *, key: str,
                caption: str = CHART_CAPTION) -> None:
    """The trio's picture with the bestuurder beside it, where each places the gemeente, and the starters."""
    st.plotly_chart(trio_figure(model, result, bestuur=bestuur, style=Style(height=520)), config=CONFIG, key=key)
    st.caption(caption)
    show(bestuur_sentences(model, result, bestuur))
    picked = bestuur_starters(model, result, bestuur)
    if not picked:
        return
    st.markdown(BESTUUR_STARTERS_LEAD)
    for number, starter in enumerate(picked, start=1):
        show_starter(model, number, starter, key=f"{key}_starter_{starter.question_id}")


# --- On the trio's results page ----------------------------------------------------------------------------


def _invite(trio_id: int) -> None:
    try:
        storage.invite_bestuurder(engine(), trio_id=trio_id)
    except storage.StorageUnavailable:
        st.session_state[SHARE_ERROR] = UNAVAILABLE
        return
    st.session_state[JUST_INVITED] = True


def _share(trio_id: int, round_id: int) -> None:
    try:
        storage.share_with_bestuur(engine(), trio_id=trio_id, shared=bool(st.session_state[SHARE_KEY]),
                                   round_id=round_id)
    except storage.StorageUnavailable:
        st.session_state[SHARE_ERROR] = UNAVAILABLE  # the toggle shows the stored state again


def render_bestuur_section(model: Model, member: MemberContext, result: GroupResult) -> None:
    """"Jullie bestuurder" on the trio's results page; ``result`` is the trio's result the page shows."""
    trio_id = member.trio.id
    st.header(BESTUUR_TITLE)
    if error := st.session_state.pop(SHARE_ERROR, None):
        st.error(error)
    try:
        bestuurder = storage.bestuurder_of(engine(), trio_id)
        round_ = current_round(trio_id)
        answers = None if bestuurder is None else storage.member_answers(engine(), bestuurder.id)
    except storage.StorageUnavailable:
        st.warning(UNAVAILABLE)
        return
    if bestuurder is None or answers is None or round_ is None:
        st.markdown(BESTUUR_INVITE)
        st.button(INVITE_BUTTON, key="bestuur_invite", on_click=_invite, args=(trio_id,),
                  icon=":material/link:")
        return
    with st.expander("De link voor jullie bestuurder", expanded=bool(st.session_state.pop(JUST_INVITED, False))):
        st.markdown(BESTUUR_INVITE)
        show_link("De persoonlijke link van jullie bestuurder:", bestuur_link(bestuurder.token), qr_width=160)
    st.session_state[SHARE_KEY] = round_.shared_at is not None  # what is stored, also when another triolid changed it
    st.toggle(SHARE_TOGGLE, key=SHARE_KEY, on_change=_share, args=(trio_id, round_.werkplaats_id))
    st.caption(
        "Jullie bestuurder ziet jullie uitkomst van deze ronde." if round_.shared_at is not None
        else "Jullie bestuurder ziet jullie uitkomst nog niet. Jullie zien de antwoorden van de bestuurder wel."
    )
    bestuur = bestuur_result(model, bestuurder, answers)
    if bestuur.answered == 0:
        st.info(BESTUUR_NO_ANSWERS)
    else:
        show_beside(model, result, bestuur, key="bestuur_quadrant")
    st.session_state[_JUST_READ] = True
    _watch_bestuurder(bestuurder, _answers_version(answers))


def _answers_version(answers: storage.MemberAnswers) -> Hashable:
    return tuple(tuple(sorted(answers[frame].items())) for frame in sorted(answers))


@st.fragment(run_every=REFRESH_SECONDS)
def _watch_bestuurder(bestuurder: MemberRecord, shown: Hashable) -> None:
    """Rerun the page when the bestuurder's answers changed (they answer on their own device)."""
    if st.session_state.pop(_JUST_READ, False):
        return  # called by the page run that has just read them
    try:
        now = _answers_version(storage.member_answers(engine(), bestuurder.id))
    except storage.StorageUnavailable:
        return
    if now != shown:
        st.rerun(scope="app")
