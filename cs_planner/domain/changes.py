"""What one user action changed, so that only the views showing it reload."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    """Returned by every edit's ``apply`` and ``revert``; the context emits it once per
    user action and each view asks ``touches_*`` before it reloads."""

    accounts: frozenset[int] = frozenset()  # something inside these accounts
    account_list: bool = False  # the set of accounts, or a field the portfolio list shows
    team: bool = False  # our people (names, roles, capacity)
    settings: bool = False  # the portfolio's settings
    templates: bool = False  # the stairway template library

    @classmethod
    def account(cls, account_id: int | None, *, listed: bool = False) -> Changes:
        """Inside one account; ``listed`` when the portfolio list shows what changed."""
        ids = frozenset() if account_id is None else frozenset({account_id})
        return cls(accounts=ids, account_list=listed)

    @classmethod
    def of_accounts(cls, account_ids: Iterable[int], *, listed: bool = False) -> Changes:
        return cls(accounts=frozenset(account_ids), account_list=listed)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            accounts=self.accounts | other.accounts,
            account_list=self.account_list or other.account_list,
            team=self.team or other.team,
            settings=self.settings or other.settings,
            templates=self.templates or other.templates,
        )

    def __bool__(self) -> bool:
        return bool(
            self.accounts or self.account_list or self.team or self.settings or self.templates
        )

    def touches_account(self, account_id: int | None) -> bool:
        """True when a view of ``account_id`` may show something that changed: the account
        itself, or what every account view shows (settings, the team, the templates)."""
        if account_id is None:
            return False
        return account_id in self.accounts or self.settings or self.team or self.templates

    @property
    def portfolio_wide(self) -> bool:
        """Anything a portfolio page (every account at once) may show."""
        return bool(self)


NOTHING = Changes()
