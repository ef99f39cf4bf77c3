"""Every page of Rolwijzer, defined once: its script, title and icon, and who may see it.

Page scripts are named here and nowhere else; other code refers to these definitions
(``st.page_link(pages.RESULTS.path, ...)``, ``st.switch_page(pages.QUESTIONNAIRE.path)``).

The definitions are plain records, not ``st.Page`` objects: ``st.Page`` reads the running
script's context (to resolve the file next to ``app.py``) and is left half-built when made
at import time, and this module is imported once per process while every session runs
``app.py`` on its own. So ``app.py`` asks :func:`streamlit_pages` for fresh ``st.Page``
objects in each script run. Streamlit itself is imported only there, so that benchmarks
and tests can read the page table without it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import streamlit as st


@dataclass(frozen=True)
class PageDef:
    """One page script; ``facilitator`` pages are registered only once the passcode gate is open."""

    path: str
    title: str
    icon: str | None = None
    facilitator: bool = False
    hidden: bool = False
    """Reached only by a link (the bestuurder's page), never listed in the sidebar."""

    @property
    def url_path(self) -> str:
        """The page's address below the app's root, as Streamlit derives it from the file name.

        The default page (the first of the navigation) is also served at the root itself.
        """
        return Path(self.path).stem


START = PageDef("app_pages/start.py", "Start", ":material/home:")
QUESTIONNAIRE = PageDef("app_pages/vragenlijst.py", "Vragenlijst", ":material/edit_note:")
RESULTS = PageDef("app_pages/resultaten.py", "Resultaten", ":material/groups:")
BESTUUR = PageDef("app_pages/bestuur.py", "Bestuurder", ":material/account_balance:", hidden=True)
GATE = PageDef("app_pages/begeleider.py", "Begeleider", ":material/lock:")
WERKPLAATSEN = PageDef("app_pages/werkplaatsen.py", "Werkplaatsen", ":material/event:", facilitator=True)
WALL = PageDef("app_pages/muur.py", "Groepsmuur", ":material/cast:", facilitator=True)
ROLE_GROUPS = PageDef("app_pages/rolgroepen.py", "Rolgroepen", ":material/compare_arrows:", facilitator=True)
STATEMENTS = PageDef("app_pages/stellingen.py", "Stellingen", ":material/bar_chart:", facilitator=True)
CONTENT_ERROR = PageDef("app_pages/inhoudsfout.py", "Inhoud klopt niet")
DATABASE_ERROR = PageDef("app_pages/databasefout.py", "Database niet bereikbaar")

ALL: tuple[PageDef, ...] = (
    START, QUESTIONNAIRE, RESULTS, BESTUUR, GATE, WERKPLAATSEN, WALL, ROLE_GROUPS, STATEMENTS, CONTENT_ERROR, DATABASE_ERROR,
)
PARTICIPANT: tuple[PageDef, ...] = (START, QUESTIONNAIRE, RESULTS, BESTUUR)
FACILITATOR: tuple[PageDef, ...] = tuple(page for page in ALL if page.facilitator)

Layout = Mapping[str, tuple[PageDef, ...]]
"""Navigation sections (their Dutch headers) and their pages; the very first page is the default."""


FACILITATOR_SECTION = "Begeleider"


def app_layout(*, facilitator: bool) -> Layout:
    """The participant pages and the Begeleider gate, plus the facilitator pages once the gate is open."""
    return {
        "Deelnemen": PARTICIPANT,
        FACILITATOR_SECTION: (GATE, *FACILITATOR) if facilitator else (GATE,),
    }


def error_layout(page: PageDef) -> Layout:
    """Only the page that explains why Rolwijzer cannot start (content or database error)."""
    return {"Rolwijzer": (page,)}


def streamlit_pages(
    layout: Layout, *, locked: Callable[[PageDef], Callable[[], None]] | None = None
) -> dict[str, list[st.Page]]:
    """Fresh ``st.Page`` objects for this script run, as ``st.navigation`` takes them.

    With ``locked``, every facilitator page the layout leaves out still gets its address, as a
    hidden page that runs ``locked(page)`` (the login) instead of the page's script: a reload or
    a bookmark of the wall then lands on that login, not on Streamlit's English "Page not found".
    The script itself stays unregistered until the gate is open.
    """
    import streamlit as st

    first = next(page for pages in layout.values() for page in pages)
    result = {
        section: [
            st.Page(page.path, title=page.title, icon=page.icon, default=page is first,
                    visibility="hidden" if page.hidden else "visible")
            for page in pages
        ]
        for section, pages in layout.items()
    }
    if locked is not None:
        registered = {page for pages in layout.values() for page in pages}
        result.setdefault(FACILITATOR_SECTION, []).extend(
            st.Page(locked(page), title=page.title, icon=page.icon, url_path=page.url_path, visibility="hidden")
            for page in FACILITATOR
            if page not in registered
        )
    return result
