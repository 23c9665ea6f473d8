"""The core (domain, storage, reports) never loads Qt: it runs on servers and in scripts."""

import subprocess
import sys


def test_core_does_not_import_qt() -> None:
    code = (
        "import sys\n"
        "import cs_planner.domain, cs_planner.domain.model, cs_planner.domain.accounts.queries\n"
        "import cs_planner.storage, cs_planner.reports, cs_planner.cli\n"
        "import cs_planner.reports.account_plan\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "assert not loaded, loaded\n"
        "heavy = sorted(m for m in ('matplotlib', 'alembic') if m in sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
