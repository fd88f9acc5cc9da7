"""Placeholders for each occupation's newest national BLS figures (occupation.<SOC code>.<field>),
so a page can set the coordinator's group beside similar jobs from one release."""

from datetime import date

from salaries.figures import registry
from salaries.models import AreaType, OewsRelease, OewsWage, Source
from salaries.pay.formatting import premium_range


def test_each_occupation_on_file_has_its_newest_national_figures(national_2025):
    figures = registry()
    assistants = {
        field: figures[f"occupation.31-9092.{field}"].text
        for field in ("a_median", "h_median", "a_pct10", "a_pct90", "employment", "period")
    }
    assert assistants == {
        "a_median": "$45,690",
        "h_median": "$21.97",
        "a_pct10": "$36,050",
        "a_pct90": "$59,310",
        "employment": "817,870",
        "period": "May 2025",
    }
    for code in ("43-6013", "43-4171", "29-2072", "43-3021", "31-2022", "43-1011", "11-9111"):
        figure = figures[f"occupation.{code}.a_median"]
        assert figure.source_slug == "bls-oews-2025" and figure.grade == "published", code
    # The managers' May 2019 row on file is older: May 2025's is the one quoted.
    assert figures["occupation.11-9111.a_median"].text == "$123,860"
    assert figures["occupation.43-6013.a_median"].text == figures["bls.latest.a_median"].text


def test_an_occupation_keeps_its_older_figures_until_a_newer_release_has_them(guide):
    figures = registry()
    # Only BLS's May 2019 row is on file for the managers, and none for medical assistants.
    assert figures["occupation.11-9111.a_median"].text == "$100,980"
    assert figures["occupation.11-9111.period"].text == "May 2019"
    assert not any(name.startswith("occupation.31-9092.") for name in figures)
    # A newer release whose row publishes no wage figure does not displace the older one.
    source = Source.objects.create(
        slug="bls-oews-2030", name="x", publisher="BLS", as_of=date(2030, 5, 1)
    )
    release = OewsRelease.objects.create(
        slug="may-2030", survey_date=date(2030, 5, 1), source=source
    )
    OewsWage.objects.create(
        release=release, area="99", area_title="U.S.", area_type=AreaType.NATIONAL,
        occ_code="11-9111", employment=400_000, withheld=["a_median"],
    )  # fmt: skip
    assert registry()["occupation.11-9111.period"].text == "May 2019"


def test_a_premium_of_nothing_reads_as_no_measured_effect():
    assert premium_range(0, 0) == "no measured effect on pay"
    assert premium_range(2000, 5000) == "$2,000 to $5,000"
    assert premium_range(0, 500) == "$0 to $500"
