"""The organisers' report (reports.organisers): a traject of two rounds with four trios, as a PDF
(read back with pypdf, page 1 and the movement page rendered to tests/artifacts/) and as an Excel
workbook (read back with pandas)."""

from __future__ import annotations

import dataclasses
import datetime
import io
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from reports.organisers.excel import SHEETS, build_organisers_workbook
from reports.organisers.pdf import build_organisers_pdf
from reports.organisers.words import movement_summary
from results import bestuur_result
from results.actions import FollowedAction
from results.programme import (
    Programme,
    ProgrammeRound,
    RoundTrio,
    influence_totals,
    participation,
    perspective_counts,
)
from scoring import GroupResult, MemberResult, Model, group_result
from tests.test_reports_pdf import ARTIFACTS, flat, member, pdf_text
from tests.test_results_bestuur import Person

ROUND_1, ROUND_2 = "Werkplaats 2", "Werkplaats 3"
DAY_1, DAY_2 = datetime.date(2027, 3, 10), datetime.date(2027, 5, 12)
MUNICIPALITIES = {11: "Gemeente Zwolle", 12: "Gemeente Deventer", 13: "Gemeente Súdwest-Fryslân",
                  14: "Gemeente 's-Hertogenbosch"}
CASUS = {11: "Vitale wijk Holtenbroek", 12: "Overlast rond het winkelcentrum Keizerslanden",
         13: "Dorpsplan Wommels", 14: "Moestuin op braakliggend terrein"}
LETTERS = {11: "A", 12: "B", 13: "C", 14: "D"}
HOSTILE = '=HYPERLINK("http://example.org","klik")'
LEERVRAGEN = {
    11: ("Hoe geven we bewoners echt regie over hun wijk?", "Wat vraagt dat van onze eigen organisatie?"),
    12: (HOSTILE, "Hoe houden we jongeren betrokken?"),
    13: ("Hoe verbinden we het sociale en het fysieke domein?",),
    14: ("Hoe krijgen we het bestuur mee?",),
}
LEERVRAAG_NOTES = {
    11: ((LEERVRAGEN[11][0], "Bewoners willen meedenken, maar pas als er geld bij zit."),),
    12: ((LEERVRAGEN[12][1], HOSTILE),),
}
ROLES = ("wijkambtenaar", "sociaal", "fysiek")


def trio_result(model: Model, first_member: int, positions: list[tuple[tuple[int, int], tuple[int, int]] | None],
                *, partial: int | None = None) -> GroupResult:
    """Three members (ids first_member, +1, +2) at (nu, gewenst) on the axis direction; ``None`` leaves a member
    out; ``partial`` is the index of a member who answered only 5 x statements."""
    members = [
        member(model, str(first_member + i), ROLES[i], model.role_name(ROLES[i]), nu, gewenst,
               limit=5 if i == partial else None)
        for i, place in enumerate(positions) if place is not None
        for nu, gewenst in [place]
    ]
    return group_result(model, members)


def bestuurder(model: Model, member_id: int, nu: tuple[int, int] | None = None,
               gewenst: tuple[int, int] | None = None) -> MemberResult:
    """A bestuurder at (nu, gewenst) on the axis direction; without places one who has not answered yet."""
    answers = member(model, str(member_id), "bestuurder", "", nu, gewenst).answers if nu and gewenst else {}
    return bestuur_result(model, Person(member_id, "bestuurder"), answers)  # type: ignore[arg-type]


def trio(model: Model, trio_id: int, result: GroupResult, **extra: object) -> RoundTrio:
    return RoundTrio(id=trio_id, municipality=MUNICIPALITIES[trio_id], casus=CASUS[trio_id], result=result,
                     letter=LETTERS[trio_id], leervragen=LEERVRAGEN[trio_id], **extra)  # type: ignore[arg-type]


