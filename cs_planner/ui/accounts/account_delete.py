"""Deleting accounts from the list: one question naming them, one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from cs_planner.domain.accounts.edits import delete_accounts
from cs_planner.domain.accounts.queries import account_names
from cs_planner.ui.shell import undo
from cs_planner.ui.shell.context import AppContext

DELETE_NAMES_SHOWN = 8  # a longer selection is named by its first accounts and a count


def ask_and_delete(ctx: AppContext, parent: QWidget, ids: list[int]) -> None:
    """Ask once for every account of ``ids`` still there, then delete them in one step."""
    names = ctx.read(lambda s: account_names(s, ids))
    ids = [i for i in ids if i in names]
    ordered = [names[i] for i in ids]
    if not ordered:
        return
    if len(ordered) == 1:
        question = f"Delete {ordered[0]} with its stakeholders, roadmap, plans and history?"
        step = f"Delete account {ordered[0]}"
    else:
        shown = ordered[:DELETE_NAMES_SHOWN]
        more = len(ordered) - len(shown)
        listed = "\n".join(f"• {name}" for name in shown)
        question = (
            f"Delete these {len(ordered)} accounts with their stakeholders, roadmaps, "
            f"plans and history?\n\n{listed}" + (f"\n… and {more} more" if more else "")
        )
        step = f"Delete {len(ordered)} accounts"
    answer = QMessageBox.question(
        parent,
        "Delete accounts" if len(ordered) > 1 else "Delete account",
        f"{question}\n\nYou can undo this with Edit > Undo.",
    )
    if answer == QMessageBox.StandardButton.Yes:
        undo.perform(ctx, delete_accounts(step, ids))
