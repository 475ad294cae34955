"""The manager's overview: a folder of plans made with the program's own exports, rolled up."""

from __future__ import annotations

import copy
import datetime as dt
import os
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import EXAMPLE
from udviklingsplan_app.domain import DialogueKind, Plan, Status
from udviklingsplan_app.exchange.excel import write_workbook
from udviklingsplan_app.exchange.json_format import read_plan_file, write_plan_file
from udviklingsplan_app.exchange.rollup_excel import (
    EMPTY_CELL,
    GOAL_HEADERS,
    UNCOVERED,
    write_rollup_workbook,
)
from udviklingsplan_app.framework_sources import get_framework
from udviklingsplan_app.rollup import Filter, overview, read_plans, summary_text

TODAY = dt.date(2027, 3, 10)
V1, V2, V3, V4 = "vaerdigt-liv", "selvstaendigt-liv", "helstoebt-loesning", "sund-organisation"


def _plan(uid: str, workplace: str, leader: str, level: int = 3) -> Plan:
    plan = read_plan_file(EXAMPLE)
    plan.uid = uid
    plan.workplace = workplace
    plan.leader.name = leader
    plan.level = level
    return plan


def _xlsx(plan: Plan, path: Path, exported: dt.date) -> Path:
    write_workbook(plan, get_framework(plan.framework_id), path, today=exported)
    return path


