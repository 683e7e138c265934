"""Writes of the Ministry's national programmes (strategies) and the indicator catalogue.

Each function takes the acting user (kept in the history), validates every row first and
runs in one transaction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sxsh_portal.audit import record_actor
from sxsh_portal.concurrency import check_rows_version, check_version, version_of_rows

from ..models import Indicator, Phase, Scheme, SolutionGroup, SolutionItem, Strategy, Target, Task
from .rows import Row, rows_save

STRATEGY_FIELDS = (
    "number",
    "title",
    "issuer",
    "issued_on",
    "signer",
    "period_start",
    "period_end",
    "overall_goal",
    "source_note",
)
INDICATOR_FIELDS = (
    "code",
    "name",
    "name_en",
    "measure_unit",
    "source",
    "description",
    "numerator",
    "denominator",
)


def strategy_rows_version(model, strategy: Strategy) -> int:
    """The version of one section of a programme's rows, as its page shows them: the
    national targets belong to the programme's phases, the other rows to the programme."""
    return version_of_rows(model, _rows_owner(model, strategy))


def _rows_owner(model, strategy: Strategy) -> dict:
    return {"phase__strategy": strategy} if model is Target else {"strategy": strategy}


def _save(obj, actor) -> None:
    record_actor(obj, actor)
    obj.save()


def _check_strategy(strategy: Strategy) -> None:
    if strategy.period_start is None or strategy.period_end is None:
        raise ValidationError(
            {"period_start": _("Hãy nhập thời kỳ của chương trình (từ năm, đến năm).")}
        )


@transaction.atomic
def strategy_create(*, actor, values: dict) -> Strategy:
    strategy = Strategy(**{name: values.get(name) or "" for name in STRATEGY_FIELDS})
    for name in ("issued_on", "period_start", "period_end"):
        setattr(strategy, name, values.get(name))
    strategy.full_clean()
    _check_strategy(strategy)
    _save(strategy, actor)
    return strategy


@transaction.atomic
def strategy_update(
    *, strategy: Strategy, actor, values: dict, expected_version: int | None = None
) -> Strategy:
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    check_version(strategy, expected_version)
    for name in STRATEGY_FIELDS:
        if name in values:
            setattr(strategy, name, values[name])
    strategy.full_clean()
    _check_strategy(strategy)
    _save(strategy, actor)
    return strategy


def _check_indicator(indicator: Indicator) -> None:
    if indicator.measure_unit == Indicator.Unit.PERCENT and not (
        indicator.numerator.strip() and indicator.denominator.strip()
    ):
        raise ValidationError({"numerator": _("Chỉ tiêu tỷ lệ phải nêu rõ tử số và mẫu số.")})


@transaction.atomic
def indicator_create(*, actor, values: dict) -> Indicator:
    indicator = Indicator(**{name: values.get(name, "") for name in INDICATOR_FIELDS})
    indicator.full_clean()
    _check_indicator(indicator)
    _save(indicator, actor)
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, actor, values: dict, expected_version: int | None = None
) -> Indicator:
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    check_version(indicator, expected_version)
    # The code names the indicator in fixtures and reports: it stays once targets use it.
    if values.get("code", indicator.code) != indicator.code and indicator.targets.exists():
        raise ValidationError({"code": _("Không đổi được mã của chỉ tiêu đã có mục tiêu.")})
    for name in INDICATOR_FIELDS:
        if name in values:
            setattr(indicator, name, values[name])
    indicator.full_clean()
    _check_indicator(indicator)
    _save(indicator, actor)
    return indicator


def _phase_check(strategy: Strategy):
    def check(phase: Phase) -> None:
        start, end = strategy.period_start, strategy.period_end
        if start and end and not (start <= phase.start_year and phase.end_year <= end):
            raise ValidationError(
                {
                    "start_year": _(
                        "Giai đoạn phải nằm trong thời kỳ %(start)s–%(end)s của chương trình."
                    )
                    % {"start": start, "end": end}
                }
            )

    return check


