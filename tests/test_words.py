"""The sentences pages and PDF reports share (results.words), and how a page and a report set them."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import scoring
from reports import build_trio_pdf
from results import words
from results.words import MODEL_BASIS, Sentence
from scoring import MemberInput, Model, group_result
from scoring.conversation import REASONS
from tests.apptest_support import APP, TIMEOUT, AppDb
from tests.test_reports_pdf import flat, make_report, pdf_text, standard_trio
from ui.explain import bold, markdown

REPO_ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def answers(model: Model, x: int | None, y: int | None) -> dict[str, int | None]:
    """Every statement answered ``x`` / ``y`` on the axis direction (1 = low pole)."""
    points = model.scale.points
    out: dict[str, int | None] = {}
    for q in model.questions:
        value = x if q.axis == "x" else y
        out[q.id] = points + 1 - value if value is not None and q.reverse else value
    return out


def one_member(model: Model, nu: tuple[int | None, int | None], gewenst: tuple[int | None, int | None]) -> (
        scoring.GroupResult):
    return group_result(model, [MemberInput(member_id="1", role=model.roles[0].id, label="Anna",
                                            answers={"nu": answers(model, *nu), "gewenst": answers(model, *gewenst)})])


def test_frame_sentence_names_the_quadrant_or_says_too_few(model: Model) -> None:
    result = one_member(model, (1, 1), (None, None))
    quadrant = model.quadrant(result.nu.quadrant or "")
    assert words.frame_sentence(model, "Nu", result.nu) == Sentence(f"Nu: {quadrant.name}.", quadrant.summary)
    assert words.frame_sentence(model, "Gewenst", result.gewenst) == Sentence("Gewenst:", words.TOO_FEW)


def test_a_members_dot_on_a_border_and_in_the_middle_is_said_so(model: Model) -> None:
    # nu: x exactly 0 (the high side, Krachten), y high: Buurtmaken, on its border with Vragen en claimen.
    # gewenst: every answer in the middle: x = y = 0, Buurtmaken by the rule, but in the middle.
    result = one_member(model, (3, 4), (3, 3))
    member = result.members[0]
    nu = words.frame_sentence(model, "Nu", member.nu)
    assert nu.lead == "Nu: Buurtmaken."
    assert nu.aside.startswith("Je stip ligt op de grens van Buurtmaken en Vragen en claimen:")
    gewenst = words.frame_sentence(model, "Gewenst", member.gewenst)
    assert gewenst.lead == "Gewenst: in het midden."
    assert gewenst.text == ""  # no quadrant's summary describes the middle
    assert gewenst.aside.startswith("Je stip ligt in het midden:")
    assert "net in Buurtmaken" in gewenst.aside
    assert words.member_places(model, result) == [
        Sentence("Anna:", "nu op de grens van Buurtmaken en Vragen en claimen, gewenst in het midden.")
    ]


def test_the_trio_mean_on_a_border_and_in_the_middle_is_said_so(model: Model) -> None:
    members = [
        MemberInput(member_id=str(i), role=model.roles[0].id, label=name,
                    answers={"nu": answers(model, x, 2), "gewenst": answers(model, x, 5 - i)})
        for i, (name, x) in enumerate((("Anna", 2), ("Bert", 3), ("Cem", 4)), start=1)
    ]
    result = group_result(model, members)  # nu: x mean 0, y low; gewenst: x and y mean 0
    assert words.frame_sentence(model, "Jullie trio nu", result.nu).aside.startswith(
        "Jullie trio staat op de grens van Doen met en Zorgen voor:"
    )
    gewenst = words.frame_sentence(model, "Gewenst", result.gewenst)
    assert gewenst.lead == "Gewenst: in het midden."
    assert gewenst.aside.startswith("Jullie trio staat in het midden:")
    assert words.place_words(model, result.nu) == "op de grens van Doen met en Zorgen voor"
    assert words.place_words(model, result.gewenst) == "in het midden"
    short = words.outcome_sentences(model, result, summaries=False)
    assert short[0] == Sentence("Nu:", "op de grens van Doen met en Zorgen voor.")
    assert short[1] == Sentence("Gewenst:", "in het midden (net in Buurtmaken).")


def test_a_clear_place_has_no_border_words(model: Model) -> None:
    result = one_member(model, (1, 1), (5, 5))
    assert words.border_text(model, result.members[0].nu) == ""
    assert words.border_text(model, result.nu) == ""
    assert words.member_places(model, result) == []
    assert words.place_words(model, result.gewenst) == "Buurtmaken"


def test_page_markdown_bold_lead_italic_aside(model: Model) -> None:
    assert markdown(Sentence("Nu: Zorgen voor.", "Samenvatting.", "Let op.")) == (
        "**Nu: Zorgen voor.** Samenvatting. _Let op._"
    )
    assert markdown(Sentence("", words.staying_text(trio=False))) == words.staying_text(trio=False)
    assert words.staying_in("Buurtmaken", bold) == "Jullie willen in **Buurtmaken** blijven."
    assert words.route("Zorgen voor", "Buurtmaken") == "Van Zorgen voor naar Buurtmaken"


def test_questionnaire_says_staying_to_one_member_and_the_report_to_the_trio(model: Model) -> None:
    result = one_member(model, (5, 5), (5, 4))
    member = result.members[0]
    assert member.nu.quadrant == member.gewenst.quadrant
    mine = words.position_sentences(model, member.nu, member.gewenst)
    assert mine[-1] == Sentence("", "Je wilt in hetzelfde kwadrant blijven, maar misschien wel verschuiven: kijk naar "
                                    "de pijl.")
    ours = words.outcome_sentences(model, result)
    name = model.quadrant(member.nu.quadrant or "").name
    assert ours[1] == Sentence(f"Waar jullie naartoe willen: ook {name}.", words.staying_text(trio=True))
    assert flat(words.staying_text(trio=True)) in pdf_text(build_trio_pdf(make_report(model, result)))


def test_trio_report_shows_the_outcome_sentences(model: Model) -> None:
    result = standard_trio(model)
    text = pdf_text(build_trio_pdf(make_report(model, result)))
    for sentence in words.outcome_sentences(model, result):
        assert flat(f"{sentence.lead} {sentence.text}") in text
    for note in words.member_notes(result):
        assert flat(note) in text
    assert result.members[2].label + f" ({result.members[2].answered}/" in text  # member_label, in the legend


def test_start_page_and_reports_name_the_model_basis_alike(app_db: AppDb, model: Model) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert any(f"{MODEL_BASIS.text}, *{MODEL_BASIS.work}*." in c.value for c in at.caption)
    assert f"{MODEL_BASIS.text}." in pdf_text(build_trio_pdf(make_report(model, standard_trio(model))))


@pytest.mark.parametrize(
    ("sentence", "home"),
    [
        *((s, "results/words.py") for s in (
            words.TOO_FEW, words.PLACES_LEAD, "Je stip ligt", "Jullie trio staat", "in het midden", "vrij naar Huygen", "kwadrant blijven, maar misschien wel verschuiven",
            "heeft nog geen stellingen beantwoord", "Nog niet te zeggen", "Jullie willen in",
        )),
        *((reason.rstrip("."), "scoring/conversation.py") for reason in REASONS.values()),
    ],
)
def test_shared_sentences_are_written_once(sentence: str, home: str) -> None:
    """A second copy in a page, the UI, a chart or a report would drift apart from this one."""
    copies = [
        str(path.relative_to(REPO_ROOT))
        for folder in ("app_pages", "ui", "charts", "reports")
        for path in sorted((REPO_ROOT / folder).rglob("*.py"))
        if sentence in path.read_text(encoding="utf-8")
    ]
    assert copies == []
    assert sentence in (REPO_ROOT / home).read_text(encoding="utf-8")


def test_count_words_agrees_in_number() -> None:
    assert words.count_words(1, "antwoord", "antwoorden") == "1 antwoord"
    assert words.count_words(3, "triolid", "trioleden") == "3 trioleden"
    assert words.count_words(0, "triolid", "trioleden") == "0 trioleden"


def test_abcd_is_explained_once_in_the_trio_report(model: Model) -> None:
    text = pdf_text(build_trio_pdf(make_report(model, standard_trio(model))))
    assert text.count(flat(words.ABCD)) == 1
    assert text.index(flat(words.ABCD)) - text.index("ABCD") < 300  # right after its first mention


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ({}, "Jullie trio heeft nog geen plek op het kwadrant"),
        ({"nu": (2, 2)}, "Jullie trio heeft al een plek voor nu, maar nog niet voor gewenst."),
        ({"gewenst": (4, 4)}, "Jullie trio heeft al een plek voor gewenst, maar nog niet voor nu."),
    ],
)
def test_perspectives_missing_says_what_the_trio_lacks(
    model: Model, members: dict[str, tuple[int, int]], expected: str
) -> None:
    by_frame = {frame: answers(model, *position) for frame, position in members.items()}
    result = group_result(model, [MemberInput(member_id="1", role=model.roles[0].id, label="Anna", answers=by_frame)])
    assert words.perspectives_missing(result).startswith(expected)
    assert (words.has_numbers(result)) == bool(members)
