"""CSV and Excel exports of a werkplaats (reports.exports): shape, round trip, and formula injection."""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import Engine, func, select

import scoring
import storage
from reports import exports
from reports.export_content import CONTENT_COLUMNS, SHEET_CONTENT, content_frame
from reports.export_influence import (
    INFLUENCE_COLUMNS,
    MEMBER_COLUMNS,
    SHEET_INFLUENCE,
    SHEET_MEMBERS,
    influence_frame,
    members_frame,
)
from reports.exports import (
    ANSWER_COLUMNS,
    SCORE_COLUMNS,
    answers_frame,
    neutralise_formula,
    scores_frame,
    to_csv_bytes,
    to_excel_bytes,
    werkplaats_export_frames,
)
from storage.demo import create_demo_werkplaats
from storage.models import Answer
from tests.apptest_support import REPO_ROOT
from tests.sql_support import count_statements

TODAY = date(2025, 3, 14)
HOSTILE = ('=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "<script>alert(1)</script>", "\tTAB", "\r=1")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# --- Helpers ------------------------------------------------------------------




def stored_answers(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(Answer)) or 0)


def read_csv(data: bytes) -> pd.DataFrame:
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so that Excel reads UTF-8
    return pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")


def read_excel(data: bytes) -> dict[str, pd.DataFrame]:
    return pd.read_excel(io.BytesIO(data), sheet_name=None)


def text_cells(frames: dict[str, pd.DataFrame]) -> Iterator[str]:
    for df in frames.values():
        for column in df.columns:
            for value in df[column]:
                if isinstance(value, str):
                    yield value


def hostile_werkplaats(engine: Engine, content: scoring.ContentSnapshot) -> storage.WerkplaatsRecord:
    """Every text a participant or organiser types starts with something a spreadsheet would run."""
    werkplaats = storage.create_werkplaats(engine, name="@SUM(A1)", held_on=TODAY, content=content)
    for index, text in enumerate(HOSTILE[:5]):
        trio = storage.create_trio(
            engine, werkplaats_id=werkplaats.id, municipality=text, casus=HOSTILE[(index + 1) % 5]
        )
        member = storage.create_member(engine, trio_id=trio.id, role="wijkambtenaar", display_name=text)
        storage.save_answers(
            engine, member_id=member.id, frame="nu", answers={"agenda": 1, "kennis_en_data": 1}
        )
        storage.save_answer(engine, member_id=member.id, question_id="budget", frame="gewenst", value=None)
    return werkplaats


@pytest.fixture
def demo(engine: Engine) -> storage.WerkplaatsRecord:
    return create_demo_werkplaats(engine, seed=3)


# --- neutralise_formula -------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\r=1", "'\r=1"),
        ("-", "'-"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("Gemeente Ærø", "Gemeente Ærø"),
        ("a=1", "a=1"),
        ("", ""),
        (-0.5, -0.5),
        (-3, -3),
        (None, None),
        (True, True),
    ],
)
def test_neutralise_formula(value: Any, expected: Any) -> None:
    assert neutralise_formula(value) == expected
    assert type(neutralise_formula(value)) is type(expected)


def test_safe_frame_leaves_numbers_and_missing_values_alone() -> None:
    df = pd.DataFrame(
        {"text": ["=1", None, "ok"], "x": [-0.5, float("nan"), 1.0], "mixed": [-2, "=2", "weet ik niet"]}
    )
    safe = exports.safe_frame(df)
    assert safe["text"].tolist()[0] == "'=1" and pd.isna(safe["text"].tolist()[1])
    assert safe["x"].dtype == "float64" and safe["x"].tolist()[0] == -0.5
    assert safe["mixed"].tolist() == [-2, "'=2", "weet ik niet"]
    assert df["text"].tolist()[0] == "=1"  # the input is not changed


# --- Frames and files from a werkplaats ---------------------------------------


