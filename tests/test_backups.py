"""deploy/backup and deploy/restore, with the database's own tools (sqlite3 in the SQLite
run, pg_dump and pg_restore in CI's PostgreSQL run): a backup, a wiped database, a
restore, and every page and figure is back."""

import json
import subprocess
import sys

import pytest

from .shape import ROOT

pytestmark = pytest.mark.xdist_group("shape")  # on the shape's database: one at a time

# Row counts of the guide's pages and every salary table, and a page as readers get it,
# read in a process of its own with a cache of its own (empty: nothing from before).
STATE = """
import json
from django.apps import apps
from django.test import Client
counts = {m._meta.label: m.objects.count() for m in apps.get_app_config("salaries").get_models()}
counts["careerguide.Page"] = apps.get_model("careerguide", "Page").objects.count()
page = Client().get("/salary/")
print(json.dumps({"counts": counts, "status": page.status_code, "page": page.content.decode()}))
"""


def run(env: dict, *command: str) -> str:
    result = subprocess.run(
        [*command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def site_state(env: dict) -> dict:
    env = env | {"REDIS_URL": "", "DJANGO_ALLOWED_HOSTS": "testserver"}
    return json.loads(run(env, sys.executable, "manage.py", "shell", "-v", "0", "-c", STATE))


def test_a_backup_restores_every_page_and_figure_after_a_wipe(prepared_site, tmp_path):
    _, env = prepared_site
    before = site_state(env)
    assert before["status"] == 200
    assert before["counts"]["careerguide.Page"] > 10
    assert before["counts"]["salaries.Source"] > 10
    backup = tmp_path / "site.backup"
    assert "Backed up to" in run(env, ROOT / "deploy" / "backup", str(backup))

    run(env, sys.executable, "manage.py", "flush", "--noinput")
    wiped = site_state(env)
    assert wiped["counts"]["careerguide.Page"] == 0
    assert wiped["counts"]["salaries.Source"] == 0

    run(env, ROOT / "deploy" / "restore", str(backup))
    after = site_state(env)
    assert after["counts"] == before["counts"]
    assert after["status"] == 200
    assert after["page"] == before["page"]
    assert 'class="figure"' in after["page"]  # the prose's figures, from the tables


def test_restore_refuses_a_file_that_is_not_a_backup(prepared_site, tmp_path):
    _, env = prepared_site
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("not a backup")
    result = subprocess.run(
        [ROOT / "deploy" / "restore", not_a_backup],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "is not a" in result.stderr and "deploy/backup makes one" in result.stderr