def traject(model: Model) -> Programme:
    """Round 1: trios A, B, C complete. Round 2: A moves from Zorgen voor to Doen met, B stays (one member
    missing), C shifts inside Vragen en claimen, D joins (one member part-way)."""
    p = [q.id for q in model.perspectives]
    budget = "budget"
    round_1 = ProgrammeRound(ROUND_1, DAY_1, (
        trio(model, 11, trio_result(model, 1, [((2, 2), (4, 4)), ((1, 2), (5, 4)), ((2, 1), (4, 5))]),
             perspective_ids=(p[0], p[1]),
             actions=(FollowedAction("Krachtenanalyse maken met de bewonersraad", "Anna", "voor 1 mei", "gedaan",
                                     "Goed gesprek, vervolg in juni"),
                      FollowedAction("Wijkbudget bespreken met de wethouder", "Piet", "april", "niet_gelukt",
                                     "De wethouder had geen tijd"))),
        trio(model, 12, trio_result(model, 4, [((4, 2), (4, 4)), ((4, 1), (5, 4)), ((5, 2), (4, 5))]),
             perspective_ids=(p[0],),
             actions=(FollowedAction("Wijkwandeling organiseren", status="bezig", reflection="De datum staat"),)),
        trio(model, 13, trio_result(model, 7, [((2, 4), (4, 4)), ((2, 4), (5, 5)), ((2, 4), (4, 5))]),
             actions=(FollowedAction("Buurtkamer openen", status="losgelaten", reflection="Geen draagvlak"),)),
    ))
    round_2 = ProgrammeRound(ROUND_2, DAY_2, (
        trio(model, 11, trio_result(model, 1, [((4, 2), (4, 4)), ((4, 1), (5, 4)), ((5, 2), (4, 5))]),
             perspective_ids=(p[0],), actions=(FollowedAction("Tweede wijkwandeling"),),
             leervraag_notes=LEERVRAAG_NOTES[11], bestuur=bestuurder(model, 99, (1, 1), (4, 4)),
             influence={"1": {budget: "bestuurlijk"}, "2": {budget: "bestuurlijk"}, "3": {budget: "eigen_organisatie"}}),
        trio(model, 12, trio_result(model, 4, [((4, 2), (4, 4)), ((4, 1), (5, 4)), None]),
             perspective_ids=(p[2],), influence={"4": {budget: "bewoners"}}, leervraag_notes=LEERVRAAG_NOTES[12],
             bestuur=bestuurder(model, 98)),
        trio(model, 13, trio_result(model, 7, [((1, 5), (4, 4)), ((1, 5), (5, 5)), ((1, 5), (4, 5))]),
             perspective_ids=(p[0],), influence={"7": {budget: "bestuurlijk"}}),
        trio(model, 14, trio_result(model, 10, [((2, 2), (5, 5)), ((3, 2), (5, 4)), ((2, 3), (4, 4))], partial=2),
             perspective_ids=(p[1],), actions=(FollowedAction("Bewonersavond over de moestuin"),)),
    ))
    return Programme(model=model, name="Werkplaatsen Wijkgericht Werken 2027, groep Noord", kind="traject",
                     rounds=(round_1, round_2), generated_on=datetime.date(2027, 5, 13))


@pytest.fixture(scope="module")
def programme(model: Model) -> Programme:
    return traject(model)


@pytest.fixture(scope="module")
def anonymous_pdf(programme: Programme) -> bytes:
    return build_organisers_pdf(programme)


@pytest.fixture(scope="module")
def named_pdf(programme: Programme) -> bytes:
    return build_organisers_pdf(programme, named=True)


def pages(data: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]


# --- The PDF -----------------------------------------------------------------------------------------


def test_participation_per_round(programme: Programme, anonymous_pdf: bytes) -> None:
    first, second = (participation(r) for r in programme.rounds)
    assert (first.trios, first.members, first.members_complete) == (3, 9, 9)
    assert (second.trios, second.members, second.members_complete) == (4, 11, 10)
    text = pdf_text(anonymous_pdf)
    assert "Werkplaats 2 10 maart 2027 3 9 9 9 100%" in text
    assert f"Werkplaats 3 12 mei 2027 4 11 11 10 {round(100 * second.progress)}%" in text
    assert "Werkplaats 3: 4 trio's met 11 trioleden; 10 van hen vulden alle stellingen in" in text