def test_answers_export_has_a_row_per_stored_answer(engine: Engine, demo: storage.WerkplaatsRecord) -> None:
    frames = werkplaats_export_frames(engine, demo.id)
    answers = frames["Antwoorden"]
    saved = stored_answers(engine)
    assert saved == 8 * 3 * 12 * 2
    assert list(answers.columns) == list(ANSWER_COLUMNS)
    assert len(answers) == saved
    assert list(frames["Scores"].columns) == list(SCORE_COLUMNS)
    assert list(frames)[:3] == ["Antwoorden", "Scores", "Inhoud"]

    from_csv = read_csv(to_csv_bytes(answers))
    assert list(from_csv.columns) == list(ANSWER_COLUMNS)
    assert len(from_csv) == saved

    from_excel = read_excel(to_excel_bytes(frames))
    assert list(from_excel)[:3] == ["Antwoorden", "Scores", "Inhoud"]
    assert list(from_excel["Antwoorden"].columns) == list(ANSWER_COLUMNS)
    assert len(from_excel["Antwoorden"]) == saved
    assert list(from_excel["Scores"].columns) == list(SCORE_COLUMNS)
    assert len(from_excel["Scores"]) == 8 * 3 * 2 + 8 * 2


def test_answer_values_and_dont_know(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    werkplaats = storage.create_werkplaats(engine, name="Werkplaats Oost", held_on=TODAY, content=content)
    trio = storage.create_trio(
        engine, werkplaats_id=werkplaats.id, municipality="Gemeente Ærø", casus="Buurthuis"
    )
    first = storage.create_member(engine, trio_id=trio.id, role="sociaal")
    second = storage.create_member(engine, trio_id=trio.id, role="sociaal")
    storage.save_answers(engine, member_id=first.id, frame="nu", answers={"agenda": 5, "budget": None})
    storage.save_answer(engine, member_id=second.id, question_id="agenda", frame="gewenst", value=2)
    frames = werkplaats_export_frames(engine, werkplaats.id)
    answers = frames["Antwoorden"]
    assert answers["antwoord"].tolist() == [5, "weet ik niet", 2]
    role = model.role_name("sociaal")
    assert answers["triolid"].tolist() == [f"{role} 1", f"{role} 1", f"{role} 2"]
    assert set(answers["rol"]) == {role}
    assert answers["thema"].tolist()[0] == model.question("agenda").theme
    assert answers["as"].tolist()[0] == model.question("agenda").axis
    assert set(answers["werkplaats"]) == {"Werkplaats Oost"}
    assert set(answers["gemeente"]) == {"Gemeente Ærø"}
    assert set(answers["trio"]) == {trio.id}
    assert (
        str(answers["bijgewerkt"].dtype).startswith("datetime64") and answers["bijgewerkt"].dt.tz is not None
    )

    from_csv = read_csv(to_csv_bytes(answers))
    assert from_csv["antwoord"].astype(str).tolist() == ["5", "weet ik niet", "2"]
    assert set(from_csv["gemeente"]) == {"Gemeente Ærø"}
    excel = read_excel(to_excel_bytes(frames))["Antwoorden"]
    assert excel["antwoord"].tolist() == [5, "weet ik niet", 2]
    assert pd.api.types.is_datetime64_any_dtype(excel["bijgewerkt"])


def test_scores_match_scoring_group_result(
    engine: Engine, demo: storage.WerkplaatsRecord, model: scoring.Model
) -> None:
    scores = werkplaats_export_frames(engine, demo.id)["Scores"]
    answers = storage.werkplaats_answers(engine, demo.id)
    for entry in storage.werkplaats_members(engine, demo.id):
        result = scoring.group_result(
            model,
            [
                scoring.MemberInput(
                    member_id=str(m.id), role=m.role, label="", answers=answers[entry.trio.id][m.id]
                )
                for m in entry.members
            ],
        )
        rows = scores[scores["trio"] == entry.trio.id]
        assert rows["niveau"].tolist() == ["triolid"] * 6 + ["trio"] * 2
        for frame in scoring.FRAMES:
            group = result.frame(frame)
            (trio_row,) = rows[(rows["niveau"] == "trio") & (rows["moment"] == frame)].to_dict("records")
            assert trio_row["x"] == group.x and trio_row["y"] == group.y
            assert trio_row["onderling verschil x"] == group.spread_x and trio_row["onderling verschil y"] == group.spread_y
            assert trio_row["kwadrant"] == (model.quadrant(group.quadrant).name if group.quadrant else "")
            assert trio_row["gemeente"] == entry.trio.municipality
            member_rows = rows[(rows["niveau"] == "triolid") & (rows["moment"] == frame)]
            assert member_rows["x"].tolist() == [m.frame(frame).x for m in result.members]
            assert member_rows["beantwoord"].tolist() == [m.frame(frame).answered for m in result.members]
            assert member_rows["onderling verschil x"].isna().all()
            assert trio_row["beantwoord"] == sum(member_rows["beantwoord"])


def test_negative_scores_stay_numbers(engine: Engine, demo: storage.WerkplaatsRecord) -> None:
    frames = werkplaats_export_frames(engine, demo.id)
    scores = frames["Scores"]
    assert (scores["x"] < 0).any() and (scores["y"] < 0).any()

    from_csv = read_csv(to_csv_bytes(scores))
    for column in ("x", "y", "onderling verschil x", "onderling verschil y"):
        assert from_csv[column].dtype == "float64"
    assert (from_csv["x"] < 0).any()
    assert from_csv["x"].tolist() == pytest.approx(scores["x"].tolist(), nan_ok=True)

    from_excel = read_excel(to_excel_bytes(frames))["Scores"]
    assert from_excel["x"].dtype == "float64"
    assert from_excel["x"].tolist() == pytest.approx(scores["x"].tolist(), nan_ok=True)

    sheet = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(frames)))["Scores"]
    x_column = list(SCORE_COLUMNS).index("x") + 1
    negatives = [
        c
        for c in next(sheet.iter_cols(min_col=x_column, max_col=x_column, min_row=2))
        if c.value is not None and c.value < 0
    ]
    assert negatives and all(c.data_type == "n" for c in negatives)


