"""A throw-away PostgreSQL server for the tests: initdb into a temporary folder, started as a
non-root user, listening only on a private socket folder (no TCP port), stopped at the end.

The binaries come from the distribution's packages (``apt-get install postgresql``; .ci/run
installs them). Found through ``pg_config --bindir``, Debian's /usr/lib/postgresql/*/bin,
or PATH. Logins use passwords (scram-sha-256), as a real server of an IT provider would.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ADMIN = "ozgadmin"
ADMIN_PASSWORD = "test-admin-passwort"


def _bindir() -> Path | None:
    candidates: list[str] = []
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, timeout=10)
        candidates.append(out.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    which = shutil.which("initdb")
    if which:
        candidates.append(str(Path(which).resolve().parent))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def available() -> bool:
    return _bindir() is not None


@dataclass
class PgServer:
    base: Path
    socket: Path
    bindir: Path
    run_as: str | None  # the non-root user running the server (when the tests run as root)

    def url(self, database: str, user: str = ADMIN, password: str = ADMIN_PASSWORD) -> str:
        return f"postgresql://{user}:{password}@/{database}?host={self.socket}&port=5432"

    def _cmd(self, *args: str) -> list[str]:
        if self.run_as:
            return ["runuser", "-u", self.run_as, "--", *args]
        return list(args)

    def stop(self) -> None:
        subprocess.run(
            self._cmd(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.base / "data"),
                "-m",
                "immediate",
                "-w",
                "stop",
            ),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.base, ignore_errors=True)


def start() -> PgServer:
    bindir = _bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL (initdb, pg_ctl) ist nicht installiert")
    run_as = None
    if os.geteuid() == 0:  # initdb refuses root: run the server as an unprivileged user
        for name in ("postgres", "nobody"):
            with contextlib.suppress(KeyError):
                pwd.getpwnam(name)
                run_as = name
                break
    base = Path(tempfile.mkdtemp(prefix="ozgdesk-pg-"))
    socket = base / "sock"
    socket.mkdir()
    pwfile = base / "pw"
    pwfile.write_text(ADMIN_PASSWORD + "\n")
    if run_as:
        info = pwd.getpwnam(run_as)
        for path in (base, socket, pwfile):
            os.chown(path, info.pw_uid, info.pw_gid)
    os.chmod(base, 0o700)
    os.chmod(socket, 0o700)
    server = PgServer(base, socket, bindir, run_as)
    subprocess.run(
        server._cmd(
            str(bindir / "initdb"),
            "-D",
            str(base / "data"),
            "-U",
            ADMIN,
            f"--pwfile={pwfile}",
            "--auth=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ),
        check=True,
        capture_output=True,
        timeout=120,
    )
    options = (
        f"-c listen_addresses='' -c unix_socket_directories={socket} -c port=5432 "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
        "-c max_connections=200 -c shared_buffers=128MB"
    )
    subprocess.run(
        server._cmd(
            str(bindir / "pg_ctl"),
            "-D",
            str(base / "data"),
            "-o",
            options,
            "-l",
            str(base / "log"),
            "-w",
            "-t",
            "60",
            "start",
        ),
        check=True,
        capture_output=True,
        timeout=90,
    )
    return server


def admin_execute(server: PgServer, *statements: str, database: str = "postgres") -> None:
    import psycopg

    with psycopg.connect(server.url(database), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]  # test set-up SQL, not user input
