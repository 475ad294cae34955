"""Where a leader is in a guide (not plan data: not exported, untouched by undo)."""

from __future__ import annotations

from ..domain import GUIDE_KINDS, GuideProgress
from ..errors import ValidationError
from ..storage import models as m
from ..storage import reading
from .base import connection, plan_row, read_transaction, timestamp, transaction
from .values import check_values


def _check_guide_kind(kind: str) -> None:
    if kind not in GUIDE_KINDS:
        raise ValidationError(
            f"ukendt slags guide »{kind}« – tilladt er: {', '.join(GUIDE_KINDS)}", "kind"
        )


@transaction
def save_guide_progress(plan_id: int, kind: str, year: int, step: int) -> None:
    """Remember where the leader is in a guide, so it can continue there next time."""
    check_values({"year": year, "position": step})
    _check_guide_kind(kind)
    if step < 0:
        raise ValidationError(f"trinnet skal være 0 eller mere, men er {step}", "step")
    plan_row(plan_id)
    now = timestamp()
    (
        m.GuideProgress.insert(plan=plan_id, kind=kind, year=year, step=step, updated_at=now)
        .on_conflict(
            conflict_target=[m.GuideProgress.plan, m.GuideProgress.kind],
            update={
                m.GuideProgress.year: year,
                m.GuideProgress.step: step,
                m.GuideProgress.updated_at: now,
            },
        )
        .execute()
    )


@transaction
def finish_guide(plan_id: int, kind: str) -> None:
    """Forget a guide's progress (it was completed or closed for good); no-op if none."""
    _check_guide_kind(kind)
    m.GuideProgress.delete().where(
        (m.GuideProgress.plan == plan_id) & (m.GuideProgress.kind == kind)
    ).execute()


@read_transaction
def unfinished_guides() -> list[GuideProgress]:
    """The guides a leader left midway, the most recently used first."""
    return reading.unfinished_guides(connection())
