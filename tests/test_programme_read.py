"""The organisers' report read from storage (ui.programme_read): a leertraject of two rounds built through
storage; the PDF's text and the Excel workbook (read back with pandas) hold what the database holds."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine

import scoring
import storage
from results import ResultCache
from tests.sql_support import count_statements
from tests.test_reports_pdf import ARTIFACTS, pdf_text
from ui.programme_read import report_bytes, traject_programme, werkplaats_programme

DAY_1, DAY_2 = dt.date(2027, 3, 10), dt.date(2027, 5, 12)
ROLES = ("wijkambtenaar", "sociaal", "fysiek")
NAMES = ("Gemeente Zwolle", "Gemeente Deventer", "Gemeente Súdwest-Fryslân")
LEERVRAAG = "Hoe geven we bewoners echt regie over hun wijk?"
NOTE = "Bewoners willen meedenken, maar pas als er geld bij zit."


def answer_all(engine: Engine, model: scoring.Model, member_id: int, nu: int, gewenst: int,
               round_id: int | None = None, limit: int | None = None) -> None:
    questions = model.questions[:limit]
    storage.save_answers(engine, member_id=member_id, frame="nu", answers={q.id: nu for q in questions},
                         round_id=round_id)
    storage.save_answers(engine, member_id=member_id, frame="gewenst", answers={q.id: gewenst for q in questions},
                         round_id=round_id)


def build_traject(engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model) -> dict[str, int]:
    """Round 1: Zwolle (3 members, all answered), Deventer (2 members, one part-way).
    Round 2: both carried over, Súdwest-Fryslân joins (1 member); only Zwolle answers again."""
    traject = storage.create_traject(engine, name="Leertraject Noord")
    first = storage.create_werkplaats(engine, name="Werkplaats Maart", held_on=DAY_1, content=content,
                                      traject_id=traject.id)
    zwolle = storage.create_trio(engine, werkplaats_id=first.id, municipality=NAMES[0])
    deventer = storage.create_trio(engine, werkplaats_id=first.id, municipality=NAMES[1])
    zwolle_members = [storage.create_member(engine, trio_id=zwolle.id, role=role) for role in ROLES]
    for m in zwolle_members:
        answer_all(engine, model, m.id, nu=2, gewenst=4)
    deventer_members = [storage.create_member(engine, trio_id=deventer.id, role=role) for role in ROLES[:2]]
    answer_all(engine, model, deventer_members[0].id, nu=4, gewenst=5)
    answer_all(engine, model, deventer_members[1].id, nu=3, gewenst=5, limit=3)
    perspective = model.perspectives[0].id
    storage.set_perspective_choice(engine, trio_id=zwolle.id, perspective_id=perspective, chosen=True)
    done = storage.add_action(engine, trio_id=zwolle.id, what="Wijkbudget bespreken met de wethouder", who="Piet")
    storage.add_action(engine, trio_id=deventer.id, what="Wijkwandeling organiseren")
    storage.set_leervragen(engine, trio_id=zwolle.id, texts=[LEERVRAAG])
    assert model.influence is not None
    option = model.influence.options[0].id
    storage.save_influence_choice(engine, member_id=zwolle_members[0].id, question_id=model.questions[0].id,
                                  option_id=option)

    second = storage.create_werkplaats(engine, name="Werkplaats Mei", held_on=DAY_2, content=content,
                                       traject_id=traject.id)
    newcomer = storage.create_trio(engine, werkplaats_id=second.id, municipality=NAMES[2])
    storage.create_member(engine, trio_id=newcomer.id, role="wijkambtenaar")
    for m in zwolle_members:
        answer_all(engine, model, m.id, nu=4, gewenst=4)
    storage.follow_up_action(engine, trio_id=zwolle.id, action_id=done.id, status="gedaan", reflection="Goed gesprek")
    storage.add_action(engine, trio_id=zwolle.id, what="Tweede wijkwandeling")
    bestuurder = storage.invite_bestuurder(engine, trio_id=zwolle.id)
    answer_all(engine, model, bestuurder.id, nu=1, gewenst=4)
    (leervraag,) = storage.list_leervragen(engine, zwolle.id)
    storage.save_leervraag_note(engine, trio_id=zwolle.id, leervraag_id=leervraag.id, text=NOTE)
    return {"traject": traject.id, "first": first.id, "second": second.id, "zwolle": zwolle.id}


@pytest.fixture
def built(engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model) -> dict[str, int]:
    return build_traject(engine, content, model)


def test_the_programme_holds_every_round_in_order_with_stable_letters(
    engine: Engine, built: dict[str, int], model: scoring.Model
) -> None:
    programme = traject_programme(engine, ResultCache(), built["traject"], today=DAY_2)
    assert programme is not None and programme.kind == "traject" and programme.name == "Leertraject Noord"
    assert [r.label for r in programme.rounds] == ["Werkplaats Maart", "Werkplaats Mei"]
    first, second = programme.rounds
    assert [(t.letter, t.municipality) for t in first.trios] == [("A", NAMES[0]), ("B", NAMES[1])]
    assert [(t.letter, t.municipality) for t in second.trios] == [("A", NAMES[0]), ("B", NAMES[1]), ("C", NAMES[2])]
    # Each round's own answers: round 1 Zwolle at nu=2, round 2 at nu=4; Deventer did not answer round 2.
    zwolle_1, zwolle_2 = first.trios[0], second.trios[0]
    assert {m.answered for m in zwolle_1.result.members} == {m.total for m in zwolle_1.result.members}
    assert zwolle_1.result.nu.x != zwolle_2.result.nu.x
    assert second.trios[1].result.answered == 0 and first.trios[1].result.answered > 0
    assert [(a.what, a.status, a.reflection) for a in zwolle_1.actions] == [
        ("Wijkbudget bespreken met de wethouder", "gedaan", "Goed gesprek")]
    assert [(a.what, a.status) for a in zwolle_2.actions] == [("Tweede wijkwandeling", "open")]
    assert zwolle_1.perspective_ids and not zwolle_2.perspective_ids
    assert zwolle_1.leervragen == zwolle_2.leervragen == (LEERVRAAG,)
    assert (zwolle_1.leervraag_notes, zwolle_2.leervraag_notes) == ((), ((LEERVRAAG, NOTE),))
    # The bestuurder answered in round 2 only, beside the trio and never in it.
    assert zwolle_2.bestuur is not None and zwolle_2.bestuur.answered == 2 * len(model.questions)
    assert zwolle_1.bestuur is None  # invited in round 2: not "invited, no answers" in round 1
    assert second.trios[1].bestuur is None and len(zwolle_2.result.members) == 3
    chosen = {member: choices for member, choices in zwolle_1.influence.items() if choices}
    assert list(chosen.values()) == [{model.questions[0].id: model.influence.options[0].id}]  # type: ignore[union-attr]
    assert not any(zwolle_2.influence.values())


def test_the_report_holds_what_the_database_holds(engine: Engine, built: dict[str, int], model: scoring.Model) -> None:
    programme = traject_programme(engine, ResultCache(), built["traject"], today=DAY_2)
    anonymous = pdf_text(report_bytes(programme, excel=False, named=False))
    named = pdf_text(report_bytes(programme, excel=False, named=True))
    assert "Werkplaats Maart: 2 trio's met 5 trioleden; 4 van hen vulden alle stellingen in" in anonymous
    assert "Werkplaats Mei: 3 trio's met 6 trioleden; 3 van hen vulden alle stellingen in" in anonymous
    assert LEERVRAAG in anonymous and "Wijkbudget bespreken met de wethouder" in anonymous
    assert f"1. {LEERVRAAG} Werkplaats Mei: {NOTE}" in anonymous
    assert "Trio's en hun bestuurder: Werkplaats Mei" in anonymous
    assert not any(name in anonymous for name in NAMES)
    assert all(name in named for name in NAMES)

    sheets = pd.read_excel(io.BytesIO(report_bytes(programme, excel=True, named=False)), sheet_name=None)
    deelname = sheets["Deelname"].set_index("Ronde")
    assert deelname.loc["Werkplaats Maart", ["Trio's", "Trioleden", "Alles ingevuld"]].tolist() == [2, 5, 4]
    assert deelname.loc["Werkplaats Mei", ["Trio's", "Trioleden", "Alles ingevuld"]].tolist() == [3, 6, 3]
    status = sheets["Actiestatus"].set_index("Ronde")
    assert status.loc["Werkplaats Maart", ["Gedaan", "Open", "Totaal"]].tolist() == [1, 1, 2]
    assert status.loc["Werkplaats Mei", ["Gedaan", "Open", "Totaal"]].tolist() == [0, 1, 1]
    leervragen = sheets["Leervragen"]
    assert leervragen[leervragen["Trio"] == "Trio A"]["Leervraag"].tolist() == [LEERVRAAG]
    assert leervragen[leervragen["Trio"] == "Trio A"]["Werkplaats Mei"].tolist() == [NOTE]
    assert leervragen[leervragen["Trio"] == "Trio A"]["Werkplaats Maart"].isna().all()
    assert not any(name in frame.to_csv() for frame in sheets.values() for name in NAMES)
    perspectives = sheets["Perspectieven"].set_index("Perspectief")
    assert perspectives.loc[model.perspectives[0].id, ["Werkplaats Maart", "Werkplaats Mei"]].tolist() == [1, 0]

    named_sheets = pd.read_excel(io.BytesIO(report_bytes(programme, excel=True, named=True)), sheet_name=None)
    trios = named_sheets["Trio's"]
    assert set(trios["Gemeente"]) == set(NAMES)
    assert trios[trios["Trio"] == "Trio C"]["Gemeente"].unique().tolist() == [NAMES[2]]


def test_one_werkplaats_is_a_programme_of_one_round(engine: Engine, built: dict[str, int]) -> None:
    programme = werkplaats_programme(engine, ResultCache(), built["second"], today=DAY_2)
    assert programme is not None and programme.kind == "werkplaats"
    assert [r.label for r in programme.rounds] == ["Werkplaats Mei"]
    assert [t.letter for t in programme.rounds[0].trios] == ["A", "B", "C"]
    assert werkplaats_programme(engine, ResultCache(), 10_000) is None
    empty = storage.create_traject(engine, name="Nog leeg")
    assert traject_programme(engine, ResultCache(), empty.id) is None
    assert report_bytes(None, excel=False, named=False) == b""


def test_a_round_is_read_in_the_same_number_of_queries_whatever_its_trios(
    engine: Engine, built: dict[str, int], content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    with count_statements(engine) as before:
        traject_programme(engine, ResultCache(), built["traject"], today=DAY_2)
    for n in range(3):
        extra = storage.create_trio(engine, werkplaats_id=built["second"], municipality=f"Gemeente {n}")
        member = storage.create_member(engine, trio_id=extra.id, role="wijkambtenaar")
        answer_all(engine, model, member.id, nu=3, gewenst=5)
        storage.add_action(engine, trio_id=extra.id, what="Een actie")
        storage.set_leervragen(engine, trio_id=extra.id, texts=["Een vraag"])
        storage.set_perspective_choice(engine, trio_id=extra.id, perspective_id=model.perspectives[0].id, chosen=True)
    with count_statements(engine) as after:
        programme = traject_programme(engine, ResultCache(), built["traject"], today=DAY_2)
    assert programme is not None and len(programme.rounds[-1].trios) == 6
    assert len(after) == len(before)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_render_page_one(engine: Engine, built: dict[str, int]) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    programme = traject_programme(engine, ResultCache(), built["traject"], today=DAY_2)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "organisers_from_storage.pdf"
    path.write_bytes(report_bytes(programme, excel=False, named=False))
    prefix = ARTIFACTS / "organisers_from_storage_p1"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(path), str(prefix)],
                   check=True, capture_output=True, timeout=60)
    assert Path(f"{prefix}.png").stat().st_size > 20_000