def test_hostile_text_is_neutralised_in_csv_and_excel(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    werkplaats = hostile_werkplaats(engine, content)
    frames = werkplaats_export_frames(engine, werkplaats.id)
    answers_csv = read_csv(to_csv_bytes(frames["Antwoorden"]))
    scores_csv = read_csv(to_csv_bytes(frames["Scores"]))
    trios_csv = read_csv(to_csv_bytes(frames["Trio's"]))
    excel = read_excel(to_excel_bytes(frames))

    expected_municipalities = {neutralise_formula(text) for text in HOSTILE[:5]}
    assert expected_municipalities == {
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2+3",
        "'@SUM(A1)",
        "<script>alert(1)</script>",
    }
    for municipalities in (
        answers_csv["gemeente"],
        scores_csv["gemeente"].dropna(),
        trios_csv["gemeente"],
        excel["Antwoorden"]["gemeente"],
        excel["Trio's"]["gemeente"],
    ):
        assert set(municipalities) == expected_municipalities
    for casus in (trios_csv["casus"], excel["Trio's"]["casus"]):
        assert set(casus) == expected_municipalities
    assert set(answers_csv["werkplaats"]) == {"'@SUM(A1)"} == set(excel["Antwoorden"]["werkplaats"])
    # Display names sit inside the member label, after the role name: inert there.
    assert all(label.startswith("Wijkambtenaar") for label in answers_csv["triolid"])
    assert any('(=HYPERLINK("http://x"))' in label for label in excel["Antwoorden"]["triolid"])

    csv_frames = {"a": answers_csv, "s": scores_csv, "t": trios_csv}
    for frames_read in (csv_frames, excel):
        cells = list(text_cells(frames_read))
        assert cells
        assert not [c for c in cells if c.startswith(FORMULA_STARTS)]

    workbook = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(frames)))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


