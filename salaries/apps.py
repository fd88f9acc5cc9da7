from django.apps import AppConfig


class SalariesConfig(AppConfig):
    name = "salaries"
    verbose_name = "Salary data"

    def ready(self) -> None:
        from . import signals

        signals.connect()
