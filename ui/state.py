"""Per-process resources and the current member, for every page.

The engine and the content model are built once per process
(``st.cache_resource``); a database session is never cached.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from sqlalchemy.engine import Engine

import storage
from scoring import ContentError, Model, load_model
from storage import MemberContext, WerkplaatsRecord

ROOT = Path(__file__).resolve().parent.parent
CONTENT_SETTING = "ROLWIJZER_CONTENT_DIR"
TOKEN_PARAM = "m"  # noqa: S105 - the name of a URL parameter, not a secret


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    return storage.get_engine(url)


def engine() -> Engine:
    """The process-wide engine for ``DATABASE_URL``."""
    return _engine_for(storage.database_url())


def content_dir() -> Path:
    """``content/``, or the folder named by ``ROLWIJZER_CONTENT_DIR``."""
    return Path(os.environ.get(CONTENT_SETTING) or ROOT / "content")


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


def member_token() -> str | None:
    token = st.query_params.get(TOKEN_PARAM)
    return token if token and storage.looks_like_token(token) else None


def current_member() -> MemberContext | None:
    """The member whose token is in the URL, or None.

    The last context read is kept in the session, so a member keeps their page
    (and their answers wait, see ``ui.answers``) while the database is briefly away.
    """
    token = member_token()
    if token is None:
        return None
    try:
        member = storage.member_context(engine(), token)
    except storage.StorageUnavailable:
        remembered = st.session_state.get("_member_context")
        if isinstance(remembered, MemberContext) and remembered.member.token == token:
            return remembered
        raise
    st.session_state["_member_context"] = member
    return member


def member_params(token: str) -> dict[str, str]:
    """Query parameters that carry a member between pages."""
    return {TOKEN_PARAM: token}
