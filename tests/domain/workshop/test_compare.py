"""Snapshot, edit, compare: every kind of change is detected and said in words."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from cs_planner.domain.edits import run
from cs_planner.domain.enums import (
    ActionStatus,
    BuyingRole,
    Level,
    StairStep,
    StakeholderStatus,
    Stance,
    UseCaseStatus,
)
from cs_planner.domain.model import (
    ActionItem,
    DimensionPlan,
    InfluenceLink,
    MetricValue,
    Stakeholder,
    UseCase,
)
from cs_planner.domain.workshop import snapshots
from cs_planner.domain.workshop.compare import Area, Kind, compare, shared_only
from cs_planner.domain.workshop.payload import decode, encode
from cs_planner.storage import Portfolio


def changed(portfolio: Portfolio, account: int, edit) -> list:
    """Snapshot, edit, compare the stored snapshot with now."""
    with portfolio.session() as s:
        run(s, snapshots.take_snapshot(account, "Before"))
    with portfolio.session() as s:
        edit(s)
    with portfolio.read() as s:
        [info] = snapshots.snapshots_of(s, account)
        return compare(snapshots.read_snapshot(s, info.id), snapshots.capture(s, account))


def texts(changes: list, kind: Kind) -> list[str]:
    return [c.text for c in changes if c.kind is kind]


def test_nothing_changed_nothing_listed(portfolio: Portfolio, meridian: dict) -> None:
    assert changed(portfolio, meridian["account"], lambda s: None) == []


def test_every_kind_of_change_on_the_map(portfolio: Portfolio, meridian: dict) -> None:
    m = meridian

    def edit(s: Session) -> None:
        ana, bo, lee, tom = (s.get(Stakeholder, m[k]) for k in ("ana", "bo", "lee", "tom"))
        ana.reports_to = tom
        ana.title = "VP Operations"
        ana.level = Level.DIRECTOR_VP
        ana.stance = Stance.CHAMPION
        ana.roles = {BuyingRole.ECONOMIC_BUYER}
        bo.status = StakeholderStatus.LEFT_COMPANY
        lee.reports_to = tom
        new = Stakeholder(account_id=m["account"], name="Kim Park", title="CFO", reports_to=tom)
        s.add(new)
        s.flush()
        s.query(InfluenceLink).delete()
        s.add(InfluenceLink(account_id=m["account"], source_id=new.id, target_id=ana.id))
        doomed = Stakeholder(account_id=m["account"], name="Zed")
        s.add(doomed)
        s.flush()
        s.delete(doomed)

    changes = changed(portfolio, m["account"], edit)
    assert texts(changes, Kind.PERSON_MOVED) == ["Ana Ruiz now reports to Tom Berg (was Lee Chan)."]
    assert texts(changes, Kind.PERSON_ADDED) == [
        "Kim Park (CFO) is new on the map, reporting to Tom Berg."
    ]
    assert texts(changes, Kind.PERSON_LEFT) == ["Bo Ng left the company."]
    assert texts(changes, Kind.LINE_ADDED) == ["Lee Chan now reports to Tom Berg."]
    assert texts(changes, Kind.TITLE) == ["Ana Ruiz's title is now VP Operations (was Ops lead)."]
    assert texts(changes, Kind.LEVEL) == ["Ana Ruiz is now at the Director/VP level (was Manager)."]
    assert texts(changes, Kind.STANCE) == ["Ana Ruiz's stance is now champion (was supporter)."]
    assert texts(changes, Kind.ROLES) == ["Ana Ruiz is now economic buyer and no longer champion."]
    assert texts(changes, Kind.INFLUENCE_ADDED) == ["Kim Park now influences Ana Ruiz."]
    assert texts(changes, Kind.INFLUENCE_REMOVED) == ["Tom Berg no longer influences Lee Chan."]
    assert {c.area for c in changes} == {Area.RELATIONSHIPS}
    moved = next(c for c in changes if c.kind is Kind.PERSON_MOVED)
    assert (moved.subject, moved.subject_id) == ("Ana Ruiz", m["ana"])
    # What the customer may see: no stance, roles or influence.
    assert {c.kind for c in shared_only(changes)} == {
        Kind.PERSON_MOVED,
        Kind.PERSON_ADDED,
        Kind.PERSON_LEFT,
        Kind.LINE_ADDED,
        Kind.TITLE,
        Kind.LEVEL,
    }


def test_removed_people_lines_and_status_back(portfolio: Portfolio, meridian: dict) -> None:
    m = meridian

    def edit(s: Session) -> None:
        s.get(Stakeholder, m["ana"]).reports_to = None
        s.delete(s.get(Stakeholder, m["bo"]))

    changes = changed(portfolio, m["account"], edit)
    assert texts(changes, Kind.LINE_REMOVED) == ["Ana Ruiz no longer reports to Lee Chan."]
    assert texts(changes, Kind.PERSON_REMOVED) == ["Bo Ng is no longer on the map."]
    with portfolio.read() as s:
        now = snapshots.capture(s, m["account"])
    ana = now.people[m["ana"]]
    left = now.people | {ana.id: type(ana)(**{**ana.__dict__, "status": "left_company"})}
    back = compare(type(now)(**{**now.__dict__, "people": left}), now)
    assert texts(back, Kind.PERSON_STATUS) == ["Ana Ruiz is active again (had left the company)."]
    moved_on = now.people | {ana.id: type(ana)(**{**ana.__dict__, "status": "changed_role"})}
    changed_role = compare(now, type(now)(**{**now.__dict__, "people": moved_on}))
    assert texts(changed_role, Kind.PERSON_STATUS) == ["Ana Ruiz changed role."]


def test_every_kind_of_change_on_the_roadmap_dimensions_metrics_and_actions(
    portfolio: Portfolio, meridian: dict
) -> None:
    m = meridian

    def edit(s: Session) -> None:
        uc = s.get(UseCase, m["use_case"])
        uc.target_quarter = dt.date(2027, 4, 1)
        uc.step = StairStep.ENHANCEMENT
        uc.status = UseCaseStatus.LIVE
        s.add(UseCase(account_id=m["account"], title="Supplier portal", step=StairStep.INNOVATION))
        s.delete(s.query(UseCase).filter_by(title="Gone").one())
        dim = s.query(DimensionPlan).one()
        dim.current, dim.target, dim.target_quarter = 55, 90, dt.date(2027, 7, 1)
        s.add(
            MetricValue(account_metric_id=m["metric"], measured_on=dt.date(2026, 12, 1), value=20)
        )
        action = s.get(ActionItem, m["action"])
        action.status = ActionStatus.DONE
        action.due_date = dt.date(2026, 12, 17)
        s.add(
            ActionItem(
                account_id=m["account"],
                title="Book the training",
                customer_owner_id=m["ana"],
                due_date=dt.date(2027, 1, 15),
            )
        )

    with portfolio.session() as s:
        s.add(UseCase(account_id=m["account"], title="Gone"))
    changes = changed(portfolio, m["account"], edit)

    assert texts(changes, Kind.USE_CASE_QUARTER) == [
        "Invoice matching moved to 2027 Q2 (was 2027 Q1)."
    ]
    assert texts(changes, Kind.USE_CASE_STEP) == [
        "Invoice matching is now on the Enhancement step (was Remediation)."
    ]
    assert texts(changes, Kind.USE_CASE_STATUS) == [
        "Invoice matching is now live (was identified)."
    ]
    assert texts(changes, Kind.USE_CASE_ADDED) == [
        "Use case Supplier portal added (Innovation, no quarter)."
    ]
    assert texts(changes, Kind.USE_CASE_REMOVED) == ["Use case Gone removed."]
    assert texts(changes, Kind.DIMENSION) == [
        "Users: current 55 users (was 40 users); target 90 users (was none);"
        " target quarter 2027 Q3 (was no quarter)."
    ]
    assert texts(changes, Kind.METRIC_RECORDED) == [
        "Hours saved: 20 h recorded on 2026-12-01 (was 12 h on 2026-10-01)."
    ]
    assert texts(changes, Kind.ACTION_CLOSED) == ["Action closed (done): Send the pilot plan."]
    assert texts(changes, Kind.ACTION_DUE) == [
        "Send the pilot plan is now due 2026-12-17 (was 2026-12-10)."
    ]
    assert texts(changes, Kind.ACTION_ADDED) == [
        "Action agreed: Book the training, owner Ana Ruiz, due 2027-01-15."
    ]
    areas = {c.kind: c.area for c in changes}
    assert areas[Kind.DIMENSION] is Area.EXPANSION
    assert areas[Kind.METRIC_RECORDED] is Area.VALUE
    assert areas[Kind.ACTION_ADDED] is Area.ACTIONS


def test_a_corrected_measurement_a_removed_and_a_reopened_action(
    portfolio: Portfolio, meridian: dict
) -> None:
    m = meridian
    with portfolio.read() as s:
        before = snapshots.capture(s, m["account"])
    with portfolio.session() as s:
        s.query(MetricValue).one().value = 14
        s.get(ActionItem, m["action"]).status = ActionStatus.CANCELLED
    with portfolio.read() as s:
        middle = snapshots.capture(s, m["account"])
    with portfolio.session() as s:
        s.get(ActionItem, m["action"]).status = ActionStatus.OPEN
    with portfolio.read() as s:
        reopened = snapshots.capture(s, m["account"])
    with portfolio.session() as s:
        s.delete(s.get(ActionItem, m["action"]))
    with portfolio.read() as s:
        after = snapshots.capture(s, m["account"])
    first = compare(before, middle)
    assert texts(first, Kind.METRIC_CHANGED) == [
        "Hours saved on 2026-10-01 is now 14 h (was 12 h)."
    ]
    assert texts(first, Kind.ACTION_CLOSED) == ["Action closed (dropped): Send the pilot plan."]
    assert texts(compare(middle, reopened), Kind.ACTION_REOPENED) == [
        "Action reopened: Send the pilot plan."
    ]
    assert texts(compare(reopened, after), Kind.ACTION_REMOVED) == [
        "Action removed: Send the pilot plan."
    ]


def test_without_the_private_layer_no_private_change_is_found(
    portfolio: Portfolio, meridian: dict
) -> None:
    with portfolio.read() as s:
        before = snapshots.capture(s, meridian["account"])
    with portfolio.session() as s:
        s.get(Stakeholder, meridian["ana"]).stance = Stance.DETRACTOR
    with portfolio.read() as s:
        after = snapshots.capture(s, meridian["account"])
    assert [c.kind for c in compare(before, after)] == [Kind.STANCE]
    shared_before = decode(encode(before)[0])  # a customer copy's snapshot
    assert compare(shared_before, decode(encode(after)[0])) == []
