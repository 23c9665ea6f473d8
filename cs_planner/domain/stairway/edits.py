"""Every change to a stairway, Qt-free: the write functions (each checks what it is given
and returns what undo needs) and the ``Edit``s the ui performs, each one undo step.

Use cases: add, change, move (which renumbers its neighbours), delete. Templates: apply one
to an account (which may add the template to the portfolio, adds use cases and points the
account at it), save a roadmap as one, edit one (a shipped one is copied into the
portfolio first), delete one."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain import snapshot
from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Delete, Edit, Insert, Update
from cs_planner.domain.enums import StairStep, TeamRole
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, StairwayTemplate, TeamMember, TemplateUseCase, UseCase
from cs_planner.domain.names import find_clash
from cs_planner.domain.stairway.queries import (
    layout_of,
    list_use_cases,
    next_position,
    portfolio_templates,
)
from cs_planner.domain.stairway.rows import (
    EDIT_FIELDS,
    PERSONA_FIELDS,
    STEPS,
    TemplateData,
    TemplateUseCaseData,
    TemplateValues,
    UseCaseValues,
)
from cs_planner.domain.stairway.rules import (
    Layout,
    check_template_use_cases,
    missing_use_cases,
    reorder,
)

TEMPLATES = Changes(templates=True)
GONE = "That account no longer exists (it may have been deleted)."


def _account(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise ValidationError(GONE)
    return account


# --- use cases ------------------------------------------------------------------------------


def _assign(session: Session, use_case: UseCase, values: UseCaseValues) -> None:
    if values.csa_id is not None:
        person = session.get(TeamMember, values.csa_id)
        if person is None:
            raise ValidationError("That team member no longer exists.", "csa_id")
        if person.role != TeamRole.CSA:
            raise ValidationError(f"{person.name} is not a CSA.", "csa_id")
    for name in EDIT_FIELDS:
        value = getattr(values, name)
        setattr(use_case, name, value.strip() if isinstance(value, str) else value)


def new_use_case(
    session: Session, account_id: int, step: StairStep, values: UseCaseValues
) -> UseCase:
    """A use case at the end of ``step`` (added to the session; the caller flushes)."""
    _account(session, account_id)
    use_case = UseCase(
        account_id=account_id, step=step, position=next_position(session, account_id, step)
    )
    _assign(session, use_case, values)
    session.add(use_case)
    return use_case


def update_use_case(session: Session, use_case_id: int, values: UseCaseValues) -> UseCaseValues:
    """Change a use case; returns its values as they were (for undo)."""
    use_case = session.get(UseCase, use_case_id)
    if use_case is None:
        raise ValidationError("That use case no longer exists (it may have been deleted).")
    before = UseCaseValues(**{name: getattr(use_case, name) for name in EDIT_FIELDS})
    _assign(session, use_case, values)
    session.flush()
    return before


def set_layout(session: Session, layout: Layout) -> Layout:
    """Put use cases at the given (step, position); returns where they were (for undo)."""
    rows = {u.id: u for u in session.scalars(select(UseCase).where(UseCase.id.in_(layout)))}
    if len(rows) != len(layout):
        raise ValidationError("A use case on this stairway no longer exists.")
    before = {i: (rows[i].step, rows[i].position) for i in layout}
    for row_id, (step, position) in layout.items():
        rows[row_id].step, rows[row_id].position = step, position
    session.flush()
    return before


def move_use_case(
    session: Session, account_id: int, use_case_id: int, step: StairStep, index: int
) -> Layout:
    """Move a use case to ``step`` at ``index``; returns the old places for undo."""
    return set_layout(session, reorder(layout_of(session, account_id), use_case_id, step, index))


def add_use_case(
    account_id: int, account_name: str, step: StairStep, values: UseCaseValues
) -> Insert[UseCase]:
    """Add a use case at the end of ``step``."""
    return Insert(
        f"Add {values.title} to the stairway of {account_name}",
        lambda s: new_use_case(s, account_id, step, values),
        Changes.account(account_id),
    )


def change_use_case(text: str, account_id: int, use_case_id: int, values: UseCaseValues) -> Edit:
    """Change a use case's fields (``text`` says which: "Rename A to B")."""
    return Update(text, update_use_case, use_case_id, values, Changes.account(account_id))


def delete_use_case(account_id: int, account_name: str, use_case_id: int, title: str) -> Edit:
    return Delete(
        f"Delete {title} from the stairway of {account_name}",
        UseCase,
        [use_case_id],
        Changes.account(account_id),
    )


class MoveUseCase(Edit):
    """Put a use case at ``index`` on ``step``; undo puts every renumbered one back."""

    def __init__(
        self, text: str, account_id: int, use_case_id: int, step: StairStep, index: int
    ) -> None:
        self.text, self.account_id = text, account_id
        self.use_case_id, self.step, self.index = use_case_id, step, index
        self.old: Layout = {}
        self.new: Layout | None = None

    def apply(self, session: Session) -> Changes:
        if self.new is None:
            self.old = move_use_case(
                session, self.account_id, self.use_case_id, self.step, self.index
            )
            places = {r[0]: (r[1], r[2]) for r in layout_of(session, self.account_id)}
            self.new = {i: places[i] for i in self.old}
        else:
            set_layout(session, self.new)
        return Changes.account(self.account_id)

    def revert(self, session: Session) -> Changes:
        set_layout(session, self.old)
        return Changes.account(self.account_id)


