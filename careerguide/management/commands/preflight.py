"""Check what serving needs before anything writes: the database answers and can be
written, the disk has room, the cache server answers. `make run` and `make serve` run
this first, so an operator reads one line saying what is wrong and what to do, rather
than a traceback from the first write (migrate's post-migrate hooks)."""

import getpass
import shutil
import tempfile
from pathlib import Path

import redis
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections, transaction

ANOTHER_DATABASE = "or set DATABASE_URL to another database"


class Problem(Exception):
    """What stops the site from starting, in one line for the operator."""


def first_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    # psycopg repeats the address before the reason: "... port 5432 failed: Connection refused"
    return lines[0].rsplit(" failed: ", 1)[-1].strip() if lines else type(error).__name__


def existing_folder(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_free_space(folders: list[Path], min_free_mb: int) -> None:
    for folder in folders:
        free_mb = shutil.disk_usage(existing_folder(folder)).free // (1024 * 1024)
        if free_mb < min_free_mb:
            raise Problem(
                f"Only {free_mb:,} MB free on the disk holding {folder} (PREFLIGHT_MIN_FREE_MB "
                f"asks for {min_free_mb:,} MB). Free some space there, then start again."
            )


def check_sqlite_files(path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise Problem(
            f"The database folder {folder} does not exist. Create it (mkdir -p {folder}), "
            f"{ANOTHER_DATABASE}."
        )
    user = getpass.getuser()
    try:
        # SQLite writes its journal files beside the database: the folder must take files.
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise Problem(
            f"Cannot write in the database folder {folder} ({error.strerror}). Make it "
            f"writable for {user}, {ANOTHER_DATABASE}."
        ) from error
    if path.exists():
        try:
            with path.open("ab"):
                pass
        except OSError as error:
            raise Problem(
                f"Cannot write the database file {path} ({error.strerror}). Make it writable "
                f"for {user}, {ANOTHER_DATABASE}."
            ) from error


def check_database_writes(alias: str = "default") -> None:
    connection = connections[alias]
    db = connection.settings_dict
    is_sqlite = connection.vendor == "sqlite"
    where = db["NAME"] if is_sqlite else f"{db['NAME']} on {db['HOST']}:{db['PORT'] or 5432}"
    if not is_sqlite:
        # A server that drops packets would otherwise keep the operator waiting for minutes.
        db["OPTIONS"] = {"connect_timeout": 5, **db.get("OPTIONS", {})}
        try:
            connection.ensure_connection()
        except DatabaseError as error:
            raise Problem(
                f"Cannot connect to the database server for {where} ({first_line(error)}). "
                "Start it, or check DATABASE_URL (host, port, user, password, database)."
            ) from error
    try:
        # A real write, rolled back: migrate creates tables, and so does this.
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute("CREATE TABLE preflight_check (id integer)")
            transaction.set_rollback(True, using=alias)
    except DatabaseError as error:
        reason = first_line(error)
        if "full" in reason:
            advice = "Free some disk space, then start again."
        elif is_sqlite:
            advice = f"Check that it is this site's SQLite database, {ANOTHER_DATABASE}."
        else:
            advice = (
                f"Let the user {db['USER']} create tables there (GRANT CREATE ON SCHEMA public, "
                "or make it the database's owner), or check DATABASE_URL."
            )
        raise Problem(f"Cannot write the database {where} ({reason}). {advice}") from error
    finally:
        connection.close()


def check_cache_server() -> None:
    if not settings.REDIS_URL:
        return
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=5, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        where = client.connection_pool.connection_kwargs
        raise Problem(
            f"The cache server at {where.get('host')}:{where.get('port')} does not answer "
            f"({first_line(error)}). Start it, or check REDIS_URL (leave it empty for a "
            "cache in each process)."
        ) from error
    finally:
        client.close()


def check(min_free_mb: int) -> None:
    """Raise Problem for the first thing that stops the site from starting."""
    database = connections["default"]
    folders = [Path(settings.STATIC_ROOT)]
    name = str(database.settings_dict["NAME"])
    # An in-memory or URI-named SQLite database has no folder to look at.
    if database.vendor == "sqlite" and not name.startswith((":memory:", "file:")):
        path = Path(name)
        check_sqlite_files(path)
        folders.insert(0, path.parent)
    check_free_space(folders, min_free_mb)
    check_database_writes()
    check_cache_server()


class Command(BaseCommand):
    help = (
        "Check that the database can be reached and written, the disk has room and the "
        "cache server answers; one line and a non-zero exit when not."
    )
    # The checks below are the point; Django's system checks run with migrate.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-free-mb",
            type=int,
            default=settings.PREFLIGHT_MIN_FREE_MB,
            help="Least free disk space, in MB (default: PREFLIGHT_MIN_FREE_MB).",
        )

    def handle(self, *args, min_free_mb: int, **options):
        try:
            check(min_free_mb)
        except Problem as problem:
            self.stderr.write(str(problem))
            raise SystemExit(1) from None
        if options["verbosity"] > 1:
            self.stdout.write("Preflight: database, disk and cache are ready.")
