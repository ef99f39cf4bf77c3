"""Who opened the bestuurder's page, and sending each personal link to its own page.

A bestuurder's personal link carries the token in ``?m=`` like a member's, but opens the bestuurder's
page (``pages.BESTUUR``). This browser session remembers that token under a key of its own, not the
member's (``ui.state.MEMBER_KEY``): a trio member who opens the bestuurder's link to try it keeps
being themselves on the member pages, and the start page never offers "Verder als" for a bestuurder.

The two ways round: a trio member's token on the bestuurder's page goes to the questionnaire
(:func:`require_bestuurder`), a bestuurder's token on a member page comes here (:func:`send_bestuurder_home`).
"""

from __future__ import annotations

import logging
import time
from typing import NoReturn

import streamlit as st

import storage
from scoring import Model
from storage import MemberContext
from ui import pages
from ui.state import TOKEN_PARAM, engine, forget_member, member_params, werkplaats_model

log = logging.getLogger(__name__)

BESTUUR_TOKEN_KEY = "_bestuur_token"  # noqa: S105 - a session key, not a secret
_CONTEXT_KEY = "_bestuur_context"
_CONTEXT_AT_KEY = "_bestuur_context_at"
CONTEXT_FRESH_SECONDS = 30.0
NO_LINK = (
    "Deze pagina is voor de bestuurder of directeur van een trio. Open de persoonlijke link die je "
    "van het trio kreeg."
)


def bestuurder_token() -> str | None:
    """The token in the URL, or else the one this session remembers for the bestuurder's page (put
    back in the URL, so that a reload or a bookmark still works)."""
    token = st.query_params.get(TOKEN_PARAM)
    if token and storage.looks_like_token(token):
        st.session_state[BESTUUR_TOKEN_KEY] = token
        return token
    kept = st.session_state.get(BESTUUR_TOKEN_KEY)
    if not token and isinstance(kept, str) and storage.looks_like_token(kept):
        st.query_params[TOKEN_PARAM] = kept
        return kept
    return None


def _context(token: str) -> MemberContext | None:
    """``storage.member_context``, kept in the session for a short while: the page reruns at every answer."""
    kept = st.session_state.get(_CONTEXT_KEY)
    fresh = time.monotonic() - st.session_state.get(_CONTEXT_AT_KEY, 0.0) < CONTEXT_FRESH_SECONDS
    if isinstance(kept, MemberContext) and kept.member.token == token and fresh:
        return kept
    try:
        context = storage.member_context(engine(), token)
    except storage.StorageUnavailable:
        if isinstance(kept, MemberContext) and kept.member.token == token:
            return kept  # the trio and its round do not change while the bestuurder answers
        raise
    if context is not None:
        st.session_state[_CONTEXT_KEY] = context
        st.session_state[_CONTEXT_AT_KEY] = time.monotonic()
    return context


def require_bestuurder() -> tuple[MemberContext, Model]:
    """The bestuurder whose link opened this page and the content of the trio's round, or a friendly stop.
    A trio member's token goes on to the questionnaire."""
    token = bestuurder_token()
    try:
        context = None if token is None else _context(token)
    except storage.StorageUnavailable as exc:
        log.warning("bestuurder page without a database: %s", exc)  # the details are for the log
        st.error("De database is nu niet bereikbaar. Probeer het over een paar seconden opnieuw.")
        st.stop()
    if context is not None and not context.member.is_bestuurder:
        st.session_state.pop(BESTUUR_TOKEN_KEY, None)
        st.switch_page(pages.QUESTIONNAIRE.path, query_params=member_params(context.member.token))
    if context is None:
        if token is not None and st.session_state.get(BESTUUR_TOKEN_KEY) == token:
            del st.session_state[BESTUUR_TOKEN_KEY]  # nobody's token: not tried again on the next run
        st.info(NO_LINK)
        st.page_link(pages.START.path, label="Naar de startpagina", icon=":material/login:")
        st.stop()
    return context, werkplaats_model(context.werkplaats)


def send_bestuurder_home(member: MemberContext) -> None:
    """On a member page: a bestuurder's token goes to the bestuurder's own page (and is not remembered
    as the session's member). Nothing happens for a trio member."""
    if member.member.is_bestuurder:
        to_bestuur_page(member.member.token)


def to_bestuur_page(token: str) -> NoReturn:
    forget_member(token)
    st.switch_page(pages.BESTUUR.path, query_params={TOKEN_PARAM: token})
