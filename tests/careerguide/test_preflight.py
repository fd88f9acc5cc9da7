"""`manage.py preflight`: what stops the site from starting, in one line, before any write.

Run as the operator runs it (a process of its own), with the database or cache each test
names. The tests run as root, whom file modes do not stop: an unwritable folder is /sys,
where nobody may create files.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


def preflight(*args: str, script: str = "manage.py", **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    command = [sys.executable, "manage.py", "preflight", *args]
    if script != "manage.py":
        command = [str(ROOT / script)]
        environ["PYTHON"] = sys.executable
    return subprocess.run(
        command, cwd=ROOT, env=environ | env, capture_output=True, text=True, timeout=60
    )


def assert_one_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for word in words:
        assert word in result.stderr


def test_preflight_passes_on_a_fresh_sqlite_file_and_writes_nothing(tmp_path):
    result = preflight("-v", "2", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode == 0, result.stderr
    assert "ready" in result.stdout
    tables = subprocess.run(
        ["sqlite3", tmp_path / "db.sqlite3", ".tables"], capture_output=True, text=True
    )
    assert tables.stdout.strip() == ""


def test_preflight_names_a_missing_database_folder(tmp_path):
    folder = tmp_path / "no-such-folder"
    result = preflight(DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}")
    assert_one_line(result, str(folder), "does not exist", "mkdir -p", "DATABASE_URL")
    assert not folder.exists()


def test_preflight_names_a_database_folder_it_cannot_write():
    result = preflight(DATABASE_URL="sqlite:////sys/db.sqlite3")
    assert_one_line(result, "Cannot write in the database folder /sys", "writable", "DATABASE_URL")


def test_preflight_names_a_file_that_is_not_a_database(tmp_path):
    # Say a pg_dump archive named where the SQLite database should be.
    (tmp_path / "db.sqlite3").write_bytes(b"PGDMP" + bytes(range(256)) * 8)
    result = preflight(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert_one_line(result, "Cannot write the database", "not a database", "SQLite")


def test_preflight_refuses_when_free_space_is_under_the_threshold(tmp_path):
    # A full disk, simulated: asking for more room than any disk here has.
    result = preflight(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", PREFLIGHT_MIN_FREE_MB="999999999"
    )
    assert_one_line(result, "MB free on the disk holding", str(tmp_path), "Free some space")
    assert not (tmp_path / "db.sqlite3").exists()


def test_preflight_names_a_database_server_that_is_down():
    port = closed_port()
    result = preflight(DATABASE_URL=f"postgres://guide:guide@127.0.0.1:{port}/guide")
    assert_one_line(result, f"127.0.0.1:{port}", "Connection refused", "Start it")
    assert "guide:guide" not in result.stderr  # no password in the message


def test_preflight_names_a_cache_server_that_is_down(tmp_path):
    port = closed_port()
    result = preflight(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=f"redis://127.0.0.1:{port}/0",
    )
    assert_one_line(result, f"cache server at 127.0.0.1:{port}", "REDIS_URL")


def test_serving_stops_at_the_preflight_line_before_migrating(tmp_path):
    # deploy/prepare is what `make run` and `make serve` run first.
    folder = tmp_path / "no-such-folder"
    result = preflight(script="deploy/prepare", DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}")
    assert_one_line(result, "does not exist")
    assert "migrat" not in result.stdout.lower()
