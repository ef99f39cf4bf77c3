"""Small pieces every participant page shows."""

from __future__ import annotations

import logging

import streamlit as st

import storage
from scoring import Model
from storage import MemberContext
from ui import pages
from ui.bestuur_access import send_bestuurder_home
from ui.state import current_member, member_params, werkplaats_model
from ui.text import md

log = logging.getLogger(__name__)


def require_member() -> tuple[MemberContext, Model]:
    """The member in the URL and their werkplaats' content, or a friendly stop."""
    try:
        member = current_member()
    except storage.StorageUnavailable as exc:
        log.warning("member page without a database: %s", exc)  # the details are for the log, not the member
        st.error("De database is nu niet bereikbaar. Probeer het over een paar seconden opnieuw.")
        st.stop()
    if member is None:
        st.info("Je bent nog niet aangemeld. Vul eerst de code van je werkplaats of trio in.")
        st.page_link(pages.START.path, label="Naar de startpagina", icon=":material/login:")
        st.stop()
    send_bestuurder_home(member)  # a bestuurder's link opened on a member page
    return member, werkplaats_model(member.werkplaats)


def member_caption(member: MemberContext, model: Model) -> str:
    name = f" · {md(member.member.display_name)}" if member.member.display_name else ""
    return (
        f"{md(member.trio.municipality)} · {model.role_name(member.member.role)}{name} · "
        f"werkplaats {md(member.werkplaats.name)}"
    )


def page_links(member: MemberContext) -> None:
    """Links between the member's pages that keep the token in the URL."""
    params = member_params(member.member.token)
    cols = st.columns(2)
    cols[0].page_link(
        pages.QUESTIONNAIRE.path, label=pages.QUESTIONNAIRE.title, icon=pages.QUESTIONNAIRE.icon, query_params=params
    )
    cols[1].page_link(pages.RESULTS.path, label="Resultaten van jullie trio", icon=pages.RESULTS.icon, query_params=params)
