"""The Editors group also edits the tables added after it was made: regional price parities
and the career ladder's occupations (README: editors keep every salary table)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
ACTIONS = ["add", "change", "delete", "view"]
MODELS = ["priceparity", "occupation"]


def permissions(apps, using: str) -> list:
    # As in 0005: on a fresh database the permissions do not exist until post_migrate.
    app_config = apps.get_app_config("salaries")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    try:
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    finally:
        app_config.models_module = models_module
    wanted = {f"{action}_{model}" for model in MODELS for action in ACTIONS}
    found = list(
        apps.get_model("auth", "Permission")
        .objects.using(using)
        .filter(content_type__app_label="salaries", codename__in=wanted)
    )
    missing = wanted - {perm.codename for perm in found}
    if missing:
        raise RuntimeError(f"Permissions missing for the Editors group: {sorted(missing)}")
    return found


def grant(apps, schema_editor) -> None:
    using = schema_editor.connection.alias if schema_editor else "default"
    group = apps.get_model("auth", "Group").objects.using(using).filter(name=GROUP).first()
    # A site whose administrators deleted the group on purpose does not get it back here.
    if group is not None:
        group.permissions.add(*permissions(apps, using))


def revoke(apps, schema_editor) -> None:
    using = schema_editor.connection.alias if schema_editor else "default"
    group = apps.get_model("auth", "Group").objects.using(using).filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*permissions(apps, using))


class Migration(migrations.Migration):
    dependencies = [
        ("careerguide", "0006_page_position_at_end"),
        ("salaries", "0005_occupations_and_wage_rows_by_code"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
