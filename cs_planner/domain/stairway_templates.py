"""Stairway templates: the recommended climb per customer persona.

Two places hold templates, and the library a user sees is their union:

- **Shipped files**, one TOML file per persona in ``cs_planner/resources/stairways/``.
  They are read-only (they live inside the installed package) and are read afresh each time
  the library is listed, so a new release brings new templates to every portfolio. A file
  that cannot be read or fails a rule is reported with its name and the problem; the other
  files still load.
- **The portfolio's ``stairway_template`` table**. A template gets a row when a user creates
  one (from an account's roadmap), or when a shipped template is first *used* in the
  portfolio: applied to an account or edited. The row keeps the file's name in ``source``.
  From then on the row is the template for that portfolio (accounts point at it by id, edits
  stay in the portfolio), and the file of the same ``source`` is no longer listed.

Deleting a row made from a shipped file therefore brings the shipped version back in the
library: a shipped template cannot be removed from the app, only its portfolio copy. A file
whose template name is already taken by a row is not listed either (names are unique).

A file holds ``name`` (required) and the persona (``industry``, ``size_band``,
``geography``, ``growth_rate``, ``main_challenge``), a ``description`` of how to climb
it, and one ``[[use_case]]`` table per use case with ``step`` (remediation, enhancement,
innovation or disruption), ``title`` (required, unique within the file), ``problem``,
``usage_metric`` and ``typical_value`` (annual, in the portfolio currency). Unknown keys
are refused, so a typo is reported rather than silently ignored.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.enums import StairStep
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import StairwayTemplate, TemplateUseCase
from cs_planner.domain.names import find_clash, name_key
from cs_planner.paths import RESOURCES

TEMPLATE_FOLDER = RESOURCES / "stairways"
STEPS = tuple(StairStep)
PERSONA_FIELDS = ("industry", "size_band", "geography", "growth_rate", "main_challenge")
_TOP_KEYS = {"name", "description", "use_case", *PERSONA_FIELDS}
_USE_CASE_KEYS = {"step", "title", "problem", "usage_metric", "typical_value"}
_LIMITS = {
    "name": 200,
    "industry": 100,
    "size_band": 50,
    "geography": 100,
    "growth_rate": 50,
    "main_challenge": 300,
    "title": 200,
    "usage_metric": 200,
}


@dataclass(frozen=True)
class TemplateUseCaseData:
    step: StairStep
    title: str
    problem: str = ""
    usage_metric: str = ""
    typical_value: float = 0.0


@dataclass(frozen=True)
class TemplateValues:
    """What a user edits on a template (and what a file holds)."""

    name: str
    industry: str = ""
    size_band: str = ""
    geography: str = ""
    growth_rate: str = ""
    main_challenge: str = ""
    description: str = ""
    use_cases: tuple[TemplateUseCaseData, ...] = ()


@dataclass(frozen=True)
class TemplateData:
    """One template of the library, from a file or from the portfolio."""

    key: str  # "db:<id>" or "file:<file name>": stable while the library is shown
    template_id: int | None  # the portfolio's row, None for a file not used yet
    source: str  # the shipped file it came from, "" for one made by a user
    values: TemplateValues

    @property
    def name(self) -> str:
        return self.values.name

    @property
    def use_cases(self) -> tuple[TemplateUseCaseData, ...]:
        return self.values.use_cases

    @property
    def persona(self) -> str:
        """'Logistics · Enterprise · North America': how the template is told apart."""
        v = self.values
        return " · ".join(p for p in (v.industry, v.size_band, v.geography) if p)

    @property
    def origin(self) -> str:
        if self.template_id is None:
            return "Shipped"
        return "Shipped, adapted in this portfolio" if self.source else "Made in this portfolio"


@dataclass(frozen=True)
class TemplateProblem:
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


@dataclass(frozen=True)
class Library:
    templates: list[TemplateData] = field(default_factory=list)
    problems: list[TemplateProblem] = field(default_factory=list)

    def get(self, key: str | None) -> TemplateData | None:
        return next((t for t in self.templates if t.key == key), None)

    def by_id(self, template_id: int | None) -> TemplateData | None:
        if template_id is None:
            return None
        return next((t for t in self.templates if t.template_id == template_id), None)


# --- files --------------------------------------------------------------------------------


def _text(data: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"{where}'{key}' must be text, not {value!r}.")
    value = " ".join(value.split()) if key != "description" else value.strip()
    if required and not value:
        raise ValueError(f"{where}'{key}' is missing or empty.")
    limit = _LIMITS.get(key)
    if limit and len(value) > limit:
        raise ValueError(f"{where}'{key}' is too long (at most {limit} characters).")
    return value


def _use_case(data: Any, number: int) -> TemplateUseCaseData:
    where = f"use case {number}: "
    if not isinstance(data, dict):
        raise ValueError(f"{where}expected a [[use_case]] table.")
    unknown = sorted(set(data) - _USE_CASE_KEYS)
    if unknown:
        raise ValueError(
            f"{where}unknown key '{unknown[0]}' (allowed: {_allowed(_USE_CASE_KEYS)})."
        )
    step_text = _text(data, "step", where, required=True).lower()
    try:
        step = StairStep(step_text)
    except ValueError:
        names = ", ".join(s.value for s in STEPS)
        raise ValueError(f"{where}step '{step_text}' is not one of {names}.") from None
    value = data.get("typical_value", 0)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ValueError(f"{where}'typical_value' must be a number of at least 0, not {value!r}.")
    return TemplateUseCaseData(
        step=step,
        title=_text(data, "title", where, required=True),
        problem=_text(data, "problem", where),
        usage_metric=_text(data, "usage_metric", where),
        typical_value=float(value),
    )


def _allowed(keys: Iterable[str]) -> str:
    return ", ".join(sorted(keys))


def parse_template(data: dict[str, Any]) -> TemplateValues:
    """Check a template read from a file; raise ValueError saying what is wrong."""
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise ValueError(f"unknown key '{unknown[0]}' (allowed: {_allowed(_TOP_KEYS)}).")
    cases = data.get("use_case")
    if not isinstance(cases, list) or not cases:
        raise ValueError("no use cases: add at least one [[use_case]] table.")
    use_cases = tuple(_use_case(item, n) for n, item in enumerate(cases, start=1))
    seen: set[str] = set()
    for case in use_cases:
        key = title_key(case.title)
        if key in seen:
            raise ValueError(f"the use case '{case.title}' appears twice.")
        seen.add(key)
    return TemplateValues(
        name=_text(data, "name", "", required=True),
        description=_text(data, "description", ""),
        use_cases=tuple(sorted(use_cases, key=lambda c: STEPS.index(c.step))),
        **{key: _text(data, key, "") for key in PERSONA_FIELDS},
    )


def load_files(folder: Path | None = None) -> tuple[list[TemplateData], list[TemplateProblem]]:
    """Every ``*.toml`` template in ``folder``, by file name, and the files that failed."""
    folder = folder or TEMPLATE_FOLDER
    templates: list[TemplateData] = []
    problems: list[TemplateProblem] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            with path.open("rb") as handle:
                values = parse_template(tomllib.load(handle))
        except tomllib.TOMLDecodeError as exc:
            problems.append(TemplateProblem(path.name, f"not valid TOML ({exc})."))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(TemplateProblem(path.name, f"cannot be read ({exc})."))
            continue
        except ValueError as exc:
            problems.append(TemplateProblem(path.name, str(exc)))
            continue
        clash = seen.get(name_key(values.name))
        if clash:
            problems.append(
                TemplateProblem(path.name, f"the name '{values.name}' is already used by {clash}.")
            )
            continue
        seen[name_key(values.name)] = path.name
        templates.append(TemplateData(f"file:{path.name}", None, path.name, values))
    return templates, problems


# --- the portfolio's templates and the library --------------------------------------------


def portfolio_templates(session: Session) -> list[TemplateData]:
    """The templates stored in the portfolio, with their use cases, in two queries."""
    heads = session.execute(
        select(
            StairwayTemplate.id,
            StairwayTemplate.name,
            StairwayTemplate.industry,
            StairwayTemplate.size_band,
            StairwayTemplate.geography,
            StairwayTemplate.growth_rate,
            StairwayTemplate.main_challenge,
            StairwayTemplate.description,
            StairwayTemplate.source,
        )
    ).all()
    cases: dict[int, list[tuple[int, int, TemplateUseCaseData]]] = {}
    rows = session.execute(
        select(
            TemplateUseCase.template_id,
            TemplateUseCase.id,
            TemplateUseCase.step,
            TemplateUseCase.position,
            TemplateUseCase.title,
            TemplateUseCase.problem,
            TemplateUseCase.usage_metric,
            TemplateUseCase.typical_value,
        )
    )
    for r in rows:
        data = TemplateUseCaseData(r.step, r.title, r.problem, r.usage_metric, r.typical_value)
        cases.setdefault(r.template_id, []).append((r.position, r.id, data))
    result = []
    for h in heads:
        ordered = sorted(cases.get(h.id, []), key=lambda c: (STEPS.index(c[2].step), c[0], c[1]))
        values = TemplateValues(
            name=h.name,
            industry=h.industry,
            size_band=h.size_band,
            geography=h.geography,
            growth_rate=h.growth_rate,
            main_challenge=h.main_challenge,
            description=h.description,
            use_cases=tuple(c[2] for c in ordered),
        )
        result.append(TemplateData(f"db:{h.id}", h.id, h.source or "", values))
    return result


def library(session: Session, folder: Path | None = None) -> Library:
    """The portfolio's templates plus the shipped files not yet used here, by name."""
    stored = portfolio_templates(session)
    files, problems = load_files(folder)
    sources = {t.source for t in stored if t.source}
    taken = {name_key(t.name) for t in stored}
    shipped = [t for t in files if t.source not in sources and name_key(t.name) not in taken]
    return Library(sorted([*stored, *shipped], key=lambda t: name_key(t.name)), problems)


