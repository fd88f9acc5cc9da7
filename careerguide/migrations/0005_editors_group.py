"""The "Editors" group: add, change, delete and view guide pages and every salary table.

Not accounts, groups, login-attempt logs, the loader's bookkeeping, caches or history
rows. Give someone an editor account by making them staff and putting them in this group.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
ACTIONS = ["add", "change", "delete", "view"]
MODELS = {
    "careerguide": ["page"],
    "salaries": [
        "source",
        "experienceband",
        "educationlevel",
        "certification",
        "skill",
        "location",
        "employertype",
        "benefitassumptions",
        "statistic",
        "oewsrelease",
        "oewswage",
    ],
}


def editor_permissions(apps, using: str) -> list:
    # Permissions are normally created after migrate finishes (post_migrate); on a fresh
    # database they do not exist yet, so create them now. Both steps are idempotent.
    for app_label in MODELS:
        app_config = apps.get_app_config(app_label)
        # A migration's app registry holds stubs without models_module: create_permissions
        # skips an app when it is empty.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            app_config.models_module = models_module
    Permission = apps.get_model("auth", "Permission")
    wanted = {
        (app_label, f"{action}_{model}")
        for app_label, models in MODELS.items()
        for model in models
        for action in ACTIONS
    }
    found = [
        perm
        for perm in Permission.objects.using(using)
        .filter(content_type__app_label__in=list(MODELS))
        .select_related("content_type")
        if (perm.content_type.app_label, perm.codename) in wanted
    ]
    missing = wanted - {(perm.content_type.app_label, perm.codename) for perm in found}
    if missing:
        raise RuntimeError(f"Permissions missing for the Editors group: {sorted(missing)}")
    return found


def create_editors_group(apps, schema_editor) -> None:
    using = schema_editor.connection.alias if schema_editor else "default"
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.using(using).get_or_create(name=GROUP)
    group.permissions.add(*editor_permissions(apps, using))


def remove_editors_group(apps, schema_editor) -> None:
    using = schema_editor.connection.alias if schema_editor else "default"
    apps.get_model("auth", "Group").objects.using(using).filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("careerguide", "0004_contentversion_without_snapshot"),
        ("salaries", "0002_tablessnapshot"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