def test_tab_and_carriage_return_starts_are_neutralised() -> None:
    df = pd.DataFrame({"naam": ["\t=1", "\r@x", "gewoon"], "x": [-1.5, 0.0, 2.0]})
    from_csv = read_csv(to_csv_bytes(df))
    assert from_csv["naam"].tolist() == ["'\t=1", "'\r@x", "gewoon"]
    assert from_csv["x"].tolist() == [-1.5, 0.0, 2.0]
    from_excel = read_excel(to_excel_bytes({"Blad": df}))["Blad"]
    # XML reads a carriage return back as a line feed; what matters is the quote in front.
    assert from_excel["naam"].tolist()[0] == "'\t=1"
    assert from_excel["naam"].tolist()[1] in {"'\r@x", "'\n@x"}


def test_control_characters_do_not_break_the_excel_export(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    werkplaats = storage.create_werkplaats(engine, name="Bel\x07", held_on=TODAY, content=content)
    trio = storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality="Gemeente\x1b\x7fX")
    storage.create_member(engine, trio_id=trio.id, role="sociaal", display_name="A\x0bB")
    excel = read_excel(to_excel_bytes(werkplaats_export_frames(engine, werkplaats.id)))
    assert excel["Trio's"]["gemeente"].tolist() == ["Gemeente\x7fX"]


def test_exports_contain_no_tokens_or_codes(engine: Engine, demo: storage.WerkplaatsRecord) -> None:
    frames = werkplaats_export_frames(engine, demo.id)
    trios = storage.werkplaats_members(engine, demo.id)
    secrets = {m.token for t in trios for m in t.members} | {t.trio.code for t in trios} | {demo.join_code}
    csv_text = b"".join(to_csv_bytes(df) for df in frames.values()).decode("utf-8-sig")
    excel_cells = {
        str(v) for df in read_excel(to_excel_bytes(frames)).values() for col in df for v in df[col]
    }
    for secret in secrets:
        assert secret not in csv_text
        assert not any(secret in cell for cell in excel_cells)


def test_export_reads_the_database_in_a_few_queries(engine: Engine, content: scoring.ContentSnapshot) -> None:
    """However many trios: the werkplaats, its trios with members, its answers, its influence choices, and its
    chosen perspectives, actions and leervragen, and its bestuurders with their answers."""
    werkplaats = create_demo_werkplaats(engine, seed=1)
    storage.model_for_werkplaats(werkplaats)  # the content model is cached, as in the app
    with count_statements(engine) as statements:
        werkplaats_export_frames(engine, werkplaats.id)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 8


def test_unknown_werkplaats_is_not_found(engine: Engine) -> None:
    with pytest.raises(storage.NotFound):
        werkplaats_export_frames(engine, 4242)


def test_empty_werkplaats_exports_empty_tables(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = storage.create_werkplaats(engine, name="Leeg", held_on=TODAY, content=content)
    trio = storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality="Gemeente Leeg")
    storage.create_member(engine, trio_id=trio.id, role="sociaal")
    frames = werkplaats_export_frames(engine, werkplaats.id)
    assert frames["Antwoorden"].empty and list(frames["Antwoorden"].columns) == list(ANSWER_COLUMNS)
    scores = frames["Scores"]
    assert len(scores) == 4  # one member and the trio, both frames
    assert scores["x"].isna().all() and (scores["beantwoord"] == 0).all()
    assert read_csv(to_csv_bytes(frames["Antwoorden"])).empty
    excel = read_excel(to_excel_bytes(frames))
    assert excel["Antwoorden"].empty and list(excel["Antwoorden"].columns) == list(ANSWER_COLUMNS)
    assert len(excel["Scores"]) == 4


# --- Pure frames ----------------------------------------------------------------


