import pytest
from django.core.exceptions import ValidationError

from salaries.models import ExperienceBand, Location, Source


def test_source_low_above_typical_is_refused_on_that_field(salary_data):
    source = Source.objects.get(slug="salary-com")
    source.low = 50000
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "typical" in error.value.message_dict


def test_negative_or_zero_amount_is_refused(salary_data):
    band = ExperienceBand.objects.get(slug="entry")
    band.low = 0
    with pytest.raises(ValidationError) as error:
        band.full_clean()
    assert "low" in error.value.message_dict


def test_percentage_outside_sane_bounds_is_refused(salary_data):
    location = Location.objects.get(slug="boston")
    location.adjustment_high = 250
    with pytest.raises(ValidationError) as error:
        location.full_clean()
    assert "adjustment_high" in error.value.message_dict


def test_two_bands_starting_the_same_year_are_refused(salary_data):
    band = ExperienceBand.objects.get(slug="senior")
    band.years_from = 3
    with pytest.raises(ValidationError) as error:
        band.full_clean()
    assert "years_from" in error.value.message_dict


def test_bands_must_start_at_zero_years(salary_data):
    band = ExperienceBand.objects.get(slug="entry")
    band.years_from = 1
    with pytest.raises(ValidationError) as error:
        band.full_clean()
    assert "0 years" in str(error.value)


def test_bands_follow_each_other_without_gaps(salary_data):
    bands = ExperienceBand.objects.with_ends()
    assert bands[0].years_from == 0
    for band, following in zip(bands, bands[1:], strict=False):
        assert band.years_to == following.years_from
    assert bands[-1].years_to is None
