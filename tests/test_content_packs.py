"""Golden content packs: what must load, what must be refused, and with which Dutch messages.

Each ``tests/data/invalid/<name>/`` is the minimal pack with ONE thing broken (``several_faults``
breaks several on purpose) and an ``expected.txt``: every line must appear in the error output.
The oversized-file packs are generated at runtime instead of being committed.
"""

from __future__ import annotations

import itertools
import re
import time
from pathlib import Path

import pytest

from scoring import (
    CONTENT_FILES,
    ContentError,
    Model,
    Problem,
    load_model,
    load_model_from_texts,
    score,
    snapshot,
    validate,
)
from scoring.loader import MAX_FILE_BYTES
from tests.packs import (
    CONTENT_DIR,
    INVALID_DIR,
    MINIMAL_DIR,
    VALID_DIR,
    copy_pack,
    expected_file,
    expected_lines,
    invalid_packs,
    valid_packs,
    write_pack,
)

VALID = valid_packs()
INVALID = invalid_packs()


# --- valid packs -------------------------------------------------------------------------------


def test_there_are_golden_packs() -> None:
    assert {p.name for p in VALID} >= {
        "minimal", "seven_point_no_dont_know", "optional_fields", "bom_crlf", "influence_and_levels"
    }
    assert len(INVALID) >= 24
    # One invalid pack per rule of issue 11 (influence, levels, instruction, scale middle, themes).
    assert {p.name for p in INVALID} >= {
        "influence_duplicate_option",
        "influence_option_name_empty",
        "influence_sphere_not_offered",
        "level_unknown_audience",
        "instruction_without_casus_placeholder",
        "scale_middle_on_even_scale",
        "theme_unknown_question",
    }


@pytest.mark.parametrize("pack", VALID, ids=[p.name for p in VALID])
def test_valid_pack_loads(pack: Path) -> None:
    model = load_model(pack)
    assert validate(pack) == []
    assert snapshot(pack).content_hash == model.content_hash
    assert len(model.content_hash) == 16
    assert set(model.quadrant_table) == {("low", "low"), ("low", "high"), ("high", "low"), ("high", "high")}
    # The same texts, as stored with a werkplaats, give the same model.
    stored = snapshot(pack)
    assert load_model_from_texts(stored.files) == model


def test_seven_point_pack() -> None:
    model = load_model(VALID_DIR / "seven_point_no_dont_know")
    assert (model.scale.points, model.scale.dont_know, model.min_answers_per_axis) == (7, False, 2)
    assert model.question("beeld").reverse
    assert model.question("beeld").weight == 0.5
    assert model.question("mandaat").weight == 3.0
    assert score(model, {"kennis": 7, "beeld": 1, "agenda": 1, "budget": 7}).quadrant == "doen_met"
    with pytest.raises(ValueError):
        score(model, {"kennis": None})
    with pytest.raises(ValueError):
        score(model, {"kennis": 8})


def test_optional_fields_pack() -> None:
    model = load_model(VALID_DIR / "optional_fields")
    prompt = model.question("kennis").prompt
    assert prompt is not None
    assert prompt.startswith("Welke informatie ligt er op tafel")
    assert model.question("agenda").weight == 2.5
    assert all(q.strengthen for q in model.quadrants)
    assert [level.max_spread for level in model.agreement_levels] == [0.2, 0.5, 2.0]
    assert [r.group for r in model.roles] == ["wijk", "sector", None]
    assert model.audiences[0].description == "Wie in de wijk werkt."
    assert len(model.sources) == 2
    assert model.meta.organiser_note is not None
    assert model.neutral_band == 0
    assert model.transitions == ()


@pytest.mark.parametrize(
    "name", ["minimal", "seven_point_no_dont_know", "optional_fields", "bom_crlf"]
)
def test_packs_without_the_new_fields_switch_them_off(name: str) -> None:
    model = load_model(VALID_DIR / name)
    assert model.influence is None
    assert model.levels == ()
    assert model.instruction is None
    assert model.scale.middle is None
    assert all(p.themes == [] for p in model.perspectives)
    assert model.audience_for_level("uitvoering") is None