def test_content_frame_lists_statements_and_quadrants(model: scoring.Model) -> None:
    df = content_frame(model)
    statements = df[df["soort"] == "stelling"]
    quadrants = df[df["soort"] == "kwadrant"]
    assert statements["id"].tolist() == [q.id for q in model.questions]
    assert quadrants["naam"].tolist() == [q.name for q in model.quadrants]
    first = statements.iloc[0]
    question = model.questions[0]
    assert (
        first["as"],
        first["thema"],
        first["laag"],
        first["hoog"],
        first["omgekeerd"],
        first["gewicht"],
    ) == (
        question.axis,
        question.theme,
        question.low,
        question.high,
        question.reverse,
        question.weight,
    )
    assert set(quadrants["x"]) == {"low", "high"}
    read_excel(to_excel_bytes({"Inhoud": df}))


def test_pure_frames_need_no_database(model: scoring.Model) -> None:
    now = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)
    werkplaats = storage.WerkplaatsRecord(
        id=1,
        name="W",
        held_on=TODAY,
        join_code="ACDEFG",
        standalone=False,
        content_hash="x",
        created_at=now,
        content_json="{}",
    )
    trio = storage.TrioRecord(
        id=7, werkplaats_id=1, municipality="-Min", casus="", code="CDEFGH", created_at=now
    )
    member = storage.MemberRecord(
        id=3, trio_id=7, role="sociaal", display_name="", created_at=now, token="t" * 32
    )
    trios = [storage.TrioMembers(trio=trio, members=(member,))]
    rows = [
        storage.AnswerRow(trio_id=7, member_id=3, question_id=q.id, frame="nu", value=1, updated_at=now)
        for q in model.questions
    ]
    answers = answers_frame(model, werkplaats, trios, rows)
    assert len(answers) == len(model.questions)
    scores = scores_frame(model, trios, rows)
    nu = scores[(scores["niveau"] == "triolid") & (scores["moment"] == "nu")].iloc[0]
    expected = scoring.score(model, {q.id: 1 for q in model.questions})
    assert math.isclose(nu["x"], expected.x) and math.isclose(nu["y"], expected.y)
    assert "t" * 32 not in to_csv_bytes(answers).decode("utf-8-sig")
    assert read_csv(to_csv_bytes(scores))["gemeente"].tolist()[0] == "'-Min"


def test_plek_says_the_quadrant_a_border_or_the_middle(model: scoring.Model) -> None:
    now = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)
    trio = storage.TrioRecord(id=7, werkplaats_id=1, municipality="Min", casus="", code="CDEFGH", created_at=now)
    members = tuple(
        storage.MemberRecord(id=i, trio_id=7, role="sociaal", display_name=name, created_at=now, token=name * 8)
        for i, name in ((1, "Anna"), (2, "Bert"))
    )
    # Anna: nu clearly in Zorgen voor, gewenst all middle answers. Bert: nu x high, y low; gewenst middle.
    points = model.scale.points
    middle = (points + 1) // 2

    def value(q: scoring.Question, x: int, y: int) -> int:
        v = x if q.axis == "x" else y
        return points + 1 - v if q.reverse else v

    rows = [
        storage.AnswerRow(trio_id=7, member_id=member_id, question_id=q.id, frame=frame,
                          value=value(q, *position), updated_at=now)
        for member_id, frame, position in (
            (1, "nu", (1, 1)), (2, "nu", (points, 1)), (1, "gewenst", (middle, middle)), (2, "gewenst", (middle, middle)),
        )
        for q in model.questions
    ]
    scores = scores_frame(model, [storage.TrioMembers(trio=trio, members=members)], rows)
    plek = {(r["niveau"], r["triolid"], r["moment"]): r["plek"] for r in scores.to_dict("records")}
    assert plek[("triolid", "Sectorambtenaar sociaal domein (Anna)", "nu")] == "Zorgen voor"
    assert plek[("triolid", "Sectorambtenaar sociaal domein (Anna)", "gewenst")] == "in het midden"
    assert plek[("trio", "", "nu")] == "op de grens van Doen met en Zorgen voor"  # x: mean of -1 and 1
    assert plek[("trio", "", "gewenst")] == "in het midden"
    assert read_csv(to_csv_bytes(scores))["plek"].tolist() == scores["plek"].tolist()


