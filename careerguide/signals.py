"""Drop cached pages whenever an editor changes a guide page."""

from django.db.models.signals import post_delete, post_save

from careerguide.models import Page
from careerguide.shared.versioning import bump_version


def page_changed(sender, **kwargs) -> None:
    bump_version()


for signal in (post_save, post_delete):
    signal.connect(page_changed, sender=Page, dispatch_uid=f"careerguide-page-{signal}")
