"""The use cases the UI and the command line call. Each mutation is one transaction.

Services take and return plain values or :mod:`domain` objects, never peewee rows, and raise
:class:`~udviklingsplan_app.errors.InputError` subclasses with Danish messages. One module per
use case; callers keep writing ``services.add_goal`` (re-exported here; the two modules built on
the others, :mod:`.plan_import` and :mod:`.manager_answers`, are imported by name, since their
``import_plan`` and friends would clash with the plans' own):

- :mod:`.plans` – reading, creating, importing, replacing and restoring plans; the plan's
  details, situation and focus,
- :mod:`.frameworks` – the framework a plan follows and moving to a newer version,
- :mod:`.goals` – goals, their status, signs and criteria, carrying over,
- :mod:`.goal_parts` – actions, indicators, measurements and involvement,
- :mod:`.dialogues` – the year's dialogues,
- :mod:`.guide_progress` – where a leader is in a guide,
- :mod:`.export` – a stored plan written to a workbook,
- :mod:`.plan_import` – a plan file imported as new, in place of a plan, or as a copy,
- :mod:`.manager_answers` – the manager's answer previewed and stored,
- :mod:`.base` (transactions, row look-ups) and :mod:`.values` (the value checker) below them.

The rows of a whole plan are written in bulk by :mod:`udviklingsplan_app.storage.rows`.
"""

from __future__ import annotations

from ..domain import Person
from .base import read_transaction, transaction
from .dialogues import delete_dialogue, save_dialogue
from .export import export_plan
from .frameworks import find_framework, move_plan_framework, newer_framework, plan_framework
from .goal_parts import (
    add_action,
    add_indicator,
    add_involvement,
    add_measurement,
    delete_action,
    delete_indicator,
    delete_involvement,
    delete_measurement,
    update_action,
    update_indicator,
    update_involvement,
    update_measurement,
)
from .goals import (
    add_goal,
    carry_over_goal,
    delete_goal,
    move_goal,
    set_goal_status,
    set_success_criteria,
    set_success_signs,
    update_goal,
)
from .guide_progress import finish_guide, save_guide_progress, unfinished_guides
from .plans import (
    create_plan,
    delete_plan,
    import_plan,
    list_plans,
    load_plan,
    only_plan_id,
    replace_plan,
    restore_plan,
    set_situation,
    set_year_focus,
    update_plan,
    with_unused_ids,
)

__all__ = [
    "Person",
    "add_action",
    "add_goal",
    "add_indicator",
    "add_involvement",
    "add_measurement",
    "carry_over_goal",
    "create_plan",
    "delete_action",
    "delete_dialogue",
    "delete_goal",
    "delete_indicator",
    "delete_involvement",
    "delete_measurement",
    "delete_plan",
    "export_plan",
    "find_framework",
    "finish_guide",
    "import_plan",
    "list_plans",
    "load_plan",
    "move_goal",
    "move_plan_framework",
    "newer_framework",
    "only_plan_id",
    "plan_framework",
    "read_transaction",
    "replace_plan",
    "restore_plan",
    "save_dialogue",
    "save_guide_progress",
    "set_goal_status",
    "set_situation",
    "set_success_criteria",
    "set_success_signs",
    "set_year_focus",
    "transaction",
    "unfinished_guides",
    "update_action",
    "update_goal",
    "update_indicator",
    "update_involvement",
    "update_measurement",
    "update_plan",
    "with_unused_ids",
]
