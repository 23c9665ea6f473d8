"""A throwaway PostgreSQL server for one test run: a new cluster in a temporary folder,
started on a free loopback port with durability off (the run's data need not survive a
crash), and stopped at the end even when the run fails.

``initdb`` and ``pg_ctl`` refuse to run as root, so under root (CI) they run as the
``postgres`` user in a folder that user owns."""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Debian puts the server's programs outside PATH; /usr/local/bin links them on some images.
_DEBIAN_BIN = Path("/usr/lib/postgresql")


def find_bin() -> Path | None:
    """The folder with ``initdb`` and ``pg_ctl``, or None where PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(_DEBIAN_BIN.glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return versions[-1].parent if versions else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    bin: Path
    root: Path
    port: int
    as_user: list[str]

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def pg_ctl(self, *args: str, timeout: float = 60) -> None:
        subprocess.run(
            [*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), *args],
            check=True,
            capture_output=True,
            timeout=timeout,
        )

    def stop(self) -> None:
        """Stop at once (the data is thrown away) and remove the folder."""
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self.pg_ctl("stop", "-m", "immediate", "-w", timeout=30)
        shutil.rmtree(self.root, ignore_errors=True)

    def restart(self) -> None:
        """Stop (clients' connections are cut) and start again on the same port."""
        self.pg_ctl("stop", "-m", "fast", "-w")
        self.start()

    def start(self) -> None:
        options = " ".join(
            [
                f"-p {self.port}",
                "-c listen_addresses=127.0.0.1",
                f"-c unix_socket_directories={self.root}",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=200",
            ]
        )
        self.pg_ctl("start", "-w", "-t", "60", "-l", str(self.root / "server.log"), "-o", options)


def start() -> Server:
    """A new cluster, started; the caller stops it. Raises RuntimeError with the server's
    own words when it cannot start."""
    bin_dir = find_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (no initdb)")
    root = Path(tempfile.mkdtemp(prefix="cs-planner-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(root, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    server = Server(bin_dir, root, _free_port(), as_user)
    atexit.register(server.stop)  # also when the run ends without its fixtures' teardown
    try:
        subprocess.run(
            [
                *as_user,
                str(bin_dir / "initdb"),
                "-D",
                str(server.data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        server.start()
    except subprocess.CalledProcessError as exc:
        log = server.root / "server.log"
        said = (exc.stderr or b"").decode(errors="replace").strip()
        if log.exists():
            said += "\n" + log.read_text(errors="replace")[-2000:]
        server.stop()
        raise RuntimeError(f"PostgreSQL did not start: {said}") from exc
    except BaseException:
        server.stop()
        raise
    return server
