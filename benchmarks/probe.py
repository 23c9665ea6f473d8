"""One measurement in a fresh process, run by harness.py: ``python benchmarks/probe.py KIND
ARGS...``. The last line of standard output is a JSON object of figures (seconds, and
``painted``: the wall-clock time, time.time(), of the first paint)."""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import targets

FLOOR_ROWS = 5000
FLOOR_COLUMNS = 7
FLOOR_PEOPLE, FLOOR_LINES = 300, 400
FLOOR_CARDS = 20  # per picture in the export floor: as many as a demo account's map


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _emit(figures: dict) -> None:
    figures.setdefault("peak_mb", peak_mb())
    print(json.dumps(figures), flush=True)


def _paint_watch(widget, ready=lambda: True):
    """A watch installed on ``widget``: its ``painted`` list gets the time.time() of each
    paint of ``widget`` while ``ready()``; ``widget.removeEventFilter(watch)`` ends it."""
    from PySide6.QtCore import QEvent, QObject

    class Watch(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.painted: list[float] = []

        def eventFilter(self, obj, event) -> bool:
            if obj is widget and event.type() == QEvent.Type.Paint and ready():
                self.painted.append(time.time())
            return False

    watch = Watch()
    widget.installEventFilter(watch)
    return watch


def _watch_first_paint(app, widget, ready=lambda: True) -> float:
    """Show nothing; wait until ``widget`` is painted while ``ready()``; the time.time()."""
    watch = _paint_watch(widget, ready)
    deadline = time.time() + 120
    while not watch.painted and time.time() < deadline:
        app.processEvents()
    widget.removeEventFilter(watch)
    return watch.painted[0] if watch.painted else float("nan")


# --- start-up ------------------------------------------------------------------------------


def startup_floor() -> None:
    """A bare PySide6 main window: menus, a status bar and a 5,000-row table, painted."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    class Model(QAbstractTableModel):
        def __init__(self, rows: list[tuple]) -> None:
            super().__init__()
            self.rows = rows

        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
            return len(self.rows)

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
            return FLOOR_COLUMNS

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.rows[index.row()][index.column()]
            return None

        def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return f"Column {section + 1}"
            return None

    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    window = QMainWindow()
    for menu in ("File", "Edit", "View", "Portfolio", "Help"):
        window.menuBar().addMenu(menu).addAction(f"{menu} action")
    window.statusBar().showMessage("5000 accounts")
    rows = [
        (f"Account {n:05d}", "Manufacturing", "Tier 2", f"{n * 37.5:,.0f}", "CSM", "Q3", "ok")
        for n in range(FLOOR_ROWS)
    ]
    table = QTableView()
    table.setModel(Model(rows))
    table.setSortingEnabled(True)
    window.setCentralWidget(table)
    window.resize(1500, 920)
    window.show()
    painted = _watch_first_paint(app, table.viewport())
    _emit({"painted": painted})


def _window(path: str, settings_file: str):
    from PySide6.QtCore import QSettings

    app = targets.get("setup_application")()
    portfolio, lock = targets.get("open_for_ui")(path, create=False)
    settings = QSettings(settings_file, QSettings.Format.IniFormat)
    window = targets.get("MainWindow")(targets.get("AppContext")(portfolio), lock, settings)
    return app, window


def startup_app(path: str, settings_file: str) -> None:
    """As cs_planner.app.run: the main window, painted with the list populated; then
    ``ready``, when the portfolio is open in full and the last account restored."""
    from PySide6.QtCore import QSettings

    app = targets.get("setup_application")()
    settings = QSettings(settings_file, QSettings.Format.IniFormat)
    window = targets.get("start_window")(path, settings)
    table = targets.list_table(window)
    window.show()
    painted = _watch_first_paint(app, table.viewport(), lambda: table.model().rowCount() > 0)
    figures = {"painted": painted, "rows": table.model().rowCount()}
    deadline = time.time() + 120
    while not targets.is_open(window) and time.time() < deadline:
        app.processEvents()
    figures["ready"] = time.time()
    figures["restored"] = targets.account_list(window).selected_id() or 0
    figures["peak_mb"] = peak_mb()
    window.close()  # as a user quits: the state is saved, the file closed
    app.processEvents()
    _emit(figures)


# --- a session in the window: pages and tabs ---------------------------------------------


def _shown(app, window, action) -> float:
    """Seconds from ``action()`` to the window painted with its result."""
    start = time.perf_counter()
    action()
    app.processEvents()
    window.repaint()
    return time.perf_counter() - start


def _settled(app, seconds: float = 0.3) -> None:
    """A user moving to the next thing to do: events processed for ``seconds``, so what
    the steps before left to lay out and paint is done before the next one is timed."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.005)


def _typed(app, widget, action) -> float:
    """Seconds from ``action()`` (a keystroke) to ``widget`` painted with its result: the
    events it posts processed (layouts, and the paint of every widget it changed, as the
    event loop paints them) until ``widget`` has been painted. Unlike ``_shown``, nothing
    that did not change is repainted: ``window.repaint()`` painted the whole window, the
    workspace beside the list too, which a keystroke in the list's search leaves as is."""
    watch = _paint_watch(widget)
    start = time.perf_counter()
    action()
    app.processEvents()
    deadline = start + 10
    while not watch.painted and time.perf_counter() < deadline:
        app.processEvents()
    elapsed = time.perf_counter() - start
    widget.removeEventFilter(watch)
    return elapsed if watch.painted else float("nan")


def _idle_until_warm(app, window=None, longest: float = 20.0) -> None:
    """A user who has not clicked yet: the app settles a second after it opens the
    portfolio (``ui.common.settle``), then works out the list's health scores on a thread;
    wait until both are done (``longest`` seconds at most)."""
    is_settled = targets.get("settled")
    deadline = time.perf_counter() + longest

    def settled() -> bool:
        return is_settled() and (window is None or targets.list_settled(window))

    while not settled() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.005)


