from django.apps import AppConfig


class CareerguideConfig(AppConfig):
    name = "careerguide"
    verbose_name = "Guide pages"

    def ready(self) -> None:
        # Signal handlers connect when the app registry is ready (Django's app-loading rule).
        from careerguide import signals  # noqa: F401
