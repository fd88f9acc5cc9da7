"""A statistic's date is stored once, on its source (issue 18): labels carry no date, and
moving the source's date moves the date every reader sees."""

import re
from datetime import date

from salaries.models import Statistic

DATE_IN_LABEL = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December) (19|20)\d\d\b|, (19|20)\d\d\)?$|\((average, )?(19|20)\d\d\)"
)


def test_no_statistic_label_repeats_its_sources_date(salary_data):
    for statistic in Statistic.objects.select_related("source"):
        year = str(statistic.source.as_of.year)
        assert not (DATE_IN_LABEL.search(statistic.label) and year in statistic.label), (
            statistic.slug
        )


def test_a_statistics_period_follows_its_source(salary_data):
    employment = Statistic.objects.get(slug="employment-2019")
    assert employment.dated_label == "People employed in SOC 43-6013, May 2019"
    source = employment.source
    source.as_of = date(2024, 5, 1)
    source.save()
    employment.refresh_from_db()
    assert employment.dated_label == "People employed in SOC 43-6013, May 2024"
    threshold = Statistic.objects.get(slug="medicare-kx-threshold-2026")
    assert threshold.period == "2026"  # a figure set for a whole year shows its year