def test_movement_in_words(anonymous_pdf: bytes) -> None:
    text = pdf_text(anonymous_pdf)
    assert "Hoe de trio's bewegen" in text
    assert "Trio A ‘nu’ schoof van Zorgen voor naar Doen met: 1,33 richting Krachten." in text
    assert "Trio A ‘gewenst’ bleef vrijwel op dezelfde plek, in Buurtmaken." in text
    # Trio B's two remaining members answered as before: the shift is the third member's absence.
    assert "Trio B ‘nu’ bleef in Doen met, maar schoof 0,17 richting Tekorten en 0,08 richting Systeemwereld." in text
    assert ("Let op: Sectorambtenaar fysiek domein deed in Werkplaats 3 niet mee. Een deel van de verschuiving komt "
            "daardoor.") in text
    assert "Trio C ‘nu’ bleef in Vragen en claimen, maar schoof 0,50 richting Tekorten en 0,50 richting Leefwereld." in text
    assert "Trio D deed maar aan één ronde mee (Werkplaats 3)" in text
    assert "Bij 1 van de 3 trio's kwam ‘nu’ in een ander kwadrant terecht" in text
    assert "Bij geen van de 3 trio's kwam ‘gewenst’ in een ander kwadrant terecht" in text


def test_perspectives_actions_and_leervragen(model: Model, programme: Programme, anonymous_pdf: bytes) -> None:
    text = pdf_text(anonymous_pdf)
    counts = {c.perspective_id: c.per_round for c in perspective_counts(programme)}
    p = model.perspectives
    assert counts == {p[0].id: (2, 2), p[1].id: (1, 1), p[2].id: (0, 1)}
    assert f"{flat(p[0].title)} " in text
    assert "6 acties vastgelegd: 1 gedaan, 1 bezig, 1 niet gelukt, 1 losgelaten en 2 open." in text
    for expected in ("Krachtenanalyse maken met de bewonersraad", "Goed gesprek, vervolg in juni", "Niet gelukt",
                     "De wethouder had geen tijd", "Losgelaten", "Geen draagvlak", "Bewonersavond over de moestuin"):
        assert expected in text, expected
    for texts in LEERVRAGEN.values():
        for leervraag in texts:
            assert leervraag in text, leervraag
    assert "4 trio's legden leervragen vast." in text
    assert ("Onder een leervraag staat per ronde wat het trio schreef bij ‘Wat weten jullie nu over deze vraag?’"
            in text)
    assert (f"1. {LEERVRAGEN[11][0]} {ROUND_2}: Bewoners willen meedenken, maar pas als er geld bij zit. "
            f"2. {LEERVRAGEN[11][1]}") in text
    assert f"2. {LEERVRAGEN[12][1]} {ROUND_2}: {HOSTILE}" in text


def test_trios_beside_their_bestuurder(model: Model, programme: Programme, anonymous_pdf: bytes) -> None:
    """Trio A's bestuurder answered (nu far from the trio, gewenst near); trio B's was invited, not answered."""
    text = pdf_text(anonymous_pdf)
    assert ("Trio's en hun bestuurder: Werkplaats 3 2 trio's van de 4 nodigden de bestuurder of directeur uit; "
            "bij 1 vulde die de stellingen in. De bestuurder telt niet mee in de plek van het trio.") in text
    first_x = next(q for q in model.questions if q.axis == "x").theme
    assert f"Trio A nu Doen met Zorgen voor 1,70 {first_x} (3,3 punten)" in text
    assert f"Trio A gewenst Buurtmaken Buurtmaken 0,24 {first_x} (0,3 punten)" in text
    assert "Trio B nu" not in text
    sheet = workbook(programme)["Bestuur"]
    assert sheet[["Ronde", "Trio", "Moment"]].values.tolist() == [[ROUND_2, "Trio A", "nu"],
                                                                   [ROUND_2, "Trio A", "gewenst"]]
    assert sheet["Afstand"].tolist() == [1.7, 0.24] and sheet["Verschil in punten"].tolist() == [-3.33, -0.33]
    assert sheet["De bestuurder"].tolist() == ["Zorgen voor", "Buurtmaken"]
    # A round without bestuurders has no section; the sheet stays, empty, with its columns.
    first_only = Programme(model=model, name="Werkplaats Maart", kind="werkplaats", rounds=programme.rounds[:1],
                           generated_on=programme.generated_on)
    assert "hun bestuurder" not in pdf_text(build_organisers_pdf(first_only))
    assert workbook(first_only)["Bestuur"].empty


def test_influence_summed_over_trios(model: Model, programme: Programme, anonymous_pdf: bytes) -> None:
    options, totals = influence_totals(model, programme.rounds[1])
    budget = next(t for t in totals if t.question_id == "budget")
    assert dict(budget.counts) == {"eigen_handelen": 0, "eigen_organisatie": 1, "bestuurlijk": 3, "bewoners": 1}
    assert budget.leading == ("bestuurlijk",)
    assert totals[0] is budget  # the most chosen statement first
    text = pdf_text(anonymous_pdf)
    assert "Wie is aan zet? Werkplaats 3" in text
    assert all(o.name in text for o in options)


