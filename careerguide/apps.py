from django.apps import AppConfig


class CareerguideConfig(AppConfig):
    name = "careerguide"
    verbose_name = "Guide pages"

    def ready(self) -> None:
        from . import signals  # noqa: F401