def test_excel_sheet_names_are_checked() -> None:
    with pytest.raises(ValueError, match="sheet name"):
        to_excel_bytes({"Naam/met:tekens": pd.DataFrame()})
    with pytest.raises(ValueError, match="at least one sheet"):
        to_excel_bytes({})


# --- Dutch for the facilitator (issue 12, item 13) ------------------------------------------------------


def test_column_names_are_dutch_and_documented() -> None:
    assert ANSWER_COLUMNS == ("werkplaats", "trio", "gemeente", "rol", "triolid", "stelling", "thema", "as",
                              "moment", "antwoord", "bijgewerkt")
    assert SCORE_COLUMNS == ("niveau", "trio", "gemeente", "rol", "triolid", "moment", "x", "y", "kwadrant",
                             "plek", "beantwoord", "onderling verschil x", "onderling verschil y")
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Exports"):]
    section = section[: section.index("\n## ", 1)]
    for sheet, columns in ((exports.SHEET_ANSWERS, ANSWER_COLUMNS), (exports.SHEET_SCORES, SCORE_COLUMNS),
                           (SHEET_CONTENT, CONTENT_COLUMNS), (exports.SHEET_TRIOS, exports.TRIO_COLUMNS)):
        (line,) = [row for row in section.splitlines() if row.startswith(f"| {sheet} |")]
        assert [c.strip("` ") for c in line.split("|")[2].split(",")] == list(columns), sheet


def test_times_are_dutch_clock_times_and_ids_stay_values(model: scoring.Model) -> None:
    winter = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)  # 11:00 in the Netherlands
    werkplaats = storage.WerkplaatsRecord(id=1, name="W", held_on=TODAY, join_code="ACDEFG", standalone=False,
                                          content_hash="x", created_at=winter, content_json="{}")
    trio = storage.TrioRecord(id=7, werkplaats_id=1, municipality="Gemeente Ede", casus="", code="CDEFGH",
                              created_at=winter)
    member = storage.MemberRecord(id=3, trio_id=7, role="sociaal", display_name="", created_at=winter, token="t" * 32)
    trios = [storage.TrioMembers(trio=trio, members=(member,))]
    question = model.questions[0]
    rows = [storage.AnswerRow(trio_id=7, member_id=3, question_id=question.id, frame="gewenst", value=None,
                              updated_at=winter)]
    answers = answers_frame(model, werkplaats, trios, rows)
    csv = read_csv(to_csv_bytes(answers))
    assert csv["bijgewerkt"].tolist() == ["2025-03-14 11:00:00"]
    excel = read_excel(to_excel_bytes({exports.SHEET_ANSWERS: answers}))[exports.SHEET_ANSWERS]
    assert excel["bijgewerkt"].tolist() == [pd.Timestamp("2025-03-14 11:00:00")]
    record = csv.to_dict("records")[0]
    assert (record["stelling"], record["as"], record["moment"], record["antwoord"]) == (
        question.id, question.axis, "gewenst", "weet ik niet"
    )
    scores = scores_frame(model, trios, rows)
    assert scores["niveau"].tolist() == ["triolid", "triolid", "trio", "trio"]


# --- Levels and influence choices -------------------------------------------------


def test_members_sheet_names_each_members_level(engine: Engine, demo: storage.WerkplaatsRecord) -> None:
    model = storage.model_for_werkplaats(demo)
    frames = werkplaats_export_frames(engine, demo.id)
    members = frames["Trioleden"]
    assert list(members.columns) == list(MEMBER_COLUMNS)
    stored = [(e.trio.id, m) for e in storage.werkplaats_members(engine, demo.id) for m in e.members]
    assert len(members) == len(stored) == 24
    assert all(m.level for _, m in stored)  # the demo gives every member a level
    assert members["werkniveau"].tolist() == [model.level(m.level).name for _, m in stored if m.level]
    assert members["trio"].tolist() == [trio_id for trio_id, _ in stored]
    excel = read_excel(to_excel_bytes(frames))["Trioleden"]
    assert excel["werkniveau"].tolist() == members["werkniveau"].tolist()
    assert set(excel["werkniveau"]) <= {"Uitvoering", "Strategie", "Bestuur"}


