"""AppTest: leertrajecten on the Werkplaatsen page (rounds, carrying trios over, deleting a round), the
organisers' report downloads, and the wall's previous-round toggle."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

import scoring
import storage
from charts.quadrant import WallEntry
from tests.apptest_support import REPO_ROOT, AppDb, figure
from tests.test_app_facilitator import all_text, open_wall, open_werkplaatsen, seeded_werkplaats
from tests.test_app_results import downloads  # noqa: F401
from ui.trajecten import PREFILL_HELP
from ui.trio_admin import ALL_ROUNDS

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
CONTENT = scoring.snapshot(REPO_ROOT / "content")
SUBMIT = "FormSubmitter:new_werkplaats-Werkplaats aanmaken"


def traject_with_round(db: AppDb, model: scoring.Model) -> tuple[storage.TrajectRecord, storage.WerkplaatsRecord]:
    """A leertraject whose round 1 has two trios with answers."""
    werkplaats, _ = seeded_werkplaats(db, model)
    traject = storage.start_traject_from(db.engine, werkplaats_id=werkplaats.id, name="Leertraject Noord")
    record = storage.get_werkplaats(db.engine, werkplaats.id)
    assert record is not None
    return traject, record


def select_option(at: AppTest, label_start: str) -> AppTest:
    box = at.selectbox(key="new_wp_traject")
    matches = [i for i, o in enumerate(box.options) if o.startswith(label_start)]
    assert len(matches) == 1, box.options
    return box.select_index(matches[0]).run()


def test_a_leertraject_is_made_and_listed_without_rounds(app_db: AppDb) -> None:
    at = open_werkplaatsen()
    at.text_input(key="new_traject_name").input("Werkplaatsen 2027 · groep Noord")
    at.button(key="FormSubmitter:new_traject-Leertraject aanmaken").click().run()
    assert not at.exception
    (traject,) = storage.list_trajecten(app_db.engine)
    assert traject.name == "Werkplaatsen 2027 · groep Noord"
    text = all_text(at)
    assert "Leertraject · Werkplaatsen 2027 · groep Noord" in text
    assert "Nog geen rondes" in text
    # The first werkplaats of the leertraject is round 1: nothing carries over, so no "vorige keer".
    select_option(at, "Leertraject: Werkplaatsen 2027")
    assert "Dit wordt ronde 1 van het leertraject." in all_text(at)
    assert not at.get("checkbox") or all(c.key != "new_wp_prefilled" for c in at.checkbox)
    at.text_input(key="new_wp_name").input("Werkplaats Maart")
    at.button(key=SUBMIT).click().run()
    (werkplaats,) = storage.list_werkplaatsen(app_db.engine)
    assert (werkplaats.traject_id, werkplaats.position) == (traject.id, 1)
    assert "Ronde 1 · Werkplaats Maart" in all_text(at)


@pytest.mark.parametrize("prefilled", [False, True])
def test_the_next_round_carries_the_trios_over(app_db: AppDb, model: scoring.Model, prefilled: bool) -> None:
    traject, first = traject_with_round(app_db, model)
    at = open_werkplaatsen()
    assert [c for c in at.checkbox if c.key == "new_wp_prefilled"] == []  # "Nee, een losse werkplaats"
    select_option(at, "Leertraject: Leertraject Noord (wordt ronde 2)")
    checkbox = at.checkbox(key="new_wp_prefilled")
    assert checkbox.value is False and checkbox.help == PREFILL_HELP
    assert "De trio's van het leertraject doen vanzelf mee" in all_text(at)
    at.text_input(key="new_wp_name").input("Werkplaats Mei")
    checkbox.set_value(prefilled)
    at.button(key=SUBMIT).click().run()
    assert not at.exception
    second = next(w for w in storage.list_werkplaatsen(app_db.engine) if w.name == "Werkplaats Mei")
    record = storage.get_werkplaats(app_db.engine, second.id)
    assert record is not None and (record.traject_id, record.position, record.prefilled) == (traject.id, 2, prefilled)
    assert second.trio_count == 2
    trio = storage.list_trios(app_db.engine, first.id)[0]
    member = storage.list_members(app_db.engine, trio.id)[0]
    assert bool(storage.carried_answers(app_db.engine, member.id, round_id=second.id)) is prefilled
    text = all_text(at)
    assert "Ronde 1 · Werkplaats 2" in text and "Ronde 2 · Werkplaats Mei" in text
    assert "ronde 1 (2 trio's), ronde 2 (2 trio's)" in text


def test_vervolg_op_makes_a_werkplaats_round_one_of_a_new_leertraject(app_db: AppDb, model: scoring.Model) -> None:
    first, _ = seeded_werkplaats(app_db, model)
    at = open_werkplaatsen()
    select_option(at, "Vervolg op werkplaats: Werkplaats 2")
    assert at.text_input(key="new_wp_traject_name").value == "Werkplaats 2"
    at.text_input(key="new_wp_traject_name").input("Leertraject Zuid")
    at.text_input(key="new_wp_name").input("Terugkomdag")
    at.button(key=SUBMIT).click().run()
    assert not at.exception
    (traject,) = storage.list_trajecten(app_db.engine)
    assert traject.name == "Leertraject Zuid"
    assert storage.traject_round_ids(app_db.engine, traject.id)[0] == first.id
    assert len(storage.traject_round_ids(app_db.engine, traject.id)) == 2


def test_deleting_a_round_says_the_trios_go_back(app_db: AppDb, model: scoring.Model) -> None:
    traject, first = traject_with_round(app_db, model)
    second = storage.create_werkplaats(app_db.engine, name="Werkplaats Mei", held_on=dt.date(2027, 5, 12),
                                       content=CONTENT, traject_id=traject.id)
    at = open_werkplaatsen(second)
    warning = " ".join(w.value for w in at.warning)
    assert "ronde 2 van het leertraject" in warning and "De trio's gaan terug naar de vorige ronde" in warning
    at.text_input(key="delete_confirm").input(second.join_code).run()
    at.button(key="delete_wp").click().run()
    assert not at.exception
    assert [t.werkplaats_id for t in storage.list_trios(app_db.engine, first.id)] == [first.id, first.id]
    at = open_werkplaatsen(first)
    assert "Dit verwijdert de werkplaats met alle trio's" in " ".join(w.value for w in at.warning)


def test_a_leertraject_is_renamed_and_an_empty_one_deleted(app_db: AppDb, model: scoring.Model) -> None:
    traject, _ = traject_with_round(app_db, model)
    mistake = storage.create_traject(app_db.engine, name="Groep Noordd")
    at = open_werkplaatsen()
    at.text_input(key=f"traject_{traject.id}_name").input("Leertraject Noord 2027")
    at.button(key=f"FormSubmitter:traject_{traject.id}_rename-Naam opslaan").click().run()
    assert not at.exception
    assert storage.get_traject(app_db.engine, traject.id).name == "Leertraject Noord 2027"  # type: ignore[union-attr]
    assert "Leertraject · Leertraject Noord 2027" in all_text(at)
    # A leertraject with a round says why it stays; an empty one has a delete button.
    assert "Een leertraject met werkplaatsen kun je niet verwijderen." in all_text(at)
    assert [b.key for b in at.button if b.key and b.key.endswith("_delete")] == [f"traject_{mistake.id}_delete"]
    at.text_input(key=f"traject_{traject.id}_name").input("  ")
    at.button(key=f"FormSubmitter:traject_{traject.id}_rename-Naam opslaan").click().run()
    assert "Naam van het leertraject" in " ".join(e.value for e in at.error)
    at.button(key=f"traject_{mistake.id}_delete").click().run()
    assert not at.exception
    assert storage.list_trajecten(app_db.engine) == [storage.get_traject(app_db.engine, traject.id)]
    assert "Groep Noordd" not in all_text(at)


def test_retention_lists_a_leertraject_only_when_its_last_round_is_old(app_db: AppDb, model: scoring.Model) -> None:
    from sqlalchemy import update

    from storage.models import Werkplaats
    from ui.trajecten import RETENTION_TRAJECT_NOTE

    traject, first = traject_with_round(app_db, model)
    second = storage.create_werkplaats(app_db.engine, name="Terugkomdag", held_on=dt.date.today(), content=CONTENT,
                                       traject_id=traject.id)
    lone = storage.create_werkplaats(app_db.engine, name="Losse werkplaats", held_on=dt.date.today(), content=CONTENT)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=200)
    with app_db.engine.begin() as connection:  # round 1 and the lone werkplaats were made and held 200 days ago
        connection.execute(update(Werkplaats).where(Werkplaats.id.in_([first.id, lone.id]))
                           .values(created_at=long_ago, held_on=long_ago.date()))
    at = open_werkplaatsen()
    at.number_input(key="retention_days").set_value(90).run()
    assert RETENTION_TRAJECT_NOTE in [c.value for c in at.caption]
    assert [b.key for b in at.button if b.key and b.key.startswith("expired_")] == [f"expired_{lone.id}"]
    with app_db.engine.begin() as connection:  # the follow-up is old too: now the whole leertraject is due
        connection.execute(update(Werkplaats).where(Werkplaats.id == second.id)
                           .values(created_at=long_ago, held_on=long_ago.date()))
    at = open_werkplaatsen()
    at.number_input(key="retention_days").set_value(90).run()
    listed = {b.key for b in at.button if b.key and b.key.startswith("expired_")}
    assert listed == {f"expired_{w}" for w in (lone.id, first.id, second.id)}


def test_organisers_report_downloads_are_anonymous_unless_asked(
    app_db: AppDb, model: scoring.Model, downloads: dict[str, Callable[[], Any]]  # noqa: F811
) -> None:
    traject, first = traject_with_round(app_db, model)
    at = open_werkplaatsen(first)
    stem = f"rolwijzer-{first.held_on.isoformat()}-{first.join_code}-organisatoren"
    pdf = downloads[f"{stem}.pdf"]()
    text = " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Trio A" in text and "Noordhoven" not in text
    at.checkbox(key=f"organisers_werkplaats_{first.id}_named").check().run()
    sheets = pd.read_excel(io.BytesIO(downloads[f"{stem}-met-namen.xlsx"]()), sheet_name=None)
    assert set(sheets["Trio's"]["Gemeente"]) == {"Gemeente Noordhoven", "Gemeente Zuiderdijk"}
    traject_pdf = downloads[f"rolwijzer-leertraject-{traject.id}-organisatoren.pdf"]()
    assert b"%PDF" in traject_pdf[:8]


def test_the_wall_offers_the_previous_round_only_from_round_two(app_db: AppDb, model: scoring.Model) -> None:
    traject, first = traject_with_round(app_db, model)
    at = open_wall(app_db, first)
    assert "wall_previous" not in [t.key for t in at.toggle]
    second = storage.create_werkplaats(app_db.engine, name="Werkplaats Mei", held_on=dt.date(2027, 5, 12),
                                       content=CONTENT, traject_id=traject.id, prefilled=True)
    at = open_wall(app_db, storage.get_werkplaats(app_db.engine, second.id))  # type: ignore[arg-type]
    toggle = at.toggle(key="wall_previous")
    assert toggle.label == "Toon vorige ronde (vaag)" and toggle.value is False
    before = figure(at, "wall_quadrant")
    toggle.set_value(True).run()
    assert not at.exception
    after = figure(at, "wall_quadrant")
    # The previous round is drawn once charts.quadrant.WallEntry has a ``previous`` field.
    assert (after != before) is ("previous" in WallEntry.__dataclass_fields__)


def test_removing_a_trio_of_a_leertraject_says_it_goes_from_every_round(app_db: AppDb, model: scoring.Model) -> None:
    traject, _ = traject_with_round(app_db, model)
    second = storage.create_werkplaats(app_db.engine, name="Werkplaats Mei", held_on=dt.date(2027, 5, 12),
                                       content=CONTENT, traject_id=traject.id)
    trio = storage.list_trios(app_db.engine, second.id)[0]
    at = open_werkplaatsen(second)
    at.button(key=f"trio_admin_trio_{trio.id}").click().run()
    warning = " ".join(w.value for w in at.warning)
    assert "Trio A (Gemeente Noordhoven) verwijderen?" in warning and ALL_ROUNDS in warning
    loose_werkplaats, _ = seeded_werkplaats(app_db, model)
    at = open_werkplaatsen(loose_werkplaats)
    loose = storage.list_trios(app_db.engine, loose_werkplaats.id)[0]
    at.button(key=f"trio_admin_trio_{loose.id}").click().run()
    assert ALL_ROUNDS not in " ".join(w.value for w in at.warning)


def test_what_trios_take_home_downloads_as_csv_per_sheet(
    app_db: AppDb, model: scoring.Model, downloads: dict[str, Callable[[], Any]]  # noqa: F811
) -> None:
    werkplaats, _ = seeded_werkplaats(app_db, model)
    trio = storage.list_trios(app_db.engine, werkplaats.id)[0]
    storage.add_action(app_db.engine, trio_id=trio.id, what="Wijkwandeling met bewoners", who="Wijkambtenaar")
    storage.set_leervragen(app_db.engine, trio_id=trio.id, texts=["Hoe beslissen bewoners mee?"])
    perspective = model.perspectives[0]
    storage.set_perspective_choice(app_db.engine, trio_id=trio.id, perspective_id=perspective.id, chosen=True)
    open_werkplaatsen(werkplaats)
    stem = f"rolwijzer-{werkplaats.held_on.isoformat()}-{werkplaats.join_code}"
    actions = pd.read_csv(io.BytesIO(downloads[f"{stem}-acties.csv"]()), sep=";", encoding="utf-8-sig")
    assert actions["wat"].tolist() == ["Wijkwandeling met bewoners"]
    leervragen = pd.read_csv(io.BytesIO(downloads[f"{stem}-leervragen.csv"]()), sep=";", encoding="utf-8-sig")
    assert leervragen["leervraag"].tolist() == ["Hoe beslissen bewoners mee?"]
    chosen = pd.read_csv(io.BytesIO(downloads[f"{stem}-perspectieven.csv"]()), sep=";", encoding="utf-8-sig")
    assert chosen["perspectief"].tolist() == [perspective.id]
