"""The page table in ui/pages.py: the addresses it gives are the ones Streamlit serves."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.source_util import page_icon_and_name

from ui import pages


@pytest.mark.parametrize("page", pages.ALL, ids=lambda page: page.url_path)
def test_url_path_is_the_address_streamlit_derives_from_the_script(page: pages.PageDef) -> None:
    # page_url(pages.QUESTIONNAIRE.url_path, ...) builds the personal link a member keeps.
    assert page.url_path == page_icon_and_name(Path(page.path))[1]


def test_facilitator_pages_are_registered_only_behind_the_open_gate() -> None:
    closed = [page for section in pages.app_layout(facilitator=False).values() for page in section]
    opened = [page for section in pages.app_layout(facilitator=True).values() for page in section]
    assert not any(page.facilitator for page in closed)
    assert pages.GATE in closed
    assert set(opened) - set(closed) == set(pages.FACILITATOR) == {
        pages.WERKPLAATSEN, pages.WALL, pages.ROLE_GROUPS, pages.STATEMENTS,
    }
    assert closed[0] == opened[0] == pages.START
