"""A one-line label that fits the room it is given: a long text (a template's name, a date
range) shortens with "…" rather than widening the window past a laptop's screen, and the
tooltip then says it in full."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent, QTextCursor, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QWidget

ELLIPSIS = "…"


class ElidedLabel(QLabel):
    """Shows as much of its text as fits on one line, ending with "…" when cut; rich text
    keeps its formatting. ``full_text()`` is the text set; ``text()`` what is shown. Its
    size hint asks for the whole text, its minimum only for ``min_chars`` characters."""

    def __init__(self, text: str = "", parent: QWidget | None = None, min_chars: int = 12) -> None:
        super().__init__(parent)
        self._full = ""
        self._tip = ""
        self._min_chars = min_chars
        self.setText(text)

    # --- what was set ---------------------------------------------------------------------
    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text or ""
        self.updateGeometry()
        self._fit()

    def setToolTip(self, tip: str) -> None:
        """The tooltip shown when the whole text fits (it follows the full text when cut)."""
        self._tip = tip or ""
        self._fit()

    def is_elided(self) -> bool:
        return super().text() != self._full

    # --- sizes ----------------------------------------------------------------------------
    def _is_rich(self) -> bool:
        fmt = self.textFormat()
        return fmt == Qt.TextFormat.RichText or (
            fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(self._full)
        )

    def _document(self, html: str) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setDocumentMargin(0)
        document.setHtml(html)
        return document

    def _text_width(self) -> int:
        if self._is_rich():
            return int(self._document(self._full).idealWidth() + 0.999)
        return self.fontMetrics().horizontalAdvance(self._full)

    def _frame(self) -> int:
        margins = self.contentsMargins()
        return margins.left() + margins.right() + 2 * self.margin() + max(self.indent(), 0)

    def sizeHint(self) -> QSize:
        height = super().sizeHint().height()
        return QSize(self._text_width() + self._frame(), height)

    def minimumSizeHint(self) -> QSize:
        height = super().minimumSizeHint().height()
        metrics = self.fontMetrics()
        least = metrics.horizontalAdvance("x" * self._min_chars + ELLIPSIS)
        return QSize(min(least, self._text_width()) + self._frame(), height)

    # --- eliding --------------------------------------------------------------------------
    def _room(self) -> int:
        return self.contentsRect().width() - 2 * self.margin() - max(self.indent(), 0)

    def _fit(self) -> None:
        room = self._room()
        if not self.isVisible() or room <= 0 or self._text_width() <= room:
            shown = self._full
        elif self._is_rich():
            shown = self._elide_rich(room)
        else:
            shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        if shown != super().text():
            super().setText(shown)
        tip = self._tip
        if shown != self._full:
            whole = self._document(self._full).toPlainText() if self._is_rich() else self._full
            tip = f"{whole}\n\n{tip}" if tip else whole
        if tip != super().toolTip():
            super().setToolTip(tip)

    def _elide_rich(self, room: int) -> str:
        """The longest start of the formatted text that fits with "…" after it."""
        document = self._document(self._full)
        length = document.characterCount() - 1

        def cut(keep: int) -> QTextDocument:
            shorter = document.clone()
            shorter.setDefaultFont(self.font())
            cursor = QTextCursor(shorter)
            cursor.setPosition(keep)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(ELLIPSIS)
            return shorter

        low, high = 0, length - 1
        while low < high:
            middle = (low + high + 1) // 2
            if cut(middle).idealWidth() <= room:
                low = middle
            else:
                high = middle - 1
        return cut(low).toHtml()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()
