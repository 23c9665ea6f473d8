"""Finds text a person cannot read in full: a visible label or button narrower than its
text (unless it elides with "…" and says the whole text in a tooltip), a wrapped label
shorter than its lines, or a widget cut off by the widget it sits in."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QLabel,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

ELLIPSIS = "…"
SLACK = 1  # pixels of rounding


def _is_rich(label: QLabel) -> bool:
    return label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(label.text())
    )


def plain_text(label: QLabel) -> str:
    text = label.text()
    if _is_rich(label):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    if label.buddy() is not None:  # "&File:" shows as "File:" with the F underlined
        return text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text


def _text_width(widget: QWidget, label: QLabel | None = None) -> int:
    """The width the text needs on one line (rich text laid out as the label would)."""
    if label is not None and _is_rich(label):
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(label.text())
        return int(document.idealWidth() + 0.999)
    text = plain_text(label) if label is not None else widget.text()  # type: ignore[attr-defined]
    metrics = widget.fontMetrics()
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def _elides(widget: QWidget, text: str) -> bool:
    return text.rstrip().endswith(ELLIPSIS) and bool(widget.toolTip())


def _label_problem(label: QLabel) -> str | None:
    text = plain_text(label)
    if not text.strip() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    room = label.contentsRect()
    margin = 2 * label.margin() + max(label.indent(), 0)
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK:
            return f"wrapped text needs {needed} px of height, has {label.height()}"
        longest_word = max(
            (label.fontMetrics().horizontalAdvance(w) for w in text.split()), default=0
        )
        if longest_word > room.width() - margin + SLACK and not _elides(label, text):
            return f"a word needs {longest_word} px, has {room.width() - margin}"
        return None
    needed = _text_width(label, label)
    if needed > room.width() - margin + SLACK and not _elides(label, text):
        return f"text needs {needed} px, has {room.width() - margin}"
    lines = text.count("\n") + 1
    if lines * label.fontMetrics().lineSpacing() > room.height() + 4:
        return f"{lines} lines need more than {room.height()} px of height"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if not text.strip():
        return None
    if isinstance(button, (QCheckBox, QRadioButton)):
        option = QStyleOptionButton()
        option.initFrom(button)
        element = (
            QStyle.SubElement.SE_CheckBoxContents
            if isinstance(button, QCheckBox)
            else QStyle.SubElement.SE_RadioButtonContents
        )
        room = button.style().subElementRect(element, option, button).width()
    else:
        room = button.contentsRect().width() - 8  # the frame and padding around the text
        if not button.icon().isNull():
            room -= button.iconSize().width() + 4
    needed = button.fontMetrics().horizontalAdvance(text)
    if needed > room + SLACK and not _elides(button, text):
        return f"text needs {needed} px, has {room}"
    return None


def _cut_by_parent(widget: QWidget, window: QWidget) -> str | None:
    """The widget lies inside each parent up to the window (or a scrolled viewport)."""
    child: QWidget = widget
    while child is not window and child.parentWidget() is not None:
        parent = child.parentWidget()
        if isinstance(parent.parentWidget(), QAbstractScrollArea):
            return None  # a scroll area's viewport scrolls to what it cuts
        inside = QRect(parent.rect()).adjusted(-SLACK, -SLACK, SLACK, SLACK)
        if not inside.contains(child.geometry()):
            return f"cut off by {type(parent).__name__} ({child.geometry()} in {parent.rect()})"
        child = parent
    return None


def clipped_texts(window: QWidget) -> list[str]:
    """One line per visible label or button whose text does not show in full."""
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton)) or not widget.isVisible():
            continue
        if widget.width() <= 0 or widget.window() is not window:
            continue
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
            text = plain_text(widget)
        else:
            problem = _button_problem(widget)
            text = widget.text()
        if text.strip() and problem is None:
            problem = _cut_by_parent(widget, window)
        if problem:
            found.append(f"{type(widget).__name__} {text[:60]!r}: {problem}")
    return found
