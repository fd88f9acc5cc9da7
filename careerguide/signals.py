"""Drop cached pages and figures whenever an editor changes content or salary data."""

from django.db.models.signals import post_delete, post_save

from .cache import bump_version

WATCHED_APPS = {"careerguide", "salaries"}
IGNORED_MODELS = {"loadedcontent", "contentversion"}


def content_changed(sender, **kwargs) -> None:
    meta = sender._meta
    if meta.app_label not in WATCHED_APPS or meta.model_name in IGNORED_MODELS:
        return
    if meta.model_name.startswith("historical"):
        return
    bump_version(salary_data_changed=meta.app_label == "salaries")


post_save.connect(content_changed, dispatch_uid="careerguide-content-saved")
post_delete.connect(content_changed, dispatch_uid="careerguide-content-deleted")
