"""The shipped strategy frameworks, and how a broken framework file is refused."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from udviklingsplan_app.errors import FrameworkError
from udviklingsplan_app.framework import Framework, builtin_frameworks, load_framework_file
from udviklingsplan_app.framework_sources import get_framework

ROOT = Path(__file__).resolve().parent.parent
STRATEGIES = ROOT / "resources" / "strategies"
FILES = sorted(STRATEGIES.glob("*.json"))


def _strings(value: Any) -> Iterator[str]:
    """Every text in a JSON document, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _raw(name: str) -> dict[str, Any]:
    return json.loads((STRATEGIES / f"{name}.json").read_text(encoding="utf-8"))


# --- the shipped frameworks ----------------------------------------------------------------


def test_both_frameworks_ship_in_file_name_order() -> None:
    ids = [f.id for f in builtin_frameworks()]
    assert ids == ["socialstrategi-2018", "su-indsatsomraader-2023-2025"]


def test_socialstrategi_2018_has_the_four_visions_with_their_danish_titles() -> None:
    framework = get_framework("socialstrategi-2018")
    assert [v.title for v in framework.visions] == [
        "Et værdigt liv",
        "Et selvstændigt liv",
        "En helstøbt og langsigtet løsning",
        "En sund og fagligt stærk organisation",
    ]
    assert [v.group for v in framework.visions] == [
        "borger",
        "borger",
        "organisation",
        "organisation",
    ]
    assert {g[0] for g in framework.groups} == {"borger", "organisation"}


def test_socialstrategi_2018_counts_rules_and_cycle() -> None:
    framework = get_framework("socialstrategi-2018")
    assert sum(len(v.themes) for v in framework.visions) == 10
    assert sum(len(v.signs) for v in framework.visions) == 15
    assert (framework.goals_min, framework.goals_max) == (3, 5)
    assert framework.cover_every_vision is True
    assert framework.default_cycle_years == 4
    assert framework.terms.vision == "Vision"
    # Every theme and sign can be found again through the framework's look-ups.
    for vision in framework.visions:
        for theme in vision.themes:
            assert framework.theme(theme.id) == (vision, theme)
            assert theme.title.strip()
        for sign in vision.signs:
            assert framework.sign(sign.id) == sign
            assert sign.vision_id == vision.id
        assert framework.vision_by_title(vision.title) is vision


def test_su_indsatsomraader_2023_2025_counts_rules_and_terms() -> None:
    framework = get_framework("su-indsatsomraader-2023-2025")
    assert len(framework.visions) == 4
    assert sum(len(v.signs) for v in framework.visions) == 8
    assert framework.default_cycle_years == 3
    assert framework.terms.vision == "Indsatsområde"
    assert framework.terms.sign == "Målsætning"
    assert (framework.goals_min, framework.goals_max) == (3, 5)
    assert framework.cover_every_vision is True
    assert "Afskaffelse af hjemløshed i København" in [v.title for v in framework.visions]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_no_ocr_errors_in_any_text(path: Path) -> None:
    texts = list(_strings(json.loads(path.read_text(encoding="utf-8"))))
    assert len(texts) > 50
    problems = []
    for text in texts:
        if re.search(r"\btryk\b", text, re.IGNORECASE):
            problems.append(("tryk", text))
        for wrong in ("tætter ", "kikke", "uddannelsesstilbud", ".."):
            if wrong in text.lower():
                problems.append((wrong, text))
        if "INDHOLD" in text:
            problems.append(("INDHOLD", text))
    assert problems == []


def test_the_corrected_words_are_there() -> None:
    """The strategy's own wording with the seeds' OCR errors mended (DESIGN.md 8)."""
    text = " ".join(_strings(_raw("socialstrategi-2018")))
    assert re.search(r"\btryg\b", text)
    assert "kigge" in text


@pytest.mark.parametrize("framework", builtin_frameworks(), ids=lambda f: f.id)
def test_every_id_is_unique(framework: Framework) -> None:
    ids = [framework.id]
    for vision in framework.visions:
        ids.append(vision.id)
        ids += [t.id for t in vision.themes]
        ids += [s.id for s in vision.signs]
        ids += [p.id for p in vision.preconditions]
    assert len(ids) == len(set(ids))
    codes = [v.code for v in framework.visions]
    codes += [t.code for v in framework.visions for t in v.themes]
    codes += [s.code for v in framework.visions for s in (*v.signs, *v.preconditions)]
    assert len(codes) == len(set(codes))


def test_get_framework_unknown_names_the_known_ids() -> None:
    with pytest.raises(FrameworkError) as info:
        get_framework("ukendt")
    message = str(info.value)
    assert "»ukendt« kendes ikke" in message
    assert "socialstrategi-2018" in message
    assert "su-indsatsomraader-2023-2025" in message


# --- broken framework files ----------------------------------------------------------------


def _write(tmp_path: Path, data: Any, name: str = "ramme.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_valid_copy_loads(tmp_path: Path) -> None:
    framework = load_framework_file(_write(tmp_path, _raw("socialstrategi-2018")))
    assert framework == get_framework("socialstrategi-2018")


def test_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ramme.json"
    path.write_text("{ dette er ikke json", encoding="utf-8")
    with pytest.raises(FrameworkError) as info:
        load_framework_file(path)
    assert "ramme.json" in str(info.value)
    assert "ikke gyldig JSON" in str(info.value)


def test_missing_file_is_refused_in_danish(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError) as info:
        load_framework_file(tmp_path / "findes-ikke.json")
    assert "findes-ikke.json kan ikke læses" in str(info.value)


def test_missing_visions_names_the_field(tmp_path: Path) -> None:
    data = _raw("socialstrategi-2018")
    del data["visions"]
    with pytest.raises(FrameworkError) as info:
        load_framework_file(_write(tmp_path, data))
    assert "visions: feltet mangler" in str(info.value)
    assert "er ugyldig" in str(info.value)


def test_vision_without_title_names_the_field(tmp_path: Path) -> None:
    data = _raw("socialstrategi-2018")
    del data["visions"][2]["title"]
    with pytest.raises(FrameworkError) as info:
        load_framework_file(_write(tmp_path, data))
    assert "visions[2].title: feltet mangler" in str(info.value)


def test_duplicate_theme_id_names_the_field(tmp_path: Path) -> None:
    data = _raw("socialstrategi-2018")
    duplicate = copy.deepcopy(data["visions"][0]["themes"][0])
    duplicate["code"] = "V2.T9"
    data["visions"][1]["themes"].append(duplicate)
    with pytest.raises(FrameworkError) as info:
        load_framework_file(_write(tmp_path, data))
    message = str(info.value)
    assert "visions[1].themes[3].id" in message
    assert f"»{duplicate['id']}« står mere end én gang" in message


def test_unknown_group_names_the_field(tmp_path: Path) -> None:
    data = _raw("socialstrategi-2018")
    data["visions"][3]["group"] = "findes-ikke"
    with pytest.raises(FrameworkError) as info:
        load_framework_file(_write(tmp_path, data))
    message = str(info.value)
    assert "visions[3].group" in message
    assert "gruppen »findes-ikke« findes ikke" in message


def test_min_greater_than_max_names_the_field(tmp_path: Path) -> None:
    data = _raw("su-indsatsomraader-2023-2025")
    data["rules"]["goals_per_year"] = {"min": 6, "max": 4}
    with pytest.raises(FrameworkError) as info:
        load_framework_file(_write(tmp_path, data))
    message = str(info.value)
    assert "rules.goals_per_year" in message
    assert "min må ikke være større end max" in message