def test_influence_and_levels_pack() -> None:
    model = load_model(VALID_DIR / "influence_and_levels")
    assert model.influence is not None
    assert model.influence.question == "Wie kan hier iets aan veranderen?"
    assert [o.id for o in model.influence.options] == ["eigen_handelen", "bestuurlijk", "bewoners"]
    assert model.influence_option("bewoners").name == "Bewoners zelf"
    with pytest.raises(KeyError):
        model.influence_option("niemand")
    # An option with a sphere's id stands for that sphere; "bewoners" for none.
    assert model.influence_sphere("bestuurlijk") == "bestuurlijk"
    assert model.influence_sphere("bewoners") is None
    assert [(lv.id, lv.audience) for lv in model.levels] == [
        ("uitvoering", "professionals"), ("strategie", "professionals"), ("bestuur", "bestuurders")
    ]
    assert model.level("uitvoering").description == "Je werkt in de wijk."
    assert model.audience_for_level("bestuur") == "bestuurders"
    assert model.audience_for_level(None) is None
    assert model.audience_for_level("weg") is None
    assert (model.scale.middle, model.middle_value) == ("Beide even sterk", 3)
    assert model.question("budget").reverse
    assert {p.id: p.themes for p in model.perspectives} == {
        "p_kennis": ["kennis"], "p_agenda": ["agenda"], "p_budget": ["budget", "agenda"], "p_geen": []
    }


@pytest.mark.parametrize(
    ("casus", "expected"),
    [
        pytest.param("Het buurthuis sluit", "Denk bij elke stelling aan de wijk van jullie casus: Het buurthuis sluit.",
                     id="with-casus"),
        pytest.param("  Park {casus} *vet*  ", "Denk bij elke stelling aan de wijk van jullie casus: Park {casus} *vet*.",
                     id="casus-text-is-inserted-once-as-is"),
        pytest.param("", "Denk bij elke stelling aan één wijk die je goed kent.", id="no-casus"),
        pytest.param("   ", "Denk bij elke stelling aan één wijk die je goed kent.", id="blank-casus"),
    ],
)
def test_instruction_names_the_casus_when_there_is_one(casus: str, expected: str) -> None:
    instruction = load_model(VALID_DIR / "influence_and_levels").instruction
    assert instruction is not None
    assert instruction.wijk(casus) == expected
    assert instruction.gewenst == "Gewenst: hoe het over vier jaar zou moeten gaan."


@pytest.mark.parametrize(("points", "middle"), [(3, 2), (4, None), (5, 3), (7, 4), (11, 6)])
def test_middle_value(points: int, middle: int | None) -> None:
    texts = {name: (MINIMAL_DIR / name).read_text(encoding="utf-8") for name in CONTENT_FILES}
    texts["model.yaml"] = texts["model.yaml"].replace("points: 5", f"points: {points}")
    assert load_model_from_texts(texts).middle_value == middle


