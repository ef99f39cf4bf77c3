"""Per-process resources and the current member, for every page.

The engine and the content model are built once per process
(``st.cache_resource``); a database session is never cached.
"""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st
from sqlalchemy.engine import Engine

import settings
import storage
from scoring import ContentError, Model, load_model
from storage import MemberContext, WerkplaatsRecord

ROOT = Path(__file__).resolve().parent.parent
TOKEN_PARAM = "m"  # noqa: S105 - the name of a URL parameter, not a secret


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    return storage.get_engine(url)


def engine() -> Engine:
    """The process-wide engine for ``DATABASE_URL``."""
    return _engine_for(storage.database_url())


def content_dir() -> Path:
    """``content/``, or the folder named by ``ROLWIJZER_CONTENT_DIR``."""
    return settings.content_dir()


@st.cache_resource(show_spinner=False)
def _content_model(directory: str) -> Model:
    # An exception is not cached, so a fixed pack is picked up on the next rerun.
    return load_model(directory)


def content_model() -> Model:
    """The content pack new werkplaatsen use; raises :class:`ContentError` when it is invalid."""
    return _content_model(str(content_dir()))


def database_error() -> storage.StorageUnavailable | None:
    """Why the database cannot be used (a corrupt or locked file, a server that is down), or None."""
    try:
        engine()
    except storage.StorageUnavailable as exc:
        return exc
    return None


def content_error() -> ContentError | None:
    try:
        content_model()
    except ContentError as exc:
        return exc
    return None


def werkplaats_model(werkplaats: WerkplaatsRecord) -> Model:
    """The content a werkplaats was created with (its stored copy, not today's files)."""
    return storage.model_for_werkplaats(werkplaats)


MEMBER_KEY = "_member_token"
"""The member this browser session last showed a participant page for."""


def member_token(*, restore_url: bool = True) -> str | None:
    """The member's token from the URL, or else the one this session remembers.

    Streamlit's sidebar links and ``st.switch_page`` without parameters drop ``?m=``. So the
    token in the URL is remembered in the session, and a participant page opened without one
    continues with the remembered member and (with ``restore_url``) puts it back in the URL,
    so that a reload or a bookmark still works. A token in the URL always wins: that is how a
    shared laptop switches to another triolid.
    """
    token = st.query_params.get(TOKEN_PARAM)
    if token and storage.looks_like_token(token):
        st.session_state[MEMBER_KEY] = token
        return token
    kept = st.session_state.get(MEMBER_KEY)
    if not token and isinstance(kept, str) and storage.looks_like_token(kept):
        if restore_url:
            st.query_params[TOKEN_PARAM] = kept
        return kept
    return None


CONTEXT_FRESH_SECONDS = 30.0


def current_member(*, restore_url: bool = True) -> MemberContext | None:
    """The member whose token is in the URL (or remembered in this session, see :func:`member_token`), or None.

    The context is kept in the session: a member's trio and werkplaats do not
    change while they answer, and every answer is a rerun, so re-reading them
    each time was a query per click for nothing. It is read again after
    ``CONTEXT_FRESH_SECONDS``; while the database is briefly away the kept
    context serves, so the member keeps their page (and answers wait, see ``ui.answers``).
    """
    token = member_token(restore_url=restore_url)
    if token is None:
        return None
    kept = st.session_state.get("_member_context")
    fresh = time.monotonic() - st.session_state.get("_member_context_at", 0.0) < CONTEXT_FRESH_SECONDS
    if isinstance(kept, MemberContext) and kept.member.token == token and fresh:
        return kept
    try:
        member = storage.member_context(engine(), token)
    except storage.StorageUnavailable:
        if isinstance(kept, MemberContext) and kept.member.token == token:
            return kept
        raise
    if member is None:
        forget_member(token)
        return None
    st.session_state["_member_context"] = member
    st.session_state["_member_context_at"] = time.monotonic()
    return member


def forget_member_context() -> None:
    """Read the member's trio and round again at the next page run (the facilitator opened a next round)."""
    st.session_state.pop("_member_context", None)


def forget_member(token: str) -> None:
    """A token of nobody (a removed member) is not remembered, so the next page does not try it again."""
    if st.session_state.get(MEMBER_KEY) == token:
        del st.session_state[MEMBER_KEY]


def member_params(token: str) -> dict[str, str]:
    """Query parameters that carry a member between pages."""
    return {TOKEN_PARAM: token}