@transaction.atomic
def strategy_phases_save(
    *, strategy: Strategy, actor, rows: list[Row], expected_version: int | None = None
) -> list[Phase]:
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    for row in rows:
        if row.delete and row.instance is not None and row.instance.targets.exists():
            raise ValidationError(
                _("Không xóa được giai đoạn “%(name)s” vì đã có mục tiêu.")
                % {"name": row.instance.name}
            )
    phases = rows_save(
        model=Phase,
        owner={"strategy": strategy},
        rows=rows,
        actor=actor,
        check=_phase_check(strategy),
        expected_version=expected_version,
    )
    years = sorted((phase.start_year, phase.end_year) for phase in phases)
    for (_start, end), (start, _end) in zip(years, years[1:], strict=False):
        if start <= end:
            raise ValidationError(_("Các giai đoạn của chương trình không được chồng lên nhau."))
    return phases


def _national_target_check(strategy: Strategy):
    def check(target: Target) -> None:
        phase = target.phase
        if phase is None or phase.strategy_id != strategy.pk:
            raise ValidationError({"phase": _("Hãy chọn một giai đoạn của chương trình này.")})
        if not phase.start_year <= target.year <= phase.end_year:
            raise ValidationError(
                {
                    "year": _("Năm của mục tiêu phải trong giai đoạn %(start)s–%(end)s.")
                    % {"start": phase.start_year, "end": phase.end_year}
                }
            )

    return check


@transaction.atomic
def strategy_targets_save(
    *, strategy: Strategy, actor, rows: list[Row], expected_version: int | None = None
) -> list[Target]:
    """The national targets of every phase: a value or a range (5–8%) by a year."""
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    # rows_save checks the rows of its owner; these rows have none (they belong to phases).
    check_rows_version(Target, _rows_owner(Target, strategy), expected_version)
    for row in rows:
        instance = row.instance
        if instance is not None and instance.pk and instance.phase.strategy_id != strategy.pk:
            raise ValidationError(_("Mục tiêu không thuộc chương trình này."))
        if row.values.get("value_min") is not None and row.values.get("value_max") is None:
            row.values["value_max"] = row.values["value_min"]
    return rows_save(
        model=Target, owner={}, rows=rows, actor=actor, check=_national_target_check(strategy)
    )


@transaction.atomic
def strategy_tasks_save(
    *, strategy: Strategy, actor, rows: list[Row], expected_version: int | None = None
) -> list[Task]:
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    return rows_save(
        model=Task,
        owner={"strategy": strategy},
        rows=rows,
        actor=actor,
        expected_version=expected_version,
    )


def _solution_items(group: SolutionGroup, row: Row) -> None:
    """The group's solutions, one per line of the text the page sent."""
    text = row.many.get("items_text") or ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    group.items.all().delete()
    SolutionItem.objects.bulk_create(
        SolutionItem(group=group, position=position, text=line)
        for position, line in enumerate(lines, start=1)
    )


@transaction.atomic
def strategy_solutions_save(
    *, strategy: Strategy, actor, rows: list[Row], expected_version: int | None = None
) -> list[SolutionGroup]:
    """Solution groups, each with its solutions one per line."""
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    return rows_save(
        model=SolutionGroup,
        owner={"strategy": strategy},
        rows=rows,
        actor=actor,
        after=_solution_items,
        expected_version=expected_version,
    )


@transaction.atomic
def strategy_schemes_save(
    *, strategy: Strategy, actor, rows: list[Row], expected_version: int | None = None
) -> list[Scheme]:
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    for row in rows:
        if not row.delete and not (row.values.get("title") or "").strip():
            raise ValidationError(_("Hãy nhập tên của mỗi đề án."))
    return rows_save(
        model=Scheme,
        owner={"strategy": strategy},
        rows=rows,
        actor=actor,
        expected_version=expected_version,
    )
