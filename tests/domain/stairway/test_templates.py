"""Template files: the shipped library, a broken file, and the portfolio's copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from cs_planner.domain.enums import StairStep
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.stairway.edits import install, new_template, update_template
from cs_planner.domain.stairway.queries import library
from cs_planner.domain.stairway.rows import TemplateUseCaseData, TemplateValues
from cs_planner.domain.stairway.templates import TEMPLATE_FOLDER, load_files

GOOD = """
name = "Small test persona"
industry = "Retail"
size_band = "SMB"

[[use_case]]
step = "enhancement"
title = "Second"

[[use_case]]
step = "remediation"
title = "First"
typical_value = 1000
"""


def test_shipped_templates_are_complete_personas() -> None:
    templates, problems = load_files()
    assert problems == []
    assert len(templates) >= 5
    for template in templates:
        v = template.values
        assert v.industry and v.size_band and v.geography and v.growth_rate and v.main_challenge
        assert 8 <= len(v.use_cases) <= 16, template.source
        assert {c.step for c in v.use_cases} == set(StairStep), template.source
        assert all(c.problem and c.usage_metric and c.typical_value > 0 for c in v.use_cases)


def test_use_cases_are_ordered_by_step(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    [template], problems = load_files(tmp_path)
    assert problems == []
    assert [c.title for c in template.use_cases] == ["First", "Second"]
    assert template.key == "file:good.toml" and template.template_id is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("name = 'x'\n[[use_case]\n", "not valid TOML"),
        ("name = 'x'\n", "no use cases"),
        ("name = 'x'\n[[use_case]]\nstep = 'summit'\ntitle = 'a'\n", "step 'summit'"),
        ("name = 'x'\n[[use_case]]\nstep = 'innovation'\n", "use case 1: 'title' is missing"),
        ("name = 'x'\n[[use_case]]\nstep = 'innovation'\ntitel = 'a'\n", "unknown key 'titel'"),
        ("[[use_case]]\nstep = 'innovation'\ntitle = 'a'\n", "'name' is missing"),
        (
            "name = 'x'\n[[use_case]]\nstep = 'innovation'\ntitle = 'a'\ntypical_value = -5\n",
            "'typical_value' must be a number",
        ),
        (
            "name = 'x'\n[[use_case]]\nstep = 'innovation'\ntitle = 'A b'\n"
            "[[use_case]]\nstep = 'disruption'\ntitle = 'a  B'\n",
            "appears twice",
        ),
    ],
)
def test_a_broken_file_is_named_and_the_others_still_load(
    tmp_path: Path, text: str, fragment: str
) -> None:
    (tmp_path / "a_good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.toml").write_text(text, encoding="utf-8")
    templates, problems = load_files(tmp_path)
    assert [t.name for t in templates] == ["Small test persona"]
    assert len(problems) == 1
    assert problems[0].file == "broken.toml"
    assert fragment in problems[0].message
    assert str(problems[0]).startswith("broken.toml: ")


def test_a_second_file_with_the_same_name_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.toml").write_text(GOOD, encoding="utf-8")
    templates, problems = load_files(tmp_path)
    assert len(templates) == 1
    assert problems[0].file == "b.toml" and "already used by a.toml" in problems[0].message


def test_library_prefers_the_portfolio_copy_of_a_shipped_file(portfolio, tmp_path) -> None:
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    with portfolio.session() as s:
        lib = library(s, tmp_path)
        [shipped] = lib.templates
        template_id = install(s, shipped)
        assert install(s, library(s, tmp_path).templates[0]) == template_id
    with portfolio.session() as s:
        [copy] = library(s, tmp_path).templates
    assert copy.template_id == template_id and copy.source == "good.toml"
    assert copy.origin == "Shipped, adapted in this portfolio"
    assert [c.title for c in copy.use_cases] == ["First", "Second"]
    assert copy.use_cases[0].typical_value == 1000


def test_template_names_are_unique_and_use_cases_required(portfolio) -> None:
    case = TemplateUseCaseData(StairStep.REMEDIATION, "Fix it")
    with portfolio.session() as s:
        new_template(s, TemplateValues("Mine", use_cases=(case,)))
    with portfolio.session() as s:
        with pytest.raises(ValidationError, match="already exists"):
            new_template(s, TemplateValues("mine", use_cases=(case,)))
        with pytest.raises(ValidationError, match="at least one use case"):
            new_template(s, TemplateValues("Other"))
        with pytest.raises(ValidationError, match="appears twice"):
            new_template(s, TemplateValues("Other", use_cases=(case, case)))


def test_update_template_returns_the_old_values(portfolio) -> None:
    first = TemplateValues(
        "Mine", industry="Retail", use_cases=(TemplateUseCaseData(StairStep.INNOVATION, "A"),)
    )
    with portfolio.session() as s:
        row = new_template(s, first)
        s.flush()
        template_id = row.id
    second = TemplateValues(
        "Mine v2",
        use_cases=(
            TemplateUseCaseData(StairStep.DISRUPTION, "C"),
            TemplateUseCaseData(StairStep.REMEDIATION, "B"),
        ),
    )
    with portfolio.session() as s:
        assert update_template(s, template_id, second) == first
    with portfolio.session() as s:
        [stored] = library(s, Path("/nonexistent")).templates
    assert stored.name == "Mine v2"
    assert [c.title for c in stored.use_cases] == ["B", "C"]


def test_the_template_folder_is_inside_the_package() -> None:
    assert TEMPLATE_FOLDER.parts[-3:] == ("cs_planner", "resources", "stairways")


def test_every_demo_industry_has_a_suggested_template() -> None:
    from cs_planner.demo.names import INDUSTRIES
    from cs_planner.domain.stairway.rules import suggest_template

    templates, _problems = load_files()
    for industry in INDUSTRIES:
        for size in ("SMB", "Mid-market", "Enterprise"):
            assert suggest_template(templates, industry.name, size) is not None, industry.name