def title_key(title: str) -> str:
    """How use-case titles are matched: case and spacing do not matter."""
    return " ".join(title.split()).casefold()


# --- edits --------------------------------------------------------------------------------


def _check_name(session: Session, name: str, except_id: int | None = None) -> None:
    clash = find_clash(session, StairwayTemplate.id, StairwayTemplate.name, name, except_id)
    if clash is not None:
        clean = " ".join(name.split())
        raise ValidationError(f"A template named '{clean}' already exists.", "name")


def _check_use_cases(use_cases: Sequence[TemplateUseCaseData]) -> None:
    if not use_cases:
        raise ValidationError("A template needs at least one use case.", "use_cases")
    seen: set[str] = set()
    for case in use_cases:
        if not case.title.strip():
            raise ValidationError("Every use case of a template needs a title.", "use_cases")
        if title_key(case.title) in seen:
            raise ValidationError(
                f"The use case '{case.title.strip()}' appears twice in the template.", "use_cases"
            )
        seen.add(title_key(case.title))


def _fill(template: StairwayTemplate, values: TemplateValues) -> None:
    template.name = values.name
    for key in (*PERSONA_FIELDS, "description"):
        setattr(template, key, getattr(values, key).strip())
    positions: dict[StairStep, int] = {}
    rows = []
    for case in sorted(values.use_cases, key=lambda c: STEPS.index(c.step)):
        position = positions.get(case.step, 0)
        positions[case.step] = position + 1
        rows.append(
            TemplateUseCase(
                step=case.step,
                position=position,
                title=case.title,
                problem=case.problem.strip(),
                usage_metric=case.usage_metric.strip(),
                typical_value=case.typical_value,
            )
        )
    template.use_cases = rows


def new_template(session: Session, values: TemplateValues, source: str = "") -> StairwayTemplate:
    """A template row built from ``values`` (added to the session, not flushed)."""
    _check_name(session, values.name)
    _check_use_cases(values.use_cases)
    template = StairwayTemplate(source=source)
    _fill(template, values)
    session.add(template)
    return template


def install(session: Session, template: TemplateData) -> int:
    """The portfolio's row for ``template``, creating it from its file when needed."""
    if template.template_id is not None:
        return template.template_id
    row = new_template(session, template.values, template.source)
    session.flush()
    return row.id


def update_template(session: Session, template_id: int, values: TemplateValues) -> TemplateValues:
    """Change a stored template; returns its values as they were (for undo)."""
    template = session.get(StairwayTemplate, template_id)
    if template is None:
        raise ValidationError("That template no longer exists (it may have been deleted).")
    before = next(t.values for t in portfolio_templates(session) if t.template_id == template_id)
    _check_name(session, values.name, template_id)
    _check_use_cases(values.use_cases)
    _fill(template, values)
    session.flush()
    return before