def test_influence_sheet_has_a_row_per_stored_choice(engine: Engine, demo: storage.WerkplaatsRecord) -> None:
    model = storage.model_for_werkplaats(demo)
    frames = werkplaats_export_frames(engine, demo.id)
    assert list(frames)[4:6] == ["Trioleden", "Invloed"]
    influence = frames["Invloed"]
    assert list(influence.columns) == list(INFLUENCE_COLUMNS)
    choices = storage.werkplaats_influence_choices(engine, demo.id)
    stored = [
        (trio_id, question_id, option_id)
        for trio_id, members in choices.items()
        for by_question in members.values()
        for question_id, option_id in sorted(by_question.items())
    ]
    assert len(influence) == len(stored) > 100
    assert list(zip(influence["trio"], influence["stelling"], influence["invloed"], strict=True)) == stored
    names = {o.id: o.name for o in model.influence.options} if model.influence else {}
    assert influence["wie kan iets veranderen"].tolist() == [names[o] for o in influence["invloed"]]
    labels = set(frames["Trioleden"]["triolid"])
    assert set(influence["triolid"]) <= labels

    from_csv = read_csv(to_csv_bytes(influence))
    assert list(from_csv.columns) == list(INFLUENCE_COLUMNS)
    assert from_csv["invloed"].tolist() == influence["invloed"].tolist()
    assert "Het bestuur" in set(from_csv["wie kan iets veranderen"])
    # Written in Dutch clock time, like the other sheets.
    first = influence["bijgewerkt"].iloc[0].tz_convert("Europe/Amsterdam").tz_localize(None)
    assert from_csv["bijgewerkt"].iloc[0] == str(first)
    excel = read_excel(to_excel_bytes(frames))["Invloed"]
    assert excel["stelling"].tolist() == influence["stelling"].tolist()
    assert pd.api.types.is_datetime64_any_dtype(excel["bijgewerkt"])


def test_level_and_influence_sheets_are_documented() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Exports") :]
    section = section[: section.index("\n## ", 1)]
    for sheet, columns in ((SHEET_MEMBERS, MEMBER_COLUMNS), (SHEET_INFLUENCE, INFLUENCE_COLUMNS)):
        (line,) = [row for row in section.splitlines() if row.startswith(f"| {sheet} |")]
        assert [c.strip("` ") for c in line.split("|")[2].split(",")] == list(columns), sheet


def test_influence_frames_without_a_level_or_with_an_option_since_removed(model: scoring.Model) -> None:
    now = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)
    trio = storage.TrioRecord(
        id=7, werkplaats_id=1, municipality="=Stad", casus="", code="CDEFGH", created_at=now
    )
    without = storage.MemberRecord(
        id=3, trio_id=7, role="sociaal", display_name="", created_at=now, token="t" * 32
    )
    gone = storage.MemberRecord(
        id=4, trio_id=7, role="fysiek", display_name="", created_at=now, token="u" * 32, level="oud_niveau"
    )
    trios = [storage.TrioMembers(trio=trio, members=(without, gone))]
    rows = [
        storage.InfluenceChoiceRow(
            trio_id=7, member_id=member_id, question_id="agenda", option_id=option_id, updated_at=now
        )
        for member_id, option_id in ((4, "wethouder"), (3, "bewoners"))
    ]
    members = members_frame(model, trios)
    assert members["werkniveau"].tolist() == ["", "oud_niveau"]
    influence = influence_frame(model, trios, rows)
    assert influence["wie kan iets veranderen"].tolist() == ["wethouder", "Bewoners zelf"]
    assert influence["werkniveau"].tolist() == ["oud_niveau", ""]
    assert read_csv(to_csv_bytes(influence))["gemeente"].tolist() == ["'=Stad", "'=Stad"]
    empty = influence_frame(model, trios, [])
    assert empty.empty and list(empty.columns) == list(INFLUENCE_COLUMNS)