def test_statements_and_wijk_sector(model: Model, anonymous_pdf: bytes) -> None:
    text = pdf_text(anonymous_pdf)
    assert "Stellingen met de grootste verschillen: Werkplaats 3" in text
    assert "Wijkambtenaren en sectorcollega's: Werkplaats 3" in text
    assert "Wijkambtenaren (4) en sectorcollega's (7)" in text or "Wijkambtenaren (4) zien de gemeente nu in" in text


def test_anonymous_hides_municipalities_and_named_shows_them(anonymous_pdf: bytes, named_pdf: bytes) -> None:
    anonymous, named = pdf_text(anonymous_pdf), pdf_text(named_pdf)
    for trio_id, name in MUNICIPALITIES.items():
        assert name not in anonymous
        assert CASUS[trio_id] not in anonymous
        assert name in named
        assert CASUS[trio_id] in named
    assert "De trio's staan in dit verslag als letters." in anonymous
    assert "Gemeente Zwolle (A) ‘nu’ schoof van Zorgen voor naar Doen met" in named
    assert f"De casussen Trio Casus Gemeente Zwolle (A) {CASUS[11]}" in named


def test_render_front_and_movement_pages(anonymous_pdf: bytes) -> None:
    """Page 1 and the movement page as PNG in tests/artifacts/, to look at."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "organisers_report.pdf"
    path.write_bytes(anonymous_pdf)
    movement = next(i for i, page in enumerate(pages(anonymous_pdf), start=1) if "Hoe de trio's bewegen" in page)
    for number in (1, movement):
        prefix = ARTIFACTS / f"organisers_report_p{number}"
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(number), "-l", str(number), "-singlefile",
                        str(path), str(prefix)], check=True, capture_output=True, timeout=60)
        png = Path(f"{prefix}.png")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size > 20_000


# --- The workbook ------------------------------------------------------------------------------------


def workbook(programme: Programme, *, named: bool = False) -> dict[str, pd.DataFrame]:
    return pd.read_excel(io.BytesIO(build_organisers_workbook(programme, named=named)), sheet_name=None)


def test_workbook_holds_the_same_figures(programme: Programme, model: Model) -> None:
    sheets = workbook(programme)
    assert list(sheets) == list(SHEETS)
    deelname = sheets["Deelname"].set_index("Ronde")
    assert deelname.loc[ROUND_1, ["Trio's", "Trioleden", "Alles ingevuld"]].tolist() == [3, 9, 9]
    assert deelname.loc[ROUND_2, ["Trio's", "Trioleden", "Alles ingevuld"]].tolist() == [4, 11, 10]

    movement = sheets["Beweging"]
    row = movement[(movement["Trio"] == "Trio A") & (movement["Wat"] == "nu")].iloc[0]
    assert (row["Kwadrant ervoor"], row["Kwadrant erna"], row["Ander kwadrant"]) == ("Zorgen voor", "Doen met", "ja")
    assert row["Verschuiving x"] == pytest.approx(1.33) and row["Verschuiving y"] == 0
    assert row["In woorden"] == "‘nu’ schoof van Zorgen voor naar Doen met: 1,33 richting Krachten."
    assert movement[movement["Trio"] == "Trio B"]["Zelfde trioleden"].unique().tolist() == ["nee"]

    p = model.perspectives
    perspectives = sheets["Perspectieven"].set_index("Perspectief")
    assert perspectives.loc[p[0].id, [ROUND_1, ROUND_2, "Totaal"]].tolist() == [2, 2, 4]
    assert perspectives.loc[p[2].id, "Totaal"] == 1

    status = sheets["Actiestatus"].set_index("Ronde")
    assert status.loc[ROUND_1, ["Gedaan", "Bezig", "Niet gelukt", "Losgelaten", "Open", "Totaal"]].tolist() == [
        1, 1, 1, 1, 0, 4]
    assert status.loc[ROUND_2, ["Open", "Totaal"]].tolist() == [2, 2]
    actions = sheets["Acties"]
    assert actions[actions["Actie"] == "Wijkbudget bespreken met de wethouder"]["Status"].tolist() == ["Niet gelukt"]

    influence = sheets["Invloed"]
    budget = influence[(influence["Ronde"] == ROUND_2) & (influence["Stelling"] == "budget")].iloc[0]
    assert (budget["Het bestuur"], budget["Mijn organisatie"], budget["Bewoners zelf"], budget["Totaal"]) == (3, 1, 1, 5)

    leervragen = sheets["Leervragen"]
    assert leervragen[leervragen["Trio"] == "Trio A"]["Leervraag"].tolist() == list(LEERVRAGEN[11])
    assert leervragen[leervragen["Trio"] == "Trio A"][ROUND_2].fillna("").tolist() == [LEERVRAAG_NOTES[11][0][1], ""]
    assert leervragen[ROUND_1].isna().all()
    assert "Gemeente" not in leervragen.columns
    assert any("Werkplaats 3: 4 trio's met 11 trioleden" in line for line in sheets["Samenvatting"]["Tekst"])


def test_workbook_neutralises_formulas(programme: Programme) -> None:
    leervragen = workbook(programme)["Leervragen"]
    assert "'" + HOSTILE in leervragen["Leervraag"].tolist()
    assert HOSTILE not in leervragen["Leervraag"].tolist()
    assert "'" + HOSTILE in leervragen[ROUND_2].tolist() and HOSTILE not in leervragen[ROUND_2].tolist()


def test_workbook_named_and_anonymous(programme: Programme) -> None:
    anonymous, named = workbook(programme), workbook(programme, named=True)
    for sheets in (anonymous,):
        for frame in sheets.values():
            text = frame.to_csv()
            assert not any(name in text for name in MUNICIPALITIES.values())
            assert not any(casus in text for casus in CASUS.values())
    trios = named["Trio's"]
    assert trios[trios["Trio"] == "Trio A"]["Gemeente"].unique().tolist() == ["Gemeente Zwolle"]
    assert set(named["Acties"]["Gemeente"]) >= {"Gemeente Zwolle", "Gemeente Deventer"}


# --- Smaller programmes ------------------------------------------------------------------------------


def test_a_single_werkplaats_has_no_movement_section(model: Model, programme: Programme) -> None:
    single = Programme(model=model, name="Werkplaats Oost", kind="werkplaats", rounds=programme.rounds[1:],
                       generated_on=programme.generated_on)
    text = pdf_text(build_organisers_pdf(single))
    assert "Werkplaats Oost DATUM WERKPLAATS TRIO'S VERSLAG GEMAAKT OP 12 mei 2027 4 13 mei 2027" in text
    assert "Hoe de trio's bewegen" not in text and "kwam ‘nu’ in een ander kwadrant" not in text
    assert "Werkplaats 3: 4 trio's met 11 trioleden" in text
    sheets = workbook(single)
    assert sheets["Beweging"].empty
    assert sheets["Deelname"]["Trioleden"].tolist() == [11]


@pytest.mark.parametrize("rounds", [0, 1])
def test_an_empty_programme_still_makes_a_report(model: Model, rounds: int) -> None:
    empty = Programme(model=model, name="Nieuw traject", kind="traject",
                      rounds=(ProgrammeRound(ROUND_1, DAY_1, ()),) * rounds, generated_on=DAY_1)
    text = pdf_text(build_organisers_pdf(empty))
    assert "Nog geen handelingsperspectieven gekozen." in text
    assert "Er zijn nog geen acties vastgelegd." in text
    assert "Er zijn nog geen leervragen vastgelegd." in text
    if rounds:
        assert "Er zijn in deze ronde nog geen trio's." in text
    else:
        assert "Er zijn nog geen rondes." in text
    sheets = workbook(empty)
    assert list(sheets) == list(SHEETS)


def test_movement_of_one_trio_is_said_without_counting(model: Model, programme: Programme) -> None:
    """"Bij 1 van de 1 trio" read oddly in a series with one trio measured twice."""
    one = dataclasses.replace(
        programme, rounds=tuple(dataclasses.replace(r, trios=r.trios[:1]) for r in programme.rounds)
    )
    assert movement_summary(one) == [
        "Het ene trio dat vaker meedeed, kwam met ‘nu’ in een ander kwadrant terecht dan bij de eerste meting.",
        "Het ene trio dat vaker meedeed, bleef met ‘gewenst’ in hetzelfde kwadrant als bij de eerste meting.",
    ]
