"""The account's progress against its stairway template, as a checklist beside the stairway:
each template use case done, in progress or not started, with a link to add a missing one
or to show one that is on the roadmap."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from cs_planner.domain.stairway.rows import STEPS, Progress, TemplateData, TemplateProgress
from cs_planner.ui.common import theme
from cs_planner.ui.common.text_fit import LABEL_MAX, rich

MARKS = {
    Progress.DONE: ("✔", theme.GOOD, "done (adopted)"),
    Progress.IN_PROGRESS: ("◐", theme.WARN, "in progress"),
    Progress.NOT_STARTED: ("○", theme.MUTED, "not started"),
}


def _esc(text: str, limit: int = LABEL_MAX) -> str:
    """User text in rich text: escaped, cut and breakable (``text_fit``)."""
    return rich(text, limit)


def checklist_html(template: TemplateData, progress: TemplateProgress, chosen: bool) -> str:
    how = "Template" if chosen else "Suggested template"
    parts = [f"<p><b>{how}:</b> {_esc(template.name)}<br>"]
    counts = ", ".join(
        f"{progress.count(state)} {label}" for state, (_m, _c, label) in MARKS.items()
    )
    parts.append(f"<span style='color:{theme.MUTED}'>{counts}</span></p>")
    for step in STEPS:
        lines = []
        for n, item in enumerate(progress.items):
            if item.case.step != step:
                continue
            mark, colour, label = MARKS[item.state]
            title = _esc(item.case.title)
            if item is progress.next_item:
                title = f"<b>{title}</b> <span style='color:#1565c0'>(next)</span>"
            if item.use_case_id is None:
                link = f" <a href='add:{n}'>add</a>"
            else:
                link = f" <a href='show:{item.use_case_id}'>show</a>"
            lines.append(
                f"<span style='color:{colour}' title='{label}'>{mark}</span> {title}{link}"
            )
        if lines:
            parts.append(f"<p><b>{step.label}</b><br>" + "<br>".join(lines) + "</p>")
    return "".join(parts)


class TemplateChecklist(QLabel):
    """Rich text with links: ``addRequested(item index)``, ``showRequested(use case id)``."""

    addRequested = Signal(int)
    showRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setToolTip("✔ adopted · ◐ qualified to live · ○ not on the roadmap, or only an idea")
        self.setContentsMargins(9, 6, 9, 6)  # in line with the panel above
        self.linkActivated.connect(self._link)

    def show_progress(
        self, template: TemplateData | None, progress: TemplateProgress | None, chosen: bool
    ) -> None:
        if template is None or progress is None:
            self.setText("")
            self.hide()
            return
        self.setText(checklist_html(template, progress, chosen))

    def _link(self, link: str) -> None:
        kind, _sep, number = link.partition(":")
        if kind == "add":
            self.addRequested.emit(int(number))
        elif kind == "show":
            self.showRequested.emit(int(number))