def session(path: str, settings_file: str, *what: str) -> None:
    """Measure, in this order, what is asked: csa (the CSAs page's first and later
    shows; csa-first: the first only), switch (an Overview account switch, the mean of
    11), expansion (the tab's first open: nothing before it loads charts), filter (a
    keystroke in the list's search, the mean of 12 typed and deleted), memory (every tab
    and page visited)."""
    app, window = _window(path, settings_file)
    window.show()
    for _ in range(3):
        app.processEvents()
    _idle_until_warm(app, window)
    area = targets.main_area(window)
    listing = targets.account_list(window)
    model = targets.list_table(window).model()
    ids = [listing.model.row_at(i).id for i in range(min(model.rowCount(), 12))]
    figures: dict[str, float] = {"rows": model.rowCount()}

    def show(tab: str) -> float:
        return _shown(app, window, lambda: area.set_tab(tab))

    if "csa" in what or "csa-first" in what:
        figures["csa_first"] = show(targets.CSA_PAGE)
    if "csa" in what:
        later = []
        for _ in range(2):
            show(targets.OVERVIEW_TAB)
            later.append(show(targets.CSA_PAGE))
        figures["csa_later"] = min(later)
    if "switch" in what:
        show(targets.OVERVIEW_TAB)
        listing.select_account(ids[-1])
        app.processEvents()
        times = [_shown(app, window, lambda i=i: listing.select_account(i)) for i in ids[1:]]
        figures["switch"] = min(times)
        figures["switch_mean"] = sum(times) / len(times)
    if "expansion" in what:
        show(targets.OVERVIEW_TAB)
        listing.select_account(ids[0])
        app.processEvents()
        figures["expansion_first"] = show(targets.EXPANSION_TAB)
    if "filter" in what:
        # Typed once the steps before have settled (a user moves to the search box), each
        # keystroke timed until the list is painted with its matches (``_typed``).
        _settled(app)
        search = targets.search_box(window)
        viewport = targets.list_table(window).viewport()
        texts = ["k", "ke", "kes", "ke", "k", "", "a", "an", "and", "an", "a", ""]
        times = [_typed(app, viewport, lambda t=t: search.setText(t)) for t in texts]
        figures["filter"] = min(times)
        figures["filter_mean"] = sum(times) / len(times)
    if "memory" in what:
        if ids:
            listing.select_account(ids[0])
        for name in area.tab_names():
            show(name)
        figures["every_tab"] = 1.0
    figures["peak_mb"] = peak_mb()
    window.close()
    app.processEvents()
    _emit(figures)


# --- the relationship map ----------------------------------------------------------------


