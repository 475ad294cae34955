"""A goal's parts: actions, indicators with their measurements, and involvement."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..domain import Party
from ..errors import NotFoundError, ValidationError
from ..storage import models as m
from .base import goal_row, next_position, touch, transaction
from .values import check_values, choice


def _update_row(
    model: type[m.BaseModel], row_id: int, allowed: set[str], changes: dict[str, Any]
) -> Any:
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"ukendte felter: {', '.join(sorted(unknown))}")
    check_values(changes)
    row = model.get_or_none(model.id == row_id)
    if row is None:
        raise NotFoundError(f"Elementet med id {row_id} findes ikke længere.")
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()
    return row


def _add_part(model: type[m.BaseModel], goal_id: int, **values: Any) -> int:
    """A new action, indicator or involvement entry at the end of the goal's list."""
    check_values(values)
    goal = goal_row(goal_id)
    position = next_position(model, model.goal == goal)  # type: ignore[attr-defined]
    row = model.create(goal=goal, position=position, **values)
    touch(goal.plan_id)
    return int(row.id)


def _goal_plan_id(goal_id: int) -> int:
    return int(goal_row(goal_id).plan_id)


@transaction
def add_action(
    goal_id: int,
    text: str,
    responsible: str = "",
    deadline: dt.date | None = None,
    done: bool = False,
) -> int:
    return _add_part(
        m.Action, goal_id, text=text, responsible=responsible, deadline=deadline, done=done
    )


@transaction
def update_action(action_id: int, **changes: Any) -> None:
    row = _update_row(m.Action, action_id, {"text", "responsible", "deadline", "done"}, changes)
    touch(_goal_plan_id(row.goal_id))


@transaction
def delete_action(action_id: int) -> None:
    _delete_part(m.Action, action_id)


def _delete_part(model: type[m.BaseModel], row_id: int) -> None:
    row = model.get_or_none(model.id == row_id)
    if row is None:
        raise NotFoundError(f"Elementet med id {row_id} findes ikke længere.")
    plan_id = _goal_plan_id(row.goal_id)
    row.delete_instance()
    touch(plan_id)


def _indicator_values(values: dict[str, Any]) -> dict[str, Any]:
    """Checked name, baseline and target (those present): a name, and finite numbers."""
    checked: dict[str, Any] = {k: values[k] for k in ("name", "baseline", "target") if k in values}
    check_values(checked)
    if "name" in checked and not checked["name"].strip():
        raise ValidationError("En indikator skal have et navn.", "name")
    for key in ("baseline", "target"):
        if checked.get(key) is not None:
            checked[key] = float(checked[key])
    return checked


@transaction
def add_indicator(
    goal_id: int,
    name: str,
    unit: str = "",
    baseline: float | None = None,
    target: float | None = None,
) -> int:
    values = _indicator_values({"name": name, "baseline": baseline, "target": target})
    return _add_part(m.Indicator, goal_id, unit=unit, **values)


@transaction
def update_indicator(indicator_id: int, **changes: Any) -> None:
    changes.update(_indicator_values(changes))
    row = _update_row(m.Indicator, indicator_id, {"name", "unit", "baseline", "target"}, changes)
    touch(_goal_plan_id(row.goal_id))


@transaction
def delete_indicator(indicator_id: int) -> None:
    _delete_part(m.Indicator, indicator_id)


@transaction
def add_measurement(indicator_id: int, date: dt.date, value: float) -> int:
    indicator = m.Indicator.get_or_none(m.Indicator.id == indicator_id)
    if indicator is None:
        raise NotFoundError(f"Der er ingen indikator med id {indicator_id}.")
    check_values({"date": date, "value": value}, date_fields=("date",))
    row = m.Measurement.create(indicator=indicator, date=date, value=float(value))
    touch(_goal_plan_id(indicator.goal_id))
    return int(row.id)


@transaction
def update_measurement(
    measurement_id: int, *, date: dt.date | None = None, value: float | None = None
) -> None:
    """Change a measurement's date and/or value (``None`` leaves that one as it is)."""
    changes: dict[str, Any] = {}
    if date is not None:
        changes["date"] = date
    if value is not None:
        changes["value"] = value
    check_values(changes, date_fields=("date",))
    row = m.Measurement.get_or_none(m.Measurement.id == measurement_id)
    if row is None:
        raise NotFoundError(f"Målingen med id {measurement_id} findes ikke længere.")
    if "date" in changes:
        row.date = changes["date"]
    if "value" in changes:
        row.value = float(changes["value"])
    row.save()
    touch(_goal_plan_id(row.indicator.goal_id))


@transaction
def delete_measurement(measurement_id: int) -> None:
    row = m.Measurement.get_or_none(m.Measurement.id == measurement_id)
    if row is None:
        raise NotFoundError(f"Målingen med id {measurement_id} findes ikke længere.")
    plan_id = _goal_plan_id(row.indicator.goal_id)
    row.delete_instance()
    touch(plan_id)


@transaction
def add_involvement(
    goal_id: int, party: Party, date: dt.date | None = None, form: str = "", outcome: str = ""
) -> int:
    party_value = choice(Party, party).value
    return _add_part(
        m.Involvement, goal_id, party=party_value, date=date, form=form, outcome=outcome
    )


@transaction
def update_involvement(involvement_id: int, **changes: Any) -> None:
    if "party" in changes:
        changes["party"] = choice(Party, changes["party"]).value
    row = _update_row(m.Involvement, involvement_id, {"party", "date", "form", "outcome"}, changes)
    touch(_goal_plan_id(row.goal_id))


@transaction
def delete_involvement(involvement_id: int) -> None:
    _delete_part(m.Involvement, involvement_id)
