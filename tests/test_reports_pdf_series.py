"""The trio's PDF in a leertraject: movement since the previous round, the bestuurder, the previous
round's actions followed up and the leervragen; each section only with content. Page 1 and the pages
with the new sections are rendered to tests/artifacts/ for a look by eye."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace

import pytest
from pypdf import PdfReader

from reports import TrioReport, build_trio_pdf
from results.actions import FOLLOW_UP_TITLE, FollowedAction, action_line, followed_sentence
from results.bestuur import BESTUUR_STARTERS_LEAD, BESTUUR_TITLE, bestuur_sentences, bestuur_starters
from results.leervragen import LEERVRAAG_PROMPT, LEERVRAGEN_TITLE, Leervraag, LeervraagNote
from results.rounds import TrioMovement, trio_movement
from results.trio import bestuur_result
from results.words import Sentence, absent_sentence, member_step_sentence, trio_step_sentences
from scoring import GroupResult, MemberResult, Model, group_result
from tests.test_reports_pdf import (
    ARTIFACTS,
    flat,
    frame_answers,
    make_report,
    member,
    pdf_text,
    standard_trio,
)
from tests.test_results_bestuur import Person

R1, R2 = "Werkplaats 1", "Werkplaats 2"
LEERVRAGEN = (
    Leervraag(1, "Hoe geven we bewoners echt regie over hun wijk?", (
        LeervraagNote(R2, "Regie begint bij wie de agenda maakt: dat zijn nu nog wij."),)),
    Leervraag(2, "Wat vraagt dat van onze eigen organisatie?"),
)
ACTIONS = (
    FollowedAction("Krachtenanalyse maken van Holtenbroek", "Anna en Piet", "voor 1 juni", "gedaan",
                   "Bewoners brachten zelf tien plekken in die wij niet kenden."),
    FollowedAction("Gesprek met de wethouder plannen", "Piet", "", "niet_gelukt", "Zijn agenda zat vol tot de zomer."),
    FollowedAction("Buurtbudget uitzoeken", status="open"),
)


def first_round(model: Model) -> GroupResult:
    """Werkplaats 1: two members, both seeing Zorgen voor and wanting Doen met; the third was not there."""
    return group_result(model, [
        member(model, "1", "wijkambtenaar", "Wijkambtenaar / wijkprofessional (Anna)", (1, 1), (4, 2)),
        member(model, "2", "sociaal", "Sectorambtenaar sociaal domein", (2, 1), (4, 2)),
    ])


def movement(model: Model) -> TrioMovement:
    return trio_movement([(R1, first_round(model)), (R2, standard_trio(model))])


def the_bestuurder(model: Model) -> MemberResult:
    answers = {"nu": frame_answers(model, 4, 2), "gewenst": frame_answers(model, 5, 2)}
    return bestuur_result(model, Person(9, "bestuurder", "Jan de Vries"), answers)


def series_report(model: Model) -> TrioReport:
    return replace(make_report(model, standard_trio(model)), round_name=R2, leervragen=LEERVRAGEN,
                   followed_actions=ACTIONS, movement=movement(model), bestuur=the_bestuurder(model))


def said(sentence: Sentence) -> str:
    return flat(f"{sentence.lead} {sentence.text}".strip())


def test_the_series_sections_show_what_was_given(model: Model) -> None:
    report = series_report(model)
    text = pdf_text(build_trio_pdf(report))
    assert "RONDE" in text and R2 in text  # the round beside the werkplaats in the title's facts
    # Movement: the trio's step and each member's, and who was not there.
    moved = movement(model)
    assert f"Beweging sinds {R1}" in text
    for sentence in trio_step_sentences(model, moved.steps[-1]):
        assert said(sentence) in text
    for m in moved.members:
        if m.steps:
            assert said(member_step_sentence(model, m.label, m.steps[-1])) in text
    assert flat(absent_sentence("Sectorambtenaar fysiek domein", (R1,))) in text
    # The bestuurder: its place in words and the starters on the gap.
    bestuur = the_bestuurder(model)
    assert BESTUUR_TITLE in text and flat(BESTUUR_STARTERS_LEAD) in text
    for sentence in bestuur_sentences(model, report.result, bestuur):
        assert said(sentence) in text
    picked = bestuur_starters(model, report.result, bestuur)
    assert len(picked) == 2
    for starter in picked:
        assert flat(starter.prompt) in text
    assert "HIER KIJKT JULLIE BESTUURDER ANDERS DAN JULLIE" in text
    assert "Bestuurder (Jan de Vries)" not in text.split(BESTUUR_TITLE)[0]  # not among the trio members
    # The previous round's actions with status and reflection.
    assert FOLLOW_UP_TITLE in text
    for action in ACTIONS:
        assert flat(action_line(action)) in text
        assert said(followed_sentence(action)) in text
    assert "Gedaan: Bewoners brachten zelf tien plekken in die wij niet kenden." in text
    assert "Niet gelukt: Zijn agenda zat vol tot de zomer." in text
    assert "Open: nog niet besproken." in text
    # The leervragen: a note per round, or the prompt when there is none yet.
    assert LEERVRAGEN_TITLE in text
    assert "1. Hoe geven we bewoners echt regie over hun wijk?" in text
    assert f"{R2}: Regie begint bij wie de agenda maakt: dat zijn nu nog wij." in text
    assert "2. Wat vraagt dat van onze eigen organisatie?" in text
    assert text.count(LEERVRAAG_PROMPT) == 1
    # In the report's order: place, movement, bestuurder, …, followed actions, own actions, leervragen.
    order = ["De uitkomst in woorden", f"Beweging sinds {R1}", BESTUUR_TITLE, "Naast elkaar", "Gespreksstarters",
             FOLLOW_UP_TITLE, "Onze acties", LEERVRAGEN_TITLE, "Over het model"]
    assert [text.index(h) for h in order] == sorted(text.index(h) for h in order)


def test_without_series_data_no_section_shows(model: Model) -> None:
    plain = make_report(model, standard_trio(model))
    text = pdf_text(build_trio_pdf(plain))
    for heading in ("Beweging sinds", BESTUUR_TITLE, FOLLOW_UP_TITLE, LEERVRAGEN_TITLE, "RONDE"):
        assert heading not in text
    # One round only, a round named as the werkplaats, leervragen and actions without text: still nothing.
    quiet = replace(plain, round_name=plain.werkplaats_name, movement=trio_movement([(R1, standard_trio(model))]),
                    leervragen=(Leervraag(1, "  "),), followed_actions=(FollowedAction(" ", status="gedaan"),))
    assert pdf_text(build_trio_pdf(quiet)) == text


def test_a_bestuurder_without_answers_or_without_a_gap(model: Model) -> None:
    base = make_report(model, standard_trio(model))
    waiting = pdf_text(build_trio_pdf(replace(base, bestuur=bestuur_result(model, Person(9, "bestuurder"), {}))))
    assert BESTUUR_TITLE in waiting and "Jullie bestuurder heeft de stellingen nog niet beantwoord." in waiting
    alike = standard_trio(model).members[1]
    twin = bestuur_result(model, Person(9, "bestuurder"), {f: dict(alike.answers[f]) for f in ("nu", "gewenst")})
    close = pdf_text(build_trio_pdf(replace(base, result=group_result(model, [
        member(model, "2", "sociaal", "Sectorambtenaar sociaal domein", (1, 2), (4, 5))]), bestuur=twin)))
    assert "Jullie bestuurder en jullie trio zien het ongeveer hetzelfde" in close


def _render(data: bytes, name: str, pages: list[int]) -> list[str]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(data)
    made = []
    for number in pages:
        prefix = ARTIFACTS / f"{name}_p{number}"
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(number), "-l", str(number), "-singlefile",
                        str(path), str(prefix)], check=True, capture_output=True, timeout=60)
        made.append(str(prefix.with_suffix(".png")))
    return made


def test_render_page_one_and_the_series_pages(model: Model) -> None:
    data = build_trio_pdf(series_report(model))
    reader = PdfReader(io.BytesIO(data))
    texts = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    wanted = [f"Beweging sinds {R1}", BESTUUR_TITLE, FOLLOW_UP_TITLE, LEERVRAGEN_TITLE]
    pages = sorted({1, *(next(i for i, t in enumerate(texts, start=1) if w in t) for w in wanted)})
    for png in _render(data, "trio_report_series", pages):
        with open(png, "rb") as image:
            assert image.read(8) == b"\x89PNG\r\n\x1a\n"
