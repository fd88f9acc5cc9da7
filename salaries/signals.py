"""Store a new snapshot of the salary tables whenever a row changes, or the schema does."""

from django.apps import apps
from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save

from salaries import snapshot
from salaries.models import FigureChange, TablesSnapshot


def row_changed(sender, **kwargs) -> None:
    snapshot.tables_changed()


def schema_migrated(sender, *, using: str, plan=None, **kwargs) -> None:
    # Every deploy runs migrate: cached values built by older code are never read again.
    # Not when migrating backwards past the tables (migrate salaries zero, say).
    if TablesSnapshot._meta.db_table in connections[using].introspection.table_names():
        snapshot.tables_changed()


def connect() -> None:
    for model in apps.get_app_config("salaries").get_models():
        # The snapshot and the change log are written by the rebuild itself.
        if model in (TablesSnapshot, FigureChange) or model._meta.model_name.startswith(
            "historical"
        ):
            continue
        for signal in (post_save, post_delete):
            signal.connect(row_changed, sender=model, dispatch_uid=f"salaries-{model}-{signal}")
    post_migrate.connect(
        schema_migrated, sender=apps.get_app_config("salaries"), dispatch_uid="salaries-migrated"
    )
