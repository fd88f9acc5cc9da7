from django.core.management.base import BaseCommand

from careerguide.content import load_pages
from salaries.seed import load_oews_releases, load_salary_data


class Command(BaseCommand):
    help = "Load the guide's pages and salary data; rows an editor changed are left alone."

    def handle(self, *args, **options):
        for label, outcomes in (
            ("Salary data", load_salary_data()),
            ("BLS OEWS releases", load_oews_releases()),
            ("Guide pages", load_pages()),
        ):
            summary = ", ".join(f"{count} {name}" for name, count in sorted(outcomes.items()))
            self.stdout.write(f"{label}: {summary or 'nothing to load'}")
