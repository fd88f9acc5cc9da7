"""Shared pieces of the benchmark scripts: a prepared copy of the site under gunicorn, and wrk."""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def site_env() -> dict:
    """Production-like settings on a throwaway SQLite file, over plain HTTP on loopback."""
    OUT.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SECRET_KEY="bench-only-" + "k" * 40,
        DJANGO_SECURE_SSL="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=env.get("DATABASE_URL", f"sqlite:///{OUT / 'bench.sqlite3'}"),
        DJANGO_LOG_LEVEL="ERROR",
    )
    return env


def prepare(env: dict) -> None:
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_guide"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worker_pss_mb(master_pid: int) -> list[float]:
    """Proportional set size of each gunicorn worker (a child of the master), in MB."""
    sizes = []
    for child in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split():
        rollup = Path(f"/proc/{child}/smaps_rollup").read_text()
        kilobytes = int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE).group(1))
        sizes.append(kilobytes / 1024)
    return sorted(sizes)


@contextlib.contextmanager
def gunicorn(workers: int):
    """Serve the prepared site; yield its base URL; stop it afterwards.

    The master's process id is kept in ``gunicorn.pid`` while it runs.
    """
    env = site_env()
    prepare(env)
    port = free_port()
    # The site's gunicorn settings, and a control socket of its own (gunicorn's default
    # path is one per user: a running `make run` or another bench would lose theirs).
    process = subprocess.Popen(
        [GUNICORN, "careerguide.wsgi", "--config", ROOT / "deploy" / "gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning",
         "--control-socket", OUT / f"gunicorn-{port}.ctl"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with code {process.returncode}")
            try:
                urllib.request.urlopen(base + "/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not answer within 10 seconds")
        gunicorn.pid = process.pid
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextlib.contextmanager
def serve_shape(workers: int, app_servers: int = 2):
    """The production shape (deploy/prepare, then deploy/serve: nginx in front of
    app_servers gunicorns) on the bench database; yield (base URL, run folder).

    deploy/serve is stopped afterwards as Ctrl-C stops it.
    """
    env = site_env() | {"PYTHON": str(PYTHON), "WORKERS": str(workers),
                        "APP_SERVERS": str(app_servers)}  # fmt: skip
    subprocess.run([ROOT / "deploy" / "prepare"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    run = OUT / "serve"
    port = free_port()
    with (OUT / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [ROOT / "deploy" / "serve"], cwd=ROOT, env=env | {"PORT": str(port), "RUN": str(run)},
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if process.poll() is not None:
                raise RuntimeError(f"deploy/serve exited: {(OUT / 'serve.log').read_text()}")
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("deploy/serve did not answer within 30 seconds")
        yield base, run
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def shape_pss_mb(run: Path) -> list[float]:
    """Each app server worker's PSS in MB, from the masters' pid files in the run folder."""
    sizes = []
    for pid_file in sorted(run.glob("app-*.pid")):
        sizes += worker_pss_mb(int(pid_file.read_text()))
    return sorted(sizes)


def ensure_wrk() -> str:
    path = shutil.which("wrk")
    if path:
        return path
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"], check=False, stdout=subprocess.DEVNULL
    )
    path = shutil.which("wrk")
    if not path:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL
        )
        path = shutil.which("wrk")
    return path


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(
    url: str, *, connections: int, seconds: int, threads: int = 2, headers=(), script=None
) -> dict:
    """Run wrk against url and return requests a second, p50/p99 latency and errors."""
    command = [ensure_wrk(), "--latency", f"-t{threads}", f"-c{connections}", f"-d{seconds}s"]
    if script:
        command += ["-s", script]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99": to_ms(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "errors": (sum(map(int, socket_errors.groups())) if socket_errors else 0)
        + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def table(rows: list[dict], columns: list[str]) -> str:
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns)]
    lines += ["  ".join(str(r[c]).ljust(widths[c]) for c in columns) for r in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit("This module is used by the other bench scripts.")
