"""Stairway templates: the recommended climb per customer persona, and the loader of the
shipped TOML files.

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
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cs_planner.domain.enums import StairStep
from cs_planner.domain.names import name_key
from cs_planner.domain.stairway.rows import (
    PERSONA_FIELDS,
    STEPS,
    TemplateData,
    TemplateProblem,
    TemplateUseCaseData,
    TemplateValues,
)
from cs_planner.domain.stairway.rules import title_key
from cs_planner.paths import RESOURCES

TEMPLATE_FOLDER = RESOURCES / "stairways"
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