def map_fill(path: str, people: str) -> None:
    """A portfolio with one account of ``people`` stakeholders: a random org chart, a
    tenth of them with an influence line."""
    import datetime as dt
    import random

    level, stance = targets.get("Level"), targets.get("Stance")
    stakeholder, link = targets.get("Stakeholder"), targets.get("InfluenceLink")
    portfolio = targets.get("open_portfolio")(path)
    rng = random.Random(3)
    count = int(people)
    with portfolio.session() as s:
        account = targets.get("create_account")(s, "Big Org", 100_000)
        ids: list[int] = []
        for n in range(count):
            boss = None if n < 2 else rng.choice(ids[max(0, n - 40) :])
            person = stakeholder(
                account_id=account,
                name=f"Person {n:03d}",
                title="Director of Something Important",
                level=list(level)[min(3, n // 8 if n < 24 else 3 - (n % 2))],
                stance=rng.choice(list(stance)),
                influence=rng.randint(1, 5),
                reports_to_id=boss,
                last_contact=dt.date(2026, 11, 1) - dt.timedelta(days=rng.randint(0, 300)),
            )
            s.add(person)
            s.flush()
            ids.append(person.id)
        pairs = set()
        while len(pairs) < count // 10:
            pairs.add(tuple(rng.sample(ids, 2)))
        for a, b in sorted(pairs):
            s.add(link(account_id=account, source_id=a, target_id=b))
    portfolio.close()
    _emit({"account": account})


MAP_VIEW = (1400, 900)  # the map's view on a large screen


def _render(scene) -> None:
    """Every item of ``scene`` drawn, the whole scene fitted into one view-sized picture
    (as the map's "fit" shows it): app and floor draw the same number of pixels, however
    wide their layouts."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter

    width, height = MAP_VIEW
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    target = QRectF(0, 0, width, height)
    scene.render(painter, target, scene.itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()


def _bare_map(people: int, lines: int) -> None:
    """A QGraphicsScene of ``people`` cards (a rounded box, a name and a title) and
    ``lines`` lines, drawn to a QImage."""
    from PySide6.QtCore import QLineF, QRectF
    from PySide6.QtGui import QBrush, QColor, QPen
    from PySide6.QtWidgets import QGraphicsScene

    scene = QGraphicsScene()
    pen, brush = QPen(QColor("#607d8b"), 1.5), QBrush(QColor("#e3f2fd"))
    places = []
    for n in range(people):
        x, y = (n % 30) * 200.0, (n // 30) * 110.0
        card = scene.addRect(QRectF(x, y, 180, 72), pen, brush)
        card.setToolTip(f"Person {n:03d}")
        name = scene.addSimpleText(f"Person {n:03d}")
        name.setPos(x + 8, y + 6)
        title = scene.addSimpleText("Director of Something Important")
        title.setPos(x + 8, y + 30)
        places.append((x + 90, y + 36))
    for n in range(lines):
        (x1, y1), (x2, y2) = places[n % people], places[(n * 7 + 1) % people]
        scene.addLine(QLineF(x1, y1, x2, y2), pen)
    _render(scene)


def relationship_map(path: str, account: str, rounds: str) -> None:
    """App and floor interleaved in this one process (min of each): the app's
    Relationships tab reads the map, lays it out, builds its scene, and every card is drawn
    with the app's style sheet; the floor is a bare scene of as many cards and lines."""
    from PySide6.QtWidgets import QApplication

    app = targets.get("setup_application")()
    portfolio = targets.get("open_portfolio")(path, create=False, mode="read")
    ctx = targets.get("AppContext")(portfolio)
    app_times, floor_times = [], []
    for _ in range(int(rounds)):
        tab = targets.get("RelationshipsTab")(ctx)
        tab.resize(1400, 900)
        start = time.perf_counter()
        tab.set_account(int(account))
        _render(targets.map_scene(tab))
        app_times.append(time.perf_counter() - start)
        items = len([i for i in targets.map_scene(tab).items() if i.parentItem() is None])
        tab.deleteLater()
        QApplication.processEvents()
        start = time.perf_counter()
        _bare_map(FLOOR_PEOPLE, FLOOR_LINES)
        floor_times.append(time.perf_counter() - start)
    portfolio.close()
    _emit({"app": min(app_times), "floor": min(floor_times), "top_items": items})
    del app


# --- exports, the portfolio list, opening -----------------------------------------------


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from a PNG's header (IHDR)."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _comparable_picture(width: int, height: int) -> bytes:
    """A matplotlib (Agg) picture of ``width`` x ``height`` pixels, drawn as the app draws
    its relationship map and stairway: FLOOR_CARDS rounded boxes with three texts each and
    as many lines, saved as PNG."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch

    figure = Figure(figsize=(width / 100, height / 100), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_xlim(0, 10 * 220)
    axes.set_ylim(4 * 140, 0)
    for n in range(FLOOR_CARDS):
        x, y = (n % 10) * 220, (n // 10) * 140
        box = FancyBboxPatch((x, y), 200, 100, boxstyle="round,pad=0,rounding_size=10")
        axes.add_patch(box)
        axes.text(x + 10, y + 28, f"Person {n:03d}", fontsize=8, weight="bold")
        axes.text(x + 10, y + 54, "Director of Something", fontsize=6.5, color="#424242")
        axes.text(x + 10, y + 78, "Director · ours: nobody", fontsize=5.5, color="#616161")
        axes.plot([x + 100, x + 100, x + 320, x + 320], [y + 100, y + 120, y + 120, y + 140])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def export_floor(cells: str, out: str) -> None:
    """Bare openpyxl: the same sheets and cell values as the app's workbook (read from a
    pickle made beforehand; its loading is reported to be taken off), and for each of the
    app's pictures one drawn with matplotlib at the same size and inserted."""
    import pickle

    start = time.perf_counter()
    with open(cells, "rb") as file:
        sheets, pictures = pickle.load(file)
    loaded = time.perf_counter() - start
    import io

    from openpyxl import Workbook
    from openpyxl.drawing.image import Image

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    for n, picture in enumerate(pictures):
        drawn = _comparable_picture(*_png_size(picture))
        workbook.worksheets[0].add_image(Image(io.BytesIO(drawn)), f"J{2 + 30 * n}")
    workbook.save(out)
    _emit({"load": loaded})


def dump_cells(workbook_path: str, out: str) -> None:
    """The sheets, values and pictures of a workbook, for export_floor."""
    import pickle
    import zipfile

    from openpyxl import load_workbook

    workbook = load_workbook(workbook_path, read_only=True)
    sheets = [
        (sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
        for sheet in workbook.worksheets
    ]
    workbook.close()
    with zipfile.ZipFile(workbook_path) as archive:
        names = sorted(n for n in archive.namelist() if n.startswith("xl/media/"))
        pictures = [archive.read(n) for n in names]
    with open(out, "wb") as file:
        pickle.dump((sheets, pictures), file)
    _emit({"sheets": len(sheets), "pictures": len(pictures)})


def reads(path: str, rounds: str, rollup_rounds: str = "0", rollup_out: str = "") -> None:
    """No Qt: the list query (list_accounts) and, with an output, the roll-up export."""
    import datetime as dt

    portfolio = targets.get("open_portfolio")(path, create=False, mode="read")
    today = dt.date(2026, 11, 24)
    list_accounts = targets.get("list_accounts")
    times = []
    for _ in range(int(rounds)):
        start = time.perf_counter()
        with portfolio.read() as session:
            count = len(list_accounts(session, today))
        times.append(time.perf_counter() - start)
    figures = {"list_query": min(times), "accounts": count}
    if rollup_out:
        write = targets.get("write_rollup_workbook")
        times = []
        for _ in range(int(rollup_rounds)):
            start = time.perf_counter()
            write(portfolio, Path(rollup_out), today=today)
            times.append(time.perf_counter() - start)
        figures["rollup"] = min(times)
    portfolio.close()
    _emit(figures)


def open_file(path: str, check: str = "remembered") -> None:
    """open_portfolio(read) and close, in a process where storage is already imported.
    ``check``: "remembered" (an unchanged file passed before) or "full" (as if it had
    not: the whole check runs)."""
    opener = targets.get("open_portfolio")
    if check == "full":
        targets.get("checks")._known = dict
    opener(path, create=False, mode="read").close()  # imports, and the record if known
    start = time.perf_counter()
    opener(path, create=False, mode="read").close()
    _emit({"open": time.perf_counter() - start})


KINDS = {
    "startup-floor": startup_floor,
    "startup-app": startup_app,
    "session": session,
    "map-fill": map_fill,
    "map": relationship_map,
    "export-floor": export_floor,
    "dump-cells": dump_cells,
    "reads": reads,
    "open": open_file,
}

if __name__ == "__main__":
    KINDS[sys.argv[1]](*sys.argv[2:])
