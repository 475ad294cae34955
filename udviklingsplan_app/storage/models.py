"""peewee models: one table per part of the plan. The schema itself is made by migrations."""

from __future__ import annotations

import peewee as pw

db_proxy = pw.DatabaseProxy()


class BaseModel(pw.Model):
    # peewee adds these at run time; the annotations tell type checkers about them.
    id: int
    plan_id: int
    goal_id: int
    indicator_id: int
    carried_over_from_id: int | None
    position: int

    class Meta:
        database = db_proxy
        legacy_table_names = False


def _new_uid() -> str:
    from ..domain import new_uid

    return new_uid()


class Plan(BaseModel):
    #: The plan's stable id (``plan.id`` in the JSON format): a re-imported file is recognised.
    uid = pw.TextField(unique=True, default=_new_uid)
    leader_name = pw.TextField(default="")
    leader_title = pw.TextField(default="")
    level = pw.IntegerField()
    workplace = pw.TextField()
    manager_name = pw.TextField(default="")
    manager_title = pw.TextField(default="")
    framework_id = pw.TextField()
    framework_version = pw.TextField(default="")
    first_year = pw.IntegerField()
    years = pw.IntegerField()
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()


class SituationSection(BaseModel):
    plan = pw.ForeignKeyField(Plan, backref="situation", on_delete="CASCADE")
    section = pw.TextField()
    text = pw.TextField(default="")


class Goal(BaseModel):
    plan = pw.ForeignKeyField(Plan, backref="goals", on_delete="CASCADE")
    uid = pw.TextField(unique=True)  # unique in the whole database since schema version 3
    year = pw.IntegerField()
    position = pw.IntegerField(default=0)
    vision = pw.TextField()
    theme = pw.TextField(null=True)
    title = pw.TextField()
    rationale = pw.TextField(default="")
    status = pw.TextField()
    owner = pw.TextField(default="")
    carried_over_from = pw.ForeignKeyField(
        "self", null=True, backref="carried_to", on_delete="SET NULL"
    )


class Action(BaseModel):
    goal = pw.ForeignKeyField(Goal, backref="actions", on_delete="CASCADE")
    position = pw.IntegerField(default=0)
    text = pw.TextField(default="")
    responsible = pw.TextField(default="")
    deadline = pw.DateField(null=True)
    done = pw.BooleanField(default=False)


class SuccessLink(BaseModel):
    """A framework sign of success (or objective) that a goal serves."""

    goal = pw.ForeignKeyField(Goal, backref="success_links", on_delete="CASCADE")
    position = pw.IntegerField(default=0)
    sign_id = pw.TextField()


class SuccessCriterion(BaseModel):
    """The goal's own success criterion, in the leader's words."""

    goal = pw.ForeignKeyField(Goal, backref="criteria", on_delete="CASCADE")
    position = pw.IntegerField(default=0)
    text = pw.TextField(default="")


class Indicator(BaseModel):
    goal = pw.ForeignKeyField(Goal, backref="indicators", on_delete="CASCADE")
    position = pw.IntegerField(default=0)
    name = pw.TextField()
    unit = pw.TextField(default="")
    baseline = pw.FloatField(null=True)
    target = pw.FloatField(null=True)


class Measurement(BaseModel):
    indicator = pw.ForeignKeyField(Indicator, backref="measurements", on_delete="CASCADE")
    date = pw.DateField()
    value = pw.FloatField()


class Involvement(BaseModel):
    goal = pw.ForeignKeyField(Goal, backref="involvement", on_delete="CASCADE")
    position = pw.IntegerField(default=0)
    party = pw.TextField()
    date = pw.DateField(null=True)
    form = pw.TextField(default="")
    outcome = pw.TextField(default="")


class StatusChange(BaseModel):
    goal = pw.ForeignKeyField(Goal, backref="status_history", on_delete="CASCADE")
    status = pw.TextField()
    at = pw.DateTimeField()
    note = pw.TextField(default="")


class Dialogue(BaseModel):
    plan = pw.ForeignKeyField(Plan, backref="dialogues", on_delete="CASCADE")
    year = pw.IntegerField()
    kind = pw.TextField()
    planned = pw.DateField(null=True)
    held = pw.DateField(null=True)
    participants = pw.TextField(default="[]")  # a JSON list of names
    agenda = pw.TextField(default="")
    notes = pw.TextField(default="")
    agreements = pw.TextField(default="")


class YearFocus(BaseModel):
    """A vision that a year of the plan focuses on (the four-year overview)."""

    plan = pw.ForeignKeyField(Plan, backref="focus", on_delete="CASCADE")
    year = pw.IntegerField()
    vision = pw.TextField()


class GuideProgress(BaseModel):
    """Where a leader left a guide; not plan data (not exported, untouched by undo)."""

    plan = pw.ForeignKeyField(Plan, backref="guide_progress", on_delete="CASCADE")
    kind = pw.TextField()
    year = pw.IntegerField()
    step = pw.IntegerField()
    updated_at = pw.DateTimeField()


class PlanFramework(BaseModel):
    """The plan's own copy of a framework version it follows or has followed (JSON text)."""

    plan = pw.ForeignKeyField(Plan, backref="framework_copies", on_delete="CASCADE")
    framework_id = pw.TextField()
    version = pw.TextField()
    document = pw.TextField()


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Plan,
    SituationSection,
    Goal,
    Action,
    SuccessLink,
    SuccessCriterion,
    Indicator,
    Measurement,
    Involvement,
    StatusChange,
    Dialogue,
    YearFocus,
    GuideProgress,
    PlanFramework,
)
