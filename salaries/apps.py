from django.apps import AppConfig


class SalariesConfig(AppConfig):
    name = "salaries"
    verbose_name = "Salary data"

    def ready(self) -> None:
        # Signal handlers connect when the app registry is ready (Django's app-loading rule).
        from salaries import changes, signals

        signals.connect()
        changes.connect()
