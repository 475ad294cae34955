"""The dialogue loop's services: a real export, answered as a manager would, previewed and stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import database_dump
from tests.test_manager_answer import (
    FORMULA,
    LONG,
    _column,
    _plan_comment_cell,
    _played,
    _row_of,
    another_plan,
    resaved_by_libreoffice,
)
from udviklingsplan_app import services
from udviklingsplan_app.domain import CommentAbout, Plan, Status
from udviklingsplan_app.errors import InputError, ValidationError
from udviklingsplan_app.exchange.excel import COMMENT_HEADER
from udviklingsplan_app.exchange.json_format import plan_from_data, plan_to_data, plan_to_json
from udviklingsplan_app.guidance import check_plan
from udviklingsplan_app.services import export_plan, manager_answers
from udviklingsplan_app.services.manager_answers import ItemKind, apply_answer, preview_answer

TODAY = dt.date(2027, 3, 10)
READ = dt.date(2027, 3, 20)


@pytest.fixture
def exported(example_plan_id: int, tmp_path: Path) -> tuple[Plan, Path]:
    target = tmp_path / "plan.xlsx"
    export_plan(example_plan_id, target, today=TODAY)
    return services.load_plan(example_plan_id), target


@pytest.fixture
def answered(exported: tuple[Plan, Path], tmp_path: Path) -> Path:
    plan, export = exported
    return _played(export, plan, tmp_path / "svar.xlsx")


def _all_stored(plan: Plan, answered: Path) -> manager_answers.AnswerPreview:
    """The answer read on READ, every ticked item stored; returns the preview."""
    assert plan.id is not None
    preview = preview_answer(plan.id, answered, today=READ)
    apply_answer(plan.id, preview, preview.ticked_keys)
    return preview


def _by_kind(items: list[manager_answers.PreviewItem]) -> dict[ItemKind, list[Any]]:
    kinds: dict[ItemKind, list[Any]] = {}
    for item in items:
        kinds.setdefault(item.kind, []).append(item)
    return kinds


def test_the_preview_shows_every_item_and_writes_nothing(
    exported: tuple[Plan, Path], answered: Path, db_path: Path
) -> None:
    plan, _ = exported
    before = database_dump(db_path)
    preview = preview_answer(plan.id, answered, today=READ)
    assert database_dump(db_path) == before
    kinds = _by_kind(preview.items)
    comments = {item.goal_uid: item for item in kinds[ItemKind.COMMENT]}
    assert comments[plan.goals[0].uid].text == FORMULA
    assert comments[plan.goals[0].uid].title == plan.goals[0].title
    assert comments[plan.goals[1].uid].text == LONG
    (status,) = kinds[ItemKind.STATUS]
    assert status.goal_uid == plan.goals[2].uid and status.suggested is Status.NAAET
    assert status.suggestion_text == (
        f"Din leder foreslår »Nået« – nu »{plan.goals[2].status.label}«"
    )
    (added,) = kinds[ItemKind.ADDED_ROW]
    assert (added.title, added.text) == ("Fælles kursus i ÆØÅ", "Et nyt mål, jeg foreslår.")
    (front,) = kinds[ItemKind.PLAN_COMMENT]
    assert front.text == "Fin plan.\nLad os tale om år 2."
    # Comments ticked, the status suggestion not.
    assert {item.kind for item in preview.items if item.ticked} == {
        ItemKind.COMMENT,
        ItemKind.ADDED_ROW,
        ItemKind.PLAN_COMMENT,
    }
    assert not any(item.changed_since for item in preview.items)
    # Goal by goal in the plan's order (the manager sorted the rows the other way round).
    assert [(i.kind, i.goal_uid) for i in preview.items] == [
        (ItemKind.PLAN_COMMENT, None),
        (ItemKind.COMMENT, plan.goals[0].uid),
        (ItemKind.COMMENT, plan.goals[1].uid),
        (ItemKind.STATUS, plan.goals[2].uid),
        (ItemKind.ADDED_ROW, None),
    ]
    assert preview.message == "Din leder har skrevet 4 kommentarer og 1 statusforslag i svar.xlsx."
    # The keys are stable: the same file read again gives the same items.
    assert [i.key for i in preview_answer(None, answered, today=READ).items] == [
        i.key for i in preview.items
    ]


def test_apply_stores_exactly_and_twice_adds_nothing(
    exported: tuple[Plan, Path], answered: Path
) -> None:
    plan, _ = exported
    assert plan.id is not None
    preview = preview_answer(plan.id, answered, today=READ)
    summary = apply_answer(plan.id, preview, preview.ticked_keys)
    assert (summary.comments, summary.statuses) == (4, 0)
    stored = services.load_plan(plan.id)
    first, second, third = stored.goals[0], stored.goals[1], stored.goals[2]
    (comment,) = first.manager_comments
    assert (comment.text, comment.received, comment.file_name, comment.export_id) == (
        FORMULA,
        READ,
        "svar.xlsx",
        preview.export_id,
    )
    assert comment.about is CommentAbout.GOAL and not comment.seen
    assert [c.text for c in second.manager_comments] == [LONG]
    assert third.manager_comments == [] and third.status is plan.goals[2].status  # not ticked
    assert [(c.about, c.title, c.text) for c in stored.manager_comments] == [
        (CommentAbout.PLAN, "", "Fin plan.\nLad os tale om år 2."),
        (CommentAbout.ADDED_ROW, "Fælles kursus i ÆØÅ", "Et nyt mål, jeg foreslår."),
    ]
    # The same answer again: nothing new, nothing added.
    again = preview_answer(plan.id, answered, today=READ)
    assert again.nothing_new and again.message == "Intet nyt i filen – den er læst ind før."
    assert len(again.read_before) == 5
    assert apply_answer(plan.id, again, []).comments == 0
    # Even the old preview applied again adds nothing.
    assert apply_answer(plan.id, preview, preview.ticked_keys).comments == 0
    assert services.load_plan(plan.id) == stored


def test_a_ticked_status_suggestion_sets_the_status_with_a_note(
    exported: tuple[Plan, Path], answered: Path
) -> None:
    plan, _ = exported
    assert plan.id is not None
    preview = preview_answer(plan.id, answered, today=READ)
    (status,) = [item for item in preview.items if item.kind is ItemKind.STATUS]
    summary = apply_answer(plan.id, preview, [status.key])
    assert (summary.comments, summary.statuses) == (0, 1)
    goal = services.load_plan(plan.id).goals[2]
    assert goal.status is Status.NAAET
    assert goal.status_history[-1].note == "Foreslået af din leder i svar.xlsx."


def test_undo_through_restore_plan_puts_the_comments_back_exactly(
    exported: tuple[Plan, Path], answered: Path
) -> None:
    plan, _ = exported
    assert plan.id is not None
    preview = preview_answer(plan.id, answered, today=READ)
    before = services.load_plan(plan.id)
    apply_answer(plan.id, preview, [i.key for i in preview.items])
    after = services.load_plan(plan.id)
    goal = next(g for g in after.goals if g.manager_comments)
    assert goal.id is not None
    manager_answers.mark_comments_seen(goal.id)
    seen = services.load_plan(plan.id)
    services.restore_plan(plan.id, before)  # undo
    assert plan_to_data(services.load_plan(plan.id)) == plan_to_data(before)
    services.restore_plan(plan.id, seen)  # redo
    restored = services.load_plan(plan.id)
    assert plan_to_data(restored) == plan_to_data(seen)
    assert [[(c.text, c.seen) for c in g.manager_comments] for g in restored.goals] == [
        [(c.text, c.seen) for c in g.manager_comments] for g in seen.goals
    ]


def test_a_goal_edited_or_deleted_since_the_export(
    exported: tuple[Plan, Path], answered: Path
) -> None:
    plan, _ = exported
    assert plan.id is not None and plan.goals[0].id is not None and plan.goals[1].id is not None
    services.update_goal(plan.goals[0].id, title="Et nyt navn")
    services.delete_goal(plan.goals[1].id)
    preview = preview_answer(plan.id, answered, today=READ)
    edited = next(i for i in preview.items if i.goal_uid == plan.goals[0].uid)
    assert edited.changed_since and edited.title == "Et nyt navn"
    assert edited.exported_title == plan.goals[0].title
    assert f"da det hed »{plan.goals[0].title}«" in edited.line()
    (deleted,) = [i for i in preview.items if i.kind is ItemKind.DELETED_GOAL]
    assert (deleted.title, deleted.text, deleted.ticked) == (plan.goals[1].title, LONG, True)
    apply_answer(plan.id, preview, preview.ticked_keys)
    stored = services.load_plan(plan.id)
    quoted = next(c for c in stored.manager_comments if c.about is CommentAbout.DELETED_GOAL)
    assert (quoted.title, quoted.text, quoted.goal_uid) == (
        plan.goals[1].title,
        LONG,
        plan.goals[1].uid,
    )
    assert quoted.quoted.startswith(f"»{plan.goals[1].title}«: ")
    assert preview_answer(plan.id, answered, today=READ).nothing_new


def test_a_goal_deleted_between_preview_and_apply_keeps_its_comment_on_the_plan(
    exported: tuple[Plan, Path], answered: Path
) -> None:
    plan, _ = exported
    assert plan.id is not None and plan.goals[0].id is not None
    preview = preview_answer(plan.id, answered, today=READ)
    services.delete_goal(plan.goals[0].id)
    apply_answer(plan.id, preview, preview.ticked_keys)
    stored = services.load_plan(plan.id)
    assert any(
        c.about is CommentAbout.DELETED_GOAL and c.text == FORMULA for c in stored.manager_comments
    )


def test_another_plans_export_is_refused_naming_its_workplace(
    exported: tuple[Plan, Path], answered: Path
) -> None:
    plan, _ = exported
    other = another_plan()
    with pytest.raises(InputError, match=f"eksport af planen for {plan.workplace}, ikke af"):
        preview_answer(other, answered)
    assert plan.id is not None
    services.delete_plan(plan.id)
    with pytest.raises(InputError, match="som ikke findes i denne database"):
        preview_answer(None, answered)


def test_apply_refuses_unknown_keys_and_another_plan(
    exported: tuple[Plan, Path], answered: Path
) -> None:
    plan, _ = exported
    assert plan.id is not None
    preview = preview_answer(plan.id, answered, today=READ)
    with pytest.raises(ValidationError):
        apply_answer(plan.id, preview, ["comment:nej"])
    with pytest.raises(ValidationError):
        apply_answer(plan.id + 1, preview, preview.ticked_keys)
    assert all(not g.manager_comments for g in services.load_plan(plan.id).goals)


def test_characters_xml_cannot_hold_are_removed(
    exported: tuple[Plan, Path], tmp_path: Path
) -> None:
    plan, export = exported
    assert plan.id is not None
    workbook = openpyxl.load_workbook(export)
    ws = workbook["Udviklingsmål"]
    # openpyxl refuses to write them, so the manager's program could not either; a lone
    # surrogate pasted is the one that can arrive: the reader keeps text as given.
    ws.cell(row=_row_of(ws, plan.goals[0].uid), column=_column(ws, COMMENT_HEADER)).value = "ok"
    workbook.save(tmp_path / "svar.xlsx")
    assert manager_answers.clean_text("a\x00b\x1fc\ud800d\tæ\n") == "abcd\tæ\n"


def test_the_comments_travel_in_the_json_format(
    exported: tuple[Plan, Path], answered: Path
) -> None:
    plan, _ = exported
    preview = _all_stored(plan, answered)
    stored = services.load_plan(plan.id)
    text = plan_to_json(stored)
    data = plan_to_data(stored)
    assert data["plan"]["goals"][0]["manager_comments"][0] == {
        "text": FORMULA,
        "received": "2027-03-20",
        "file": "svar.xlsx",
        "export": preview.export_id,
        "about": "goal",
        "title": "",
        "goal": "",
        "seen": False,
    }
    assert plan_to_json(plan_from_data(data)) == text
    # The smallest comment a hand-made file may hold.
    data["plan"]["goals"][1]["manager_comments"] = [{"text": "Godt", "received": "2027-01-02"}]
    (comment,) = plan_from_data(data).goals[1].manager_comments
    assert (comment.text, comment.received, comment.about) == (
        "Godt",
        dt.date(2027, 1, 2),
        CommentAbout.GOAL,
    )
    data["plan"]["manager_comments"][0]["about"] = "goal"
    with pytest.raises(ValidationError, match=r"plan\.manager_comments\[0\]\.about"):
        plan_from_data(data)


def test_guidance_tells_of_unseen_comments_until_they_are_seen(
    exported: tuple[Plan, Path], answered: Path
) -> None:
    plan, _ = exported
    _all_stored(plan, answered)
    framework = services.plan_framework(plan.id)

    def tips() -> list[str]:
        findings = check_plan(services.load_plan(plan.id), framework, READ)
        return [f.message for f in findings if "Din leder har" in f.message]

    assert tips() == [
        "Din leder har kommenteret 2 mål. Læs kommentarerne under målene.",
        "Din leder har skrevet 2 kommentarer til planen. Læs dem på siden Dialoger.",
    ]
    for goal in services.load_plan(plan.id).goals:
        if goal.manager_comments:
            assert goal.id is not None
            manager_answers.mark_comments_seen(goal.id)
    manager_answers.mark_plan_comments_seen(plan.id)
    assert tips() == []


def test_a_copy_resaved_by_libreoffice_is_read_before(
    exported: tuple[Plan, Path], answered: Path, tmp_path: Path, db_path: Path
) -> None:
    plan, _ = exported
    assert plan.id is not None
    resaved = resaved_by_libreoffice(answered, tmp_path)
    _all_stored(plan, answered)
    before = database_dump(db_path)
    again = preview_answer(plan.id, resaved, today=READ)
    assert again.nothing_new, [i.line() for i in again.items]
    assert apply_answer(plan.id, again, [i.key for i in again.items]).comments == 0
    assert database_dump(db_path) == before


def test_the_managers_address_is_checked_and_stored(example_plan_id: int) -> None:
    services.update_plan(example_plan_id, manager_email=" bente.holm@sof.kk.dk ")
    assert services.load_plan(example_plan_id).manager.email == "bente.holm@sof.kk.dk"
    for bad in ("bente", "bente@", "bente holm@kk.dk", "a@b", "a@@kk.dk", "<a@kk.dk>"):
        with pytest.raises(ValidationError, match="ikke en gyldig e-mailadresse"):
            services.update_plan(example_plan_id, manager_email=bad)
    services.update_plan(example_plan_id, manager_email="")
    assert services.load_plan(example_plan_id).manager.email == ""
    data = plan_to_data(services.load_plan(example_plan_id))
    assert "email" not in data["plan"]["manager"]  # files from before stay the same
    data["plan"]["manager"]["email"] = "Bo@kk.dk"
    assert plan_from_data(data).manager.email == "Bo@kk.dk"
    data["plan"]["manager"]["email"] = "ikke en adresse"
    with pytest.raises(ValidationError, match=r"plan\.manager\.email"):
        plan_from_data(data)


def test_the_front_sheet_comment_alone_is_one_item(
    exported: tuple[Plan, Path], tmp_path: Path
) -> None:
    plan, export = exported
    workbook = openpyxl.load_workbook(export)
    _plan_comment_cell(workbook["Forside"]).value = "Kun denne."
    workbook.save(tmp_path / "svar.xlsx")
    preview = preview_answer(plan.id, tmp_path / "svar.xlsx", today=READ)
    assert [(i.kind, i.text) for i in preview.items] == [(ItemKind.PLAN_COMMENT, "Kun denne.")]
    untouched = preview_answer(plan.id, export, today=READ)
    assert (
        untouched.items == [] and untouched.message == "Din leder har ikke skrevet noget i filen."
    )


def test_the_next_export_shows_the_earlier_comments(
    exported: tuple[Plan, Path], answered: Path, tmp_path: Path
) -> None:
    from udviklingsplan_app.exchange.excel import EARLIER_HEADER, ID_HEADER

    plan, _ = exported
    _all_stored(plan, answered)
    again = tmp_path / "igen.xlsx"
    export_plan(plan.id, again, today=READ)
    workbook = openpyxl.load_workbook(again)
    ws = workbook["Udviklingsmål"]
    earlier, ids = _column(ws, EARLIER_HEADER), _column(ws, ID_HEADER)
    assert earlier == _column(ws, COMMENT_HEADER) - 1 and ids == earlier + 2
    cell = ws.cell(row=_row_of(ws, plan.goals[0].uid), column=earlier)
    assert cell.value == f"20. marts 2027: {FORMULA}" and cell.data_type == "s"
    assert ws.cell(row=_row_of(ws, plan.goals[3].uid), column=earlier).value is None
    front = [c.value for row in workbook["Forside"].iter_rows() for c in row if c.value]
    assert "Tidligere kommentarer til planen" in front
    assert "20. marts 2027: Fin plan.\nLad os tale om år 2." in front
    assert "20. marts 2027: »Fælles kursus i ÆØÅ«: Et nyt mål, jeg foreslår." in front
    # The earlier comments are not read back as new ones.
    assert preview_answer(plan.id, again, today=READ).items == []


def test_export_import_export_keeps_the_comments_identical(
    exported: tuple[Plan, Path], answered: Path, tmp_path: Path
) -> None:
    from udviklingsplan_app.storage import close_db, init_db

    plan, _ = exported
    assert plan.id is not None
    services.update_plan(plan.id, manager_email="henrik.lund@sof.kk.dk")
    _all_stored(plan, answered)
    text = plan_to_json(services.load_plan(plan.id))
    init_db(tmp_path / "anden.db")  # another computer: the file for handover
    try:
        from udviklingsplan_app.exchange.json_format import read_plan_file

        path = tmp_path / "plan.json"
        path.write_text(text, encoding="utf-8")
        new_id = services.import_plan(read_plan_file(path))
        assert plan_to_json(services.load_plan(new_id)) == text
    finally:
        close_db()


def test_a_row_added_with_only_a_title_is_kept_quoted(
    exported: tuple[Plan, Path], tmp_path: Path
) -> None:
    plan, export = exported
    assert plan.id is not None
    workbook = openpyxl.load_workbook(export)
    ws = workbook["Udviklingsmål"]
    ws.cell(row=ws.max_row + 1, column=_column(ws, "Udviklingsmål"), value="Mere tid til MED")
    workbook.save(tmp_path / "svar.xlsx")
    preview = preview_answer(plan.id, tmp_path / "svar.xlsx", today=READ)
    (item,) = preview.items
    assert item.line() == "Ny række fra din leder »Mere tid til MED«"
    apply_answer(plan.id, preview, preview.ticked_keys)
    (comment,) = services.load_plan(plan.id).manager_comments
    assert (comment.about, comment.title, comment.text) == (
        CommentAbout.ADDED_ROW,
        "Mere tid til MED",
        "",
    )
    assert comment.quoted == "»Mere tid til MED«"
    assert preview_answer(plan.id, tmp_path / "svar.xlsx", today=READ).nothing_new