def test_bom_crlf_pack_really_has_bom_and_crlf() -> None:
    # Guard against an editor or git setting silently "fixing" the golden files.
    for name in CONTENT_FILES:
        raw = (VALID_DIR / "bom_crlf" / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        assert b"\r\n" in raw, name
        assert b"\n" not in raw.replace(b"\r\n", b""), name
    model = load_model(VALID_DIR / "bom_crlf")
    assert model.title == "Één model, opgeslagen in Kladblok"
    assert model.question("kennis").theme == "Kennis & ideeën"


def test_bom_and_crlf_do_not_change_the_content(tmp_path: Path) -> None:
    for name in CONTENT_FILES:
        text = (MINIMAL_DIR / name).read_text(encoding="utf-8")
        (tmp_path / name).write_bytes(("\ufeff" + text).replace("\n", "\r\n").encode("utf-8"))
    windows = load_model(tmp_path)
    plain = load_model(MINIMAL_DIR)
    assert windows.meta == plain.meta
    assert windows.questions == plain.questions
    assert windows.perspectives == plain.perspectives
    assert windows.transitions == plain.transitions


# --- the shipped content -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def content() -> Model:
    return load_model(CONTENT_DIR)


def test_content_statements(content: Model) -> None:
    assert len(content.questions) >= 10
    for axis in ("x", "y"):
        on_axis = content.questions_on(axis)
        assert len(on_axis) >= 5, axis
        assert sum(q.reverse for q in on_axis) >= 2, axis
        assert any(not q.reverse for q in on_axis), axis
    themes = [q.theme for q in content.questions]
    assert len(set(themes)) == len(themes)
    assert all(q.prompt for q in content.questions)
    assert content.min_answers_per_axis <= min(len(content.questions_on(a)) for a in ("x", "y"))


def test_content_perspectives_cover_every_quadrant_and_audience(content: Model) -> None:
    spheres = {s.id for s in content.spheres}
    assert len(spheres) == 3
    assert len(content.quadrants) == 4
    for quadrant in content.quadrants:
        assert quadrant.strengthen, quadrant.id
        for audience in content.audiences:
            cell = [
                p for p in content.perspectives if p.quadrant == quadrant.id and p.audience == audience.id
            ]
            assert len(cell) >= 3, (quadrant.id, audience.id)
            assert {p.sphere for p in cell} == spheres, (quadrant.id, audience.id)
    assert len({p.id for p in content.perspectives}) == len(content.perspectives)


def test_content_has_one_transition_per_ordered_pair(content: Model) -> None:
    ids = [q.id for q in content.quadrants]
    pairs = [(t.from_, t.to) for t in content.transitions]
    assert len(pairs) == 12
    assert sorted(pairs) == sorted(itertools.permutations(ids, 2))
    assert all(t.text for t in content.transitions)


def test_content_asks_who_can_change_what(content: Model) -> None:
    assert content.influence is not None
    assert content.influence.question == "Wie kan hier iets aan veranderen?"
    options = [(o.id, o.name) for o in content.influence.options]
    assert options == [
        ("eigen_handelen", "Ik zelf"),
        ("eigen_organisatie", "Mijn organisatie"),
        ("bestuurlijk", "Het bestuur"),
        ("bewoners", "Bewoners zelf"),
    ]
    # Every sphere is offered, and maps back to itself.
    for sphere in content.spheres:
        assert content.influence_sphere(sphere.id) == sphere.id
    assert content.influence_sphere("bewoners") is None


def test_content_levels_map_to_audiences(content: Model) -> None:
    assert [(lv.id, lv.audience) for lv in content.levels] == [
        ("uitvoering", "professionals"), ("strategie", "strategen"), ("bestuur", "bestuurders")
    ]
    assert all(lv.description for lv in content.levels)


def test_content_instruction_and_scale(content: Model) -> None:
    instruction = content.instruction
    assert instruction is not None
    assert "over vier jaar" in instruction.gewenst
    assert "Buurthuis De Linde" in instruction.wijk("Buurthuis De Linde")
    assert "{casus}" not in instruction.wijk("")
    assert (content.middle_value, content.scale.middle) == (3, "Beide even sterk")


def test_content_statements_alternate_axes(content: Model) -> None:
    axes = [q.axis for q in content.questions]
    assert axes == ["x", "y"] * (len(axes) // 2)


def test_content_poles_are_opposites_in_plain_words(content: Model) -> None:
    for q in content.questions:
        for pole in (q.low, q.high):
            # "ook" lets a member agree with both poles; loaded or unexplained words stay out.
            assert " ook " not in f" {pole.lower()} ", (q.id, pole)
            assert "probleemwijk" not in pole.lower(), q.id
    texts = [q.low for q in content.questions] + [q.high for q in content.questions]
    texts += [q.prompt or "" for q in content.questions]
    texts += [p.text for p in content.perspectives] + [t.text for t in content.transitions]
    for text in texts:
        assert " de lijn" not in text and "koker" not in text, text


def test_content_perspectives_have_themes_and_vary(content: Model) -> None:
    question_ids = {q.id for q in content.questions}
    for p in content.perspectives:
        assert p.themes, p.id
        assert set(p.themes) <= question_ids, p.id
    # Every statement is a theme of a card in the quadrant most trios want.
    assert {t for p in content.perspectives if p.quadrant == "buurtmaken" for t in p.themes} == question_ids
    # Residents taking over a task (Right to Challenge) is Buurtmaken.
    challenge = [p for p in content.perspectives if "Right to Challenge" in p.text]
    assert [p.quadrant for p in challenge] == ["buurtmaken"]
    # "Say when residents will hear back" is kept in two cards, not repeated everywhere.
    hear_back = re.compile(r"terugkom|terugkoppel|laat weten|iets (over )?horen|wat er met .* is gedaan|daarmee is gedaan")
    assert len([p.id for p in content.perspectives if hear_back.search(p.text)]) <= 2


def test_content_validates_cleanly() -> None:
    assert validate(CONTENT_DIR) == []


# --- invalid packs -------------------------------------------------------------------------------


@pytest.mark.parametrize("pack", INVALID, ids=[p.name for p in INVALID])
def test_invalid_pack_is_refused(pack: Path) -> None:
    lines = expected_lines(pack)
    assert lines, f"{pack.name}/expected.txt is empty"
    with pytest.raises(ContentError) as info:
        load_model(pack)
    error = info.value
    assert isinstance(error, ValueError)
    message = str(error)
    for line in lines:
        assert line in message, f"{line!r} not in:\n{message}"
    assert error.file == expected_file(pack)
    assert error.field == error.problems[0].location
    # Every problem names its file, and validate() reports the same problems.
    for problem in error.problems:
        assert problem.file in CONTENT_FILES
        assert str(problem).startswith(problem.file + ": ")
        assert problem.message
    assert validate(pack) == list(error.problems)


SINGLE_FAULT = [p for p in INVALID if p.name != "several_faults"]


@pytest.mark.parametrize("pack", SINGLE_FAULT, ids=[p.name for p in SINGLE_FAULT])
def test_invalid_pack_breaks_one_thing(pack: Path) -> None:
    """Single-fault packs differ from ``minimal`` in exactly one file."""
    changed = [
        name
        for name in CONTENT_FILES
        if not (pack / name).exists() or (pack / name).read_bytes() != (MINIMAL_DIR / name).read_bytes()
    ]
    assert len(changed) == 1, changed


def test_several_faults_are_all_reported() -> None:
    with pytest.raises(ContentError) as info:
        load_model(INVALID_DIR / "several_faults")
    problems = info.value.problems
    assert len(problems) == 5
    assert {p.file for p in problems} == set(CONTENT_FILES)


def test_faults_in_every_file_are_all_reported(tmp_path: Path) -> None:
    copy_pack(MINIMAL_DIR, tmp_path)
    model = (tmp_path / "model.yaml").read_text(encoding="utf-8")
    (tmp_path / "model.yaml").write_text(
        model.replace("title: Minimaal model", 'title: ""'), encoding="utf-8"
    )
    questions = (tmp_path / "questions.yaml").read_text(encoding="utf-8")
    questions = questions.replace("weight: 2", "weight: -1").replace("axis: y", "axis: q")
    (tmp_path / "questions.yaml").write_text(questions, encoding="utf-8")
    (tmp_path / "perspectives.yaml").write_text("perspectives: []\ntransitions: 3\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_model(tmp_path)
    rendered = [str(p) for p in info.value.problems]
    expected = [
        "model.yaml: title: mag niet leeg zijn",
        "questions.yaml: questions[agenda].axis: moet een van deze waarden zijn: 'x'",
        "questions.yaml: questions[kennis].weight: moet groter zijn dan 0",
        "perspectives.yaml: perspectives: moet minstens 1 item(s) bevatten",
        "perspectives.yaml: transitions: moet een lijst zijn",
    ]
    assert len(rendered) == len(expected)
    for line, want in zip(rendered, expected, strict=True):
        assert line.startswith(want), (line, want)


def test_missing_file_still_reports_the_other_files(tmp_path: Path) -> None:
    copy_pack(MINIMAL_DIR, tmp_path)
    (tmp_path / "perspectives.yaml").unlink()
    (tmp_path / "model.yaml").write_text("- geen velden\n", encoding="utf-8")
    problems = validate(tmp_path)
    assert [str(p) for p in problems] == [
        "perspectives.yaml: bestand ontbreekt",
        "model.yaml: verwacht velden (sleutel: waarde) bovenaan het bestand",
    ]


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        load_model(tmp_path / "bestaat_niet")
    assert "map bestaat niet" in str(info.value)


def test_texts_missing_a_file() -> None:
    texts = {name: (MINIMAL_DIR / name).read_text(encoding="utf-8") for name in CONTENT_FILES}
    del texts["questions.yaml"]
    with pytest.raises(ContentError) as info:
        load_model_from_texts(texts)
    assert info.value.problems == (Problem("questions.yaml", "", "bestand ontbreekt"),)


def test_content_error_needs_a_problem() -> None:
    with pytest.raises(ValueError):
        ContentError([])


# --- oversized files, generated at runtime -------------------------------------------------------


def _pad_to(text: str, size: int) -> bytes:
    """``text`` followed by YAML comment lines, exactly ``size`` bytes long."""
    data = text.encode("utf-8")
    line = b"# " + b"x" * 97 + b"\n"
    body = data + line * ((size - len(data)) // len(line))
    return body + b"#" * (size - len(body) - 1) + b"\n"


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        pytest.param(MAX_FILE_BYTES + 1, "1,000,001", id="just-over-1MB"),
        pytest.param(10_000_000, "10,000,000", id="10MB"),
    ],
)
def test_oversized_file_is_refused_fast(tmp_path: Path, size: int, shown: str) -> None:
    copy_pack(MINIMAL_DIR, tmp_path)
    questions = (MINIMAL_DIR / "questions.yaml").read_text(encoding="utf-8")
    (tmp_path / "questions.yaml").write_bytes(_pad_to(questions, size))
    assert (tmp_path / "questions.yaml").stat().st_size == size
    started = time.perf_counter()
    with pytest.raises(ContentError) as info:
        load_model(tmp_path)
    assert time.perf_counter() - started < 2.0
    assert info.value.file == "questions.yaml"
    assert f"questions.yaml: bestand is te groot ({shown} bytes; maximaal 1,000,000)" in str(info.value)


def test_file_of_exactly_the_limit_loads(tmp_path: Path) -> None:
    copy_pack(MINIMAL_DIR, tmp_path)
    questions = (MINIMAL_DIR / "questions.yaml").read_text(encoding="utf-8")
    (tmp_path / "questions.yaml").write_bytes(_pad_to(questions, MAX_FILE_BYTES))
    assert load_model(tmp_path).question("kennis").weight == 2.0


def test_oversized_text_is_refused() -> None:
    texts = {name: (MINIMAL_DIR / name).read_text(encoding="utf-8") for name in CONTENT_FILES}
    texts["model.yaml"] += "#" * MAX_FILE_BYTES
    with pytest.raises(ContentError) as info:
        load_model_from_texts(texts)
    assert "model.yaml: bestand is te groot (maximaal 1,000,000 bytes)" in str(info.value)


def test_generated_pack_helper_round_trips(tmp_path: Path) -> None:
    texts = {name: (MINIMAL_DIR / name).read_bytes() for name in CONTENT_FILES}
    assert load_model(write_pack(tmp_path / "kopie", texts)) == load_model(MINIMAL_DIR)