# --- templates ------------------------------------------------------------------------------


def _check_name(session: Session, name: str, except_id: int | None = None) -> None:
    clash = find_clash(session, StairwayTemplate.id, StairwayTemplate.name, name, except_id)
    if clash is not None:
        clean = " ".join(name.split())
        raise ValidationError(f"A template named '{clean}' already exists.", "name")


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
    check_template_use_cases(values.use_cases)
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
    check_template_use_cases(values.use_cases)
    _fill(template, values)
    session.flush()
    return before


def template_from_roadmap(
    session: Session, account_id: int, name: str, description: str = ""
) -> TemplateValues:
    """A template of the account's roadmap, with the account's persona (not yet stored)."""
    account = _account(session, account_id)
    cases = tuple(
        TemplateUseCaseData(r.step, r.title, r.problem, r.usage_metric, r.annual_value)
        for r in list_use_cases(session, account_id)
    )
    if not cases:
        raise ValidationError(
            f"{account.name} has no use cases yet: add some before saving its roadmap as a "
            "template.",
            "use_cases",
        )
    return TemplateValues(
        name=name,
        industry=account.industry,
        size_band=account.size_band,
        geography=account.hq_geography,
        growth_rate=account.growth_rate,
        main_challenge=account.main_challenge,
        description=description,
        use_cases=cases,
    )


def new_roadmap_template(
    session: Session, account_id: int, name: str, description: str = ""
) -> StairwayTemplate:
    """A template of the account's roadmap, added to the session (not flushed)."""
    return new_template(session, template_from_roadmap(session, account_id, name, description))


def save_roadmap_as_template(
    account_id: int, account_name: str, name: str, description: str = ""
) -> Edit:
    return Insert(
        f"Save the stairway of {account_name} as the template {name}",
        lambda s: new_roadmap_template(s, account_id, name, description),
        TEMPLATES,
    )


def edit_template(template: TemplateData, values: TemplateValues) -> Edit:
    """Change a template; a shipped one not used yet gets its portfolio copy."""
    text = f"Edit the template {template.name}"
    if template.template_id is None:
        source = template.source
        return Insert(text, lambda s: new_template(s, values, source), TEMPLATES)
    return Update(text, update_template, template.template_id, values, TEMPLATES)


def delete_template(template: TemplateData) -> Edit:
    """Delete a portfolio template (a shipped one then comes back in its original form);
    accounts using it keep their use cases."""
    if template.template_id is None:
        raise ValidationError("A shipped template stays in the library; edit it to adapt a copy.")
    return Delete(
        f"Delete the template {template.name}", StairwayTemplate, [template.template_id], TEMPLATES
    )


class ApplyTemplate(Edit):
    """Apply a template to an account as one step: add the template's use cases the
    account lacks, as identified ideas at the end of their steps, and make it the account's
    template. Applying again adds nothing. Undo removes what it added (keeping snapshots),
    redo restores the same rows with the same ids."""

    def __init__(self, text: str, account_id: int, template: TemplateData) -> None:
        self.text, self.account_id, self.template = text, account_id, template
        self.template_id: int | None = None
        self.installed = template.template_id is None  # its row made by this apply
        self.previous_template_id: int | None = None
        self.added: tuple[int, ...] = ()
        self._template_snapshot: snapshot.Snapshot | None = None
        self._use_case_snapshots: list[snapshot.Snapshot] = []

    @property
    def changes(self) -> Changes:
        return Changes.account(self.account_id) | Changes(templates=self.installed)

    def apply(self, session: Session) -> Changes:
        if self.template_id is None:
            self._first(session)
            return self.changes
        if self._template_snapshot is not None:
            snapshot.restore(session, self._template_snapshot)
        for taken in self._use_case_snapshots:
            snapshot.restore(session, taken)
        _account(session, self.account_id).stairway_template_id = self.template_id
        session.flush()
        return self.changes

    def _first(self, session: Session) -> None:
        account = _account(session, self.account_id)
        self.previous_template_id = account.stairway_template_id
        self.template_id = install(session, self.template)
        added = []
        for case in missing_use_cases(self.template, list_use_cases(session, self.account_id)):
            values = UseCaseValues(
                title=case.title,
                problem=case.problem,
                usage_metric=case.usage_metric,
                annual_value=case.typical_value,
            )
            use_case = new_use_case(session, self.account_id, case.step, values)
            session.flush()
            added.append(use_case.id)
        self.added = tuple(added)
        account.stairway_template_id = self.template_id
        session.flush()

    def revert(self, session: Session) -> Changes:
        assert self.template_id is not None, "revert before apply"
        _account(session, self.account_id).stairway_template_id = self.previous_template_id
        session.flush()
        self._use_case_snapshots = [
            snapshot.delete_row(session, UseCase, i) for i in reversed(self.added)
        ]
        self._use_case_snapshots.reverse()
        if self.installed:
            self._template_snapshot = snapshot.delete_row(
                session, StairwayTemplate, self.template_id
            )
        return self.changes


def apply_template(session: Session, account_id: int, template: TemplateData) -> ApplyTemplate:
    """Apply ``template`` to the account now (the command line, the demo's checks, tests);
    the returned edit says what it did: ``template_id``, ``installed``, ``added``."""
    edit = ApplyTemplate(f"Apply the template {template.name}", account_id, template)
    edit.apply(session)
    return edit
