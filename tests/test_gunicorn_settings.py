"""deploy/gunicorn.conf.py: each worker, once it has loaded the site, keeps the garbage
collector off its long-lived objects."""

import gc
import runpy
from pathlib import Path

SETTINGS = Path(__file__).resolve().parents[1] / "deploy" / "gunicorn.conf.py"


def test_a_worker_freezes_what_it_has_loaded_and_collects_less_often():
    settings = runpy.run_path(str(SETTINGS))
    threshold = gc.get_threshold()
    try:
        settings["post_worker_init"](None)
        assert gc.get_freeze_count() > 10_000
        assert gc.get_threshold()[0] == settings["GC_THRESHOLD"] > 700
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
    assert settings["worker_class"] == "sync"
