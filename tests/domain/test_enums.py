"""Labels are worked out once per member and kept: members of two enums with the same
value ("none") each keep their own."""

from __future__ import annotations

from cs_planner.domain.enums import Engagement, Level, ReferenceStatus, Tier


def test_members_with_the_same_value_keep_their_own_labels() -> None:
    assert Engagement.NONE == ReferenceStatus.NONE  # equal as text, so keyed by member
    for _ in range(2):  # worked out, then remembered
        assert Engagement.NONE.label == "Not engaged"
        assert ReferenceStatus.NONE.label == "Not a reference"


def test_labels_read_well() -> None:
    assert Level.DIRECTOR_VP.label == "Director/VP"
    assert Tier.TOP.label == "Top"
