from django.apps import AppConfig


class SalariesConfig(AppConfig):
    name = "salaries"
    verbose_name = "Salary data"

    def ready(self) -> None:
        from . import salary_page  # noqa: F401  (registers the salary page's data)
