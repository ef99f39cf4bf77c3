"""Facilitator: creating a werkplaats in the browser, without English hints, its code in view at once;
tidying its trios."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

import scoring
import storage
from storage.backup import backup_json
from ui.forms import UPLOAD_BUTTON, UPLOAD_LIMIT

from .conftest import NewPage
from .helpers import CONTENT_DIR, facilitator_login, pick_from, screenshot, seed_werkplaats, wait_idle
from .server import StreamlitServer


def open_werkplaatsen(page: Page, server: StreamlitServer) -> None:
    facilitator_login(page, server)
    page.get_by_role("link", name="Werkplaatsen beheren").click()
    page.wait_for_url(re.compile("/werkplaatsen"))
    expect(page.get_by_role("heading", name="Werkplaatsen", exact=True)).to_be_visible()
    wait_idle(page)


def in_view(locator: Locator) -> bool:
    """Visible without scrolling."""
    box = locator.bounding_box()
    size = locator.page.viewport_size
    return bool(box and size and box["y"] >= 0 and box["y"] + box["height"] <= size["height"])


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_a_new_werkplaats_is_confirmed_with_its_code_in_view(
    server: StreamlitServer, new_page: NewPage, request: pytest.FixtureRequest, width: int, height: int
) -> None:
    page = new_page(width, height)
    open_werkplaatsen(page, server)
    field = page.locator(".st-key-new_wp_name").get_by_role("textbox")
    field.click()
    field.press_sequentially("Werkplaats Zuid")
    # Streamlit's English hint is hidden. The field sets no max_chars (the browser would drop a pasted
    # name that is too long, whole and silently): its help says the limit and the server checks it.
    hints = page.locator('.st-key-new_wp_name [data-testid="InputInstructions"]')
    expect(hints.get_by_text("Press Enter", exact=False)).to_be_hidden()
    assert "Press Enter" not in page.locator('[data-testid="stMain"]').inner_text()

    page.get_by_role("button", name="Werkplaats aanmaken", exact=True).click()
    success = page.locator('[data-testid="stAlertContentSuccess"]')
    expect(success).to_contain_text("Werkplaats Zuid is aangemaakt")
    (werkplaats,) = storage.list_werkplaatsen(server.engine)
    code = storage.format_code(werkplaats.join_code)
    expect(success).to_contain_text(code)
    big_code = page.get_by_text(code, exact=True).last
    expect(big_code).to_be_visible()
    expect(page.get_by_text("Of scannen:")).to_be_visible()
    wait_idle(page)
    # Without scrolling: the confirmation with the code; on a laptop also the big code and the start of the QR.
    assert in_view(success), "the confirmation is below the fold"
    if width >= 1280:
        assert in_view(big_code), "the join code is below the fold"
        assert in_view(page.get_by_text("Of scannen:"))
    screenshot(page, request, "aangemaakt", full=False)


def test_trios_are_tidied_with_a_confirmation(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model, request: pytest.FixtureRequest
) -> None:
    werkplaats = seed_werkplaats(server, "Werkplaats Dubbel")
    first = storage.create_trio(server.engine, werkplaats_id=werkplaats.id, municipality="Gemeente 's-Hertogenbosch")
    double = storage.create_trio(server.engine, werkplaats_id=werkplaats.id, municipality="gemeente ’s-hertogenbosch")
    for trio, role in ((first, "wijkambtenaar"), (double, "sociaal")):
        member = storage.create_member(server.engine, trio_id=trio.id, role=role)
        storage.save_answers(server.engine, member_id=member.id, frame="nu", answers={q.id: 4 for q in model.questions})

    page = new_page(1280, 800)
    open_werkplaatsen(page, server)
    page.locator(f".st-key-open_wp_{werkplaats.id}").get_by_role("button", name="Openen").click()
    expect(page.get_by_text("Trio A en trio B hebben dezelfde naam", exact=False)).to_be_visible()
    page.get_by_role("button", name="Samenvoegen", exact=True).click()
    warning = page.get_by_text("samenvoegen met trio A", exact=False)
    expect(warning).to_be_visible()
    expect(page.get_by_text("Het triolid van trio B gaat met zijn antwoorden naar trio A", exact=False)).to_be_visible()
    wait_idle(page)
    screenshot(page, request, "samenvoegen", full=True)
    page.get_by_role("button", name="Ja, samenvoegen", exact=True).click()
    expect(page.get_by_text("De trio's zijn samengevoegd", exact=False)).to_be_visible()
    assert [t.id for t in storage.list_trios(server.engine, werkplaats.id)] == [first.id]
    assert len(storage.list_members(server.engine, first.id)) == 2


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_leertrajecten_list_their_rounds(
    server: StreamlitServer, new_page: NewPage, request: pytest.FixtureRequest, width: int, height: int
) -> None:
    first = seed_werkplaats(server, "Werkplaats Maart")
    traject = storage.start_traject_from(server.engine, werkplaats_id=first.id, name="Werkplaatsen 2027 · groep Noord")
    for name in ("Gemeente Zwolle", "Gemeente Deventer"):
        storage.create_trio(server.engine, werkplaats_id=first.id, municipality=name)
    second = storage.create_werkplaats(server.engine, name="Werkplaats Mei", held_on=first.held_on,
                                       content=scoring.snapshot(CONTENT_DIR), traject_id=traject.id)
    seed_werkplaats(server, "Losse werkplaats Oost")

    page = new_page(width, height)
    open_werkplaatsen(page, server)
    entry = page.locator(f".st-key-traject_entry_{traject.id}")
    expect(entry.get_by_role("heading", name="Leertraject · Werkplaatsen 2027 · groep Noord")).to_be_visible()
    expect(entry.get_by_text("ronde 1 (2 trio's), ronde 2 (2 trio's)", exact=False)).to_be_visible()
    expect(entry.get_by_role("heading", name="Ronde 2 · Werkplaats Mei")).to_be_visible()
    page.locator(f".st-key-open_wp_{second.id}").get_by_role("button", name="Openen").click()
    expect(page.get_by_role("button", name="Rapport voor organisatoren (PDF)")).to_be_visible()
    page.get_by_text("Nieuwe werkplaats", exact=True).click()
    pick_from(page, "new_wp_traject", "Leertraject: Werkplaatsen 2027 · groep Noord (wordt ronde 3)")
    expect(page.get_by_text("Begin met de antwoorden van vorige keer")).to_be_visible()
    wait_idle(page)
    page.wait_for_timeout(500)  # the expander grows with its new content in an animation
    screenshot(page, request, "leertraject", full=True)


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (390, 844)])
def test_a_leertraject_is_renamed_and_an_empty_one_deleted(
    server: StreamlitServer, new_page: NewPage, request: pytest.FixtureRequest, width: int, height: int
) -> None:
    first = seed_werkplaats(server, "Werkplaats Maart")
    traject = storage.start_traject_from(server.engine, werkplaats_id=first.id, name="Werkplaatsen 2027 · groep Nord")
    mistake = storage.create_traject(server.engine, name="Per ongeluk aangemaakt")

    page = new_page(width, height)
    open_werkplaatsen(page, server)
    entry = page.locator(f".st-key-traject_entry_{traject.id}")
    entry.get_by_text("Leertraject beheren", exact=True).click()
    expect(entry.get_by_text("Een leertraject met werkplaatsen kun je niet verwijderen.")).to_be_visible()
    expect(entry.get_by_role("button", name="Leertraject verwijderen")).to_have_count(0)
    name = entry.get_by_label("Naam van het leertraject")
    name.fill("Werkplaatsen 2027 · groep Noord")
    entry.get_by_role("button", name="Naam opslaan").click()
    expect(page.get_by_role("heading", name="Leertraject · Werkplaatsen 2027 · groep Noord")).to_be_visible()
    assert storage.get_traject(server.engine, traject.id).name == "Werkplaatsen 2027 · groep Noord"  # type: ignore[union-attr]

    empty = page.locator(f".st-key-traject_entry_{mistake.id}")
    empty.get_by_text("Leertraject beheren", exact=True).click()
    expect(empty.get_by_role("button", name="Leertraject verwijderen")).to_be_visible()
    wait_idle(page)
    page.wait_for_timeout(500)  # the expander grows in an animation
    screenshot(page, request, "beheren", full=True)
    empty.get_by_role("button", name="Leertraject verwijderen").click()
    expect(page.get_by_role("heading", name="Leertraject · Per ongeluk aangemaakt")).to_have_count(0)
    assert [t.id for t in storage.list_trajecten(server.engine)] == [traject.id]


def test_a_backup_is_restored_through_a_file_field_in_dutch(
    server: StreamlitServer, new_page: NewPage, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """On an empty server (a werkplaats moving to a new one): the restore field is there, in Dutch, and a
    restore shows the werkplaats opened above and empties the field, so a second click cannot copy it again."""
    werkplaats = seed_werkplaats(server, "Werkplaats Terug")
    storage.create_trio(server.engine, werkplaats_id=werkplaats.id, municipality="Gemeente Herstel")
    backup = tmp_path / "rolwijzer-backup.json"
    backup.write_bytes(backup_json(server.engine, werkplaats.id))
    storage.delete_werkplaats(server.engine, werkplaats.id)

    page = new_page(1280, 900)
    open_werkplaatsen(page, server)
    expect(page.get_by_text("Nog geen werkplaatsen.", exact=False)).to_be_visible()
    field = page.locator('[data-testid="stFileUploader"]')
    expect(field.get_by_role("button", name=UPLOAD_BUTTON, exact=True)).to_be_visible()
    main_text = page.locator('[data-testid="stMain"]').inner_text()
    assert "Upload" not in main_text and "per file" not in main_text
    limit = field.locator('[data-testid="stFileUploaderDropzoneInstructions"] > div')
    assert limit.evaluate("e => getComputedStyle(e, '::after').content") == f'"{UPLOAD_LIMIT}"'
    field.scroll_into_view_if_needed()
    screenshot(page, request, "bestand", full=False)

    field.locator('input[type="file"]').set_input_files(str(backup))
    page.get_by_role("button", name="Terugzetten", exact=True).click()
    expect(page.get_by_text("Teruggezet als 'Werkplaats Terug'", exact=False)).to_be_visible()
    (restored,) = storage.list_werkplaatsen(server.engine)
    expect(page.get_by_role("button", name="Terugzetten", exact=True)).to_have_count(0)  # the field is empty again
    expect(page.locator(f".st-key-wp_entry_{restored.id}").get_by_role("button", name="Sluiten")).to_be_visible()
    assert [t.municipality for t in storage.list_trios(server.engine, restored.id)] == ["Gemeente Herstel"]


def test_a_whole_leertraject_is_backed_up_and_restored(
    server: StreamlitServer, new_page: NewPage, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    first = seed_werkplaats(server, "Werkplaats Maart")
    storage.create_trio(server.engine, werkplaats_id=first.id, municipality="Gemeente Zwolle")
    traject = storage.start_traject_from(server.engine, werkplaats_id=first.id, name="Werkplaatsen 2027 · groep Oost")
    storage.create_werkplaats(server.engine, name="Werkplaats Mei", held_on=first.held_on,
                              content=scoring.snapshot(CONTENT_DIR), traject_id=traject.id)

    page = new_page(1280, 900)
    open_werkplaatsen(page, server)
    entry = page.locator(f".st-key-traject_entry_{traject.id}")
    entry.get_by_text("Leertraject beheren", exact=True).click()
    with page.expect_download() as download:
        entry.get_by_role("button", name="Back-up van het hele leertraject (JSON)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"rolwijzer-leertraject-{traject.id}-backup.json"

    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(saved))
    page.get_by_role("button", name="Terugzetten", exact=True).click()
    expect(page.get_by_text("Teruggezet als leertraject 'Werkplaatsen 2027 · groep Oost' met 2 werkplaatsen",
                            exact=False)).to_be_visible()
    screenshot(page, request, "teruggezet", full=False)
    restored = [t for t in storage.list_trajecten(server.engine) if t.id != traject.id]
    assert [t.name for t in restored] == [traject.name]
    assert len(storage.traject_round_ids(server.engine, restored[0].id)) == 2