def _zip_bomb(path: Path) -> Path:
    """A small zip whose one sheet unpacks to 50 MiB (far beyond the gate's ratio)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (50 * 1024 * 1024) + b"</a>")
    return path


@pytest.fixture
def plans(tmp_path: Path) -> dict[str, object]:
    """A manager's folder: four units (one as JSON), an older copy of one, and five bad files."""
    folder = tmp_path / "planer"
    folder.mkdir()
    alfa = _plan("plan-alfa", "Alfa Hjemmepleje", "Anne Alfa", level=3)
    alfa_old = copy.deepcopy(alfa)
    alfa_old.goals = alfa_old.goals[:2]  # the older export had fewer goals
    beta = _plan("plan-beta", "Beta Bosted", "Bo Beta", level=4)
    beta.goals = [g for g in beta.goals if g.vision == V1]  # only vision 1
    beta.dialogues = beta.dialogues[:1]
    gamma = _plan("plan-gamma", "Gamma Center", "Gitte Gamma", level=2)
    gamma.first_year = 2025  # another cycle, and an old export
    delta = _plan("plan-delta", "Delta Dagtilbud", "Dan Delta", level=3)
    delta.goals = [g for g in delta.goals if g.vision in (V1, V2)]
    _xlsx(alfa, folder / "alfa.xlsx", dt.date(2027, 3, 1))
    _xlsx(alfa_old, folder / "alfa gammel.xlsx", dt.date(2027, 1, 5))
    write_plan_file(beta, folder / "beta.json")
    _xlsx(gamma, folder / "gamma.xlsx", dt.date(2026, 9, 1))
    _xlsx(delta, folder / "delta.xlsx", dt.date(2027, 2, 20))
    # Refused: damaged, foreign, zip bomb, broken JSON; and a text file named directly.
    data = (folder / "alfa.xlsx").read_bytes()
    (folder / "beskadiget.xlsx").write_bytes(data[: len(data) // 2])
    foreign = openpyxl.Workbook()
    foreign.active["A1"] = "Budget 2027"
    foreign.save(folder / "budget.xlsx")
    _zip_bomb(folder / "bombe.xlsx")
    (folder / "ødelagt.json").write_text('{"format": "udviklingsplan", ', encoding="utf-8")
    (folder / "noter.txt").write_text("Husk mødet", encoding="utf-8")
    (folder / "~$alfa.xlsx").write_bytes(b"lock")  # Excel's lock file: skipped
    sub = folder / "arkiv"
    sub.mkdir()
    _xlsx(delta, sub / "delta kopi.xlsx", dt.date(2027, 3, 2))  # subfolders are not read
    return {"folder": folder, "alfa": alfa, "beta": beta, "gamma": gamma, "delta": delta}


def _rolled(plans: dict[str, object]):
    folder = plans["folder"]
    assert isinstance(folder, Path)
    return read_plans([folder, folder / "noter.txt"], today=TODAY)


def test_each_unit_counts_its_goals_per_vision_as_the_leader_wrote_them(plans) -> None:
    rollup = _rolled(plans)
    assert [u.workplace for u in rollup.units] == [
        "Alfa Hjemmepleje",
        "Beta Bosted",
        "Delta Dagtilbud",
        "Gamma Center",
    ]
    view = overview(rollup)
    for row in view.rows:
        plan = plans[row.unit.workplace.split()[0].lower()]
        assert isinstance(plan, Plan)
        expected = Counter(g.vision for g in plan.goals)
        assert {v: len(goals) for v, goals in row.cells.items()} == {
            v: expected.get(v, 0) for v in (V1, V2, V3, V4)
        }
        assert row.statuses == {s: sum(g.status is s for g in plan.goals) for s in Status}
        assert row.unit.leader == plan.leader.name and row.unit.level == plan.level
        held = sum(d.held is not None for d in plan.dialogues)
        assert row.dialogues_held == held
    beta = next(r for r in view.rows if r.unit.workplace == "Beta Bosted")
    assert beta.missing == (V2, V3, V4)
    assert beta.cells[V1] and not beta.cells[V2]
    assert view.uncovered == ()


def test_a_year_filter_shows_that_year_and_names_the_visions_no_unit_covers(plans) -> None:
    rollup = _rolled(plans)
    beta_only = read_plans([plans["folder"] / "beta.json"], today=TODAY)  # type: ignore[operator]
    beta = plans["beta"]
    assert isinstance(beta, Plan)
    year = beta.goals[0].year
    view = overview(beta_only, Filter(year=year))
    assert view.count(V1) == sum(g.year == year for g in beta.goals) > 0
    assert view.uncovered == (V2, V3, V4)
    by_status = overview(rollup, Filter(status=Status.NAAET, vision=V4))
    assert [c.id for c in by_status.columns] == [V4]
    alfa = plans["alfa"]
    assert isinstance(alfa, Plan)
    row = next(r for r in by_status.rows if r.unit.workplace == "Alfa Hjemmepleje")
    assert [g.title for g in row.cells[V4]] == [
        g.title for g in alfa.goals if g.vision == V4 and g.status is Status.NAAET
    ]


def test_old_exports_and_another_cycle_are_marked(plans) -> None:
    view = overview(_rolled(plans))
    marks = {row.unit.workplace: row.marks for row in view.rows}
    assert view.common_cycle == (2026, 4)
    assert marks["Alfa Hjemmepleje"] == ()
    assert marks["Gamma Center"] == (
        "Gammel eksport: 01-09-2026 (190 dage siden)",
        "Anden cyklus: 2025–2028 (de fleste: 2026–2029)",
    )


def test_the_newer_export_of_a_plan_counts_and_the_older_is_listed_as_replaced(plans) -> None:
    rollup = _rolled(plans)
    alfa = next(u for u in rollup.units if u.plan_uid == "plan-alfa")
    assert alfa.file_name == "alfa.xlsx"
    assert len(alfa.goals) == len(plans["alfa"].goals)  # type: ignore[attr-defined]
    assert [(r.path.name, r.by.name) for r in rollup.replaced] == [
        ("alfa gammel.xlsx", "alfa.xlsx")
    ]
    assert (
        "nyere udgave af samme plan (alfa.xlsx, eksporteret 1. marts 2027)"
        in rollup.replaced[0].reason
    )


def test_the_same_export_saved_twice_counts_once_and_is_not_called_newer(
    plans, tmp_path: Path
) -> None:
    folder = plans["folder"]
    assert isinstance(folder, Path)
    copy_ = folder / "delta (1).xlsx"
    copy_.write_bytes((folder / "delta.xlsx").read_bytes())  # the attachment saved twice
    rollup = _rolled(plans)
    assert [u.plan_uid for u in rollup.units].count("plan-delta") == 1
    twice = next(r for r in rollup.replaced if r.unit.plan_uid == "plan-delta")
    assert "nyere" not in twice.reason
    assert twice.reason.startswith("Samme eksport som delta")
    assert "tælles kun med én gang" in twice.reason
    older = next(r for r in rollup.replaced if r.unit.plan_uid == "plan-alfa")
    assert "nyere udgave" in older.reason  # a truly older export keeps its reason
    assert summary_text(rollup).startswith(
        "4 planer læst, 1 erstattet af en nyere, 1 kopi af samme eksport, "
    )


def test_a_newer_json_file_replacing_a_workbook_is_said_to_be_saved_not_exported(
    plans,
) -> None:
    folder = plans["folder"]
    assert isinstance(folder, Path)
    newer = folder / "alfa ny.json"
    write_plan_file(plans["alfa"], newer)  # type: ignore[arg-type]
    saved = dt.datetime(2027, 3, 5, 12, 0).timestamp()
    os.utime(newer, (saved, saved))
    rollup = _rolled(plans)
    old = next(r for r in rollup.replaced if r.path.name == "alfa.xlsx")
    assert old.reason == (
        "Erstattet af en nyere udgave af samme plan (alfa ny.json, gemt 5. marts 2027)."
    )


def test_files_that_cannot_be_read_are_listed_with_their_reason(plans) -> None:
    rollup = _rolled(plans)
    reasons = {r.path.name: r.reason for r in rollup.refused}
    assert set(reasons) == {
        "beskadiget.xlsx",
        "budget.xlsx",
        "bombe.xlsx",
        "ødelagt.json",
        "noter.txt",
    }
    assert "beskadiget" in reasons["beskadiget.xlsx"]
    assert "ikke en udviklingsplan fra programmet" in reasons["budget.xlsx"]
    assert "pakker sig ud til langt mere" in reasons["bombe.xlsx"]
    assert "JSON" in reasons["ødelagt.json"] or "ødelagt.json" in reasons["ødelagt.json"]
    assert "hverken en Excel-projektmappe" in reasons["noter.txt"]
    assert rollup.ignored == 2  # the lock file and the text file; the subfolder not at all
    assert all("delta kopi" not in u.file_name for u in rollup.units)


def test_a_workbook_from_a_newer_version_is_refused(plans, tmp_path: Path) -> None:
    source = plans["folder"] / "delta.xlsx"  # type: ignore[operator]
    workbook = openpyxl.load_workbook(source)
    sheet = workbook["Udviklingsplan-data"]
    for row in sheet.iter_rows(max_col=2):
        if row[0].value == "version":
            row[1].value = 99
    workbook.save(tmp_path / "ny.xlsx")
    rollup = read_plans([tmp_path / "ny.xlsx"], today=TODAY)
    assert not rollup.units
    assert "nyere udgave af programmet" in rollup.refused[0].reason


def test_progress_is_told_after_each_file_and_stop_leaves_the_rest_unread(plans) -> None:
    seen: list[tuple[int, int, str]] = []
    rollup = read_plans(
        [plans["folder"]],  # type: ignore[list-item]
        today=TODAY,
        progress=lambda done, total, name: seen.append((done, total, name)),
        should_stop=lambda: len(seen) >= 3,
    )
    assert [s[0] for s in seen] == [1, 2, 3]
    assert {s[1] for s in seen} == {9}
    assert rollup.stopped
    assert len(rollup.unread) == 6
    assert len(rollup.units) + len(rollup.refused) + len(rollup.replaced) == 3


def test_the_manager_s_own_plan_stands_beside_the_units_per_vision(plans) -> None:
    mine = _plan("plan-chef", "Centerledelsen", "Chef")
    view = overview(_rolled(plans), Filter(year=2027), manager_plan=mine)
    assert view.manager is not None
    assert {v: len(g) for v, g in view.manager.items()} == {
        v: sum(g.vision == v and g.year == 2027 for g in mine.goals) for v in (V1, V2, V3, V4)
    }


def test_the_combined_workbook_shows_the_same_counts_goals_dialogues_and_files(
    plans, tmp_path: Path
) -> None:
    rollup = _rolled(plans)
    target = write_rollup_workbook(rollup, tmp_path / "Samlet overblik.xlsx", today=TODAY)
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Overblik", "Mål", "Dialoger", "Filer"]
    ws = workbook["Overblik"]
    header = [c.value for c in ws[1]]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    for name, key in (("Alfa Hjemmepleje", "alfa"), ("Beta Bosted", "beta")):
        plan = plans[key]
        assert isinstance(plan, Plan)
        for vision in get_framework(plan.framework_id).visions:
            text = rows[name][header.index(f"{vision.code} {vision.title}")].value
            count = sum(g.vision == vision.id for g in plan.goals)
            assert text == EMPTY_CELL if count == 0 else text.startswith(f"{count} mål\n•")
    totals = rows["I alt"]
    assert all(UNCOVERED not in str(c.value) for c in totals)

    goals = workbook["Mål"]
    assert tuple(c.value for c in goals[1]) == GOAL_HEADERS
    expected = sum(len(p.goals) for k, p in plans.items() if k != "folder")  # type: ignore[attr-defined]
    assert goals.max_row - 1 == expected
    first = [c.value for c in goals[2]]
    assert first[:3] == ["Alfa Hjemmepleje", "Anne Alfa", 3]
    assert first[4].startswith("V") and first[9] == "alfa.xlsx"
    assert goals.print_title_rows == "$1:$1" and goals.page_setup.orientation == "landscape"

    dialogues = workbook["Dialoger"]
    assert dialogues.max_row - 1 == sum(len(u.dialogues) for u in rollup.units)
    assert {r[3].value for r in dialogues.iter_rows(min_row=2)} <= {k.label for k in DialogueKind}

    files = {r[0].value: (r[1].value, r[2].value) for r in workbook["Filer"].iter_rows(min_row=2)}
    assert files["alfa gammel.xlsx"][0] == "Erstattet"
    assert files["bombe.xlsx"][0] == "Afvist"
    assert files["beta.json"][0] == "Læst"
    assert len(files) == 10


def test_formula_like_titles_stay_text_in_the_combined_workbook(tmp_path: Path) -> None:
    plan = _plan("plan-x", "=cmd|' /C calc'!A0", "@Leder")
    plan.goals[0].title = '=HYPERLINK("http://x")'
    _xlsx(plan, tmp_path / "x.xlsx", dt.date(2027, 3, 1))
    rollup = read_plans([tmp_path / "x.xlsx"], today=TODAY)
    target = write_rollup_workbook(rollup, tmp_path / "ud.xlsx", today=TODAY)
    goals = openpyxl.load_workbook(target)["Mål"]
    cells = [c for row in goals.iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert goals["A2"].value == "=cmd|' /C calc'!A0"


def test_the_command_line_prints_a_line_per_file_and_a_summary(plans, cli, tmp_path: Path) -> None:
    folder = plans["folder"]
    out = tmp_path / "samlet.xlsx"
    result = cli("rollup", str(folder), str(folder / "noter.txt"), "--out", str(out))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == 10
    assert sum(line.startswith("Læst\t") for line in lines) == 4
    assert "Erstattet\talfa gammel.xlsx\t" in result.out
    assert sum(line.startswith("Afvist\t") for line in lines) == 5
    assert "4 planer læst, 1 erstattet af en nyere, 5 afvist." in result.err
    assert openpyxl.load_workbook(out).sheetnames[0] == "Overblik"


def test_the_command_line_exits_2_when_no_plan_could_be_read(plans, cli, tmp_path: Path) -> None:
    folder = plans["folder"]
    out = tmp_path / "samlet.xlsx"
    result = cli(
        "rollup", str(folder / "budget.xlsx"), str(folder / "bombe.xlsx"), "--out", str(out)
    )
    assert result.code == 2
    assert result.out.count("Afvist\t") == 2
    assert "Ingen plan kunne læses" in result.err and "Traceback" not in result.err
    assert not out.exists()
    assert os.listdir(tmp_path).count("samlet.xlsx") == 0


def test_a_unit_carries_its_situation_and_dialogues_for_the_read_only_view(plans) -> None:
    rollup = _rolled(plans)
    alfa = next(u for u in rollup.units if u.plan_uid == "plan-alfa")
    beta = next(u for u in rollup.units if u.plan_uid == "plan-beta")  # from the JSON file
    for unit, key in ((alfa, "alfa"), (beta, "beta")):
        plan = plans[key]
        assert isinstance(plan, Plan)
        assert unit.situation == {s: t for s, t in plan.situation.items() if t}
        assert [(d.year, d.kind, d.planned, d.held) for d in unit.dialogues] == [
            (d.year, d.kind, d.planned, d.held) for d in plan.dialogues
        ]
    assert alfa.situation  # the example has a situation
    assert not alfa.exported_from_file_time and beta.exported_from_file_time
