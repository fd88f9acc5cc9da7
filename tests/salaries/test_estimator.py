"""The estimate's arithmetic, against hand-worked cases and properties, on tables built by hand."""

import json
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salaries.estimator import (
    HOURS_PER_YEAR,
    MAX_YEARS,
    Adjustment,
    Band,
    Benefits,
    Cell,
    Level,
    Premium,
    Profile,
    SourceRef,
    Tables,
    default_profile,
    estimate,
)
from salaries.seed import SEED_FILE
from salaries.snapshot import estimator_tables

SOURCE = SourceRef(name="Publisher: Figures", slug="figures", as_of="2024-01-01")


def seed_tables() -> Tables:
    """The shipped seed data as Tables, read from the file rather than the database."""
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    sources = {
        row["slug"]: SourceRef(
            name=f"{row['publisher']}: {row['name']}", slug=row["slug"], as_of=row["as_of"]
        )
        for row in data["Source"]
    }
    bands = sorted(data["ExperienceBand"], key=lambda row: row["years_from"])
    ends = [row["years_from"] for row in bands[1:]] + [None]

    def common(row: dict) -> dict:
        return {"name": row["name"], "slug": row["slug"], "source": sources[row["source"]]}

    def premiums(rows: list[dict]) -> dict[str, Premium]:
        return {
            row["slug"]: Premium(
                **common(row),
                low=row["premium_low"],
                high=row["premium_high"],
                abbreviation=row.get("abbreviation", ""),
            )
            for row in rows
        }

    def adjustments(rows: list[dict]) -> dict[str, Adjustment]:
        return {
            row["slug"]: Adjustment(
                **common(row),
                low=Decimal(row["adjustment_low"]),
                high=Decimal(row["adjustment_high"]),
            )
            for row in rows
        }

    benefits = data["BenefitAssumptions"][0]
    return Tables(
        bands=tuple(
            Band(
                **common(row),
                years_from=row["years_from"],
                years_to=end,
                low=row["low"],
                high=row["high"],
                high_is_open=row["high_is_open"],
            )
            for row, end in zip(bands, ends, strict=True)
        ),
        education={
            row["slug"]: Level(**common(row), start_low=row["start_low"])
            for row in data["EducationLevel"]
        },
        certifications=premiums(data["Certification"]),
        skills=premiums(data["Skill"]),
        employers=adjustments(data["EmployerType"]),
        locations=adjustments(data["Location"]),
        benefits=Benefits(
            source=sources[benefits["source"]],
            match_rate=Decimal(benefits["match_rate"]),
            match_cap=Decimal(benefits["match_cap"]),
            default_contribution=Decimal(benefits["default_contribution"]),
            bonus_low=benefits["bonus_low"],
            bonus_high=benefits["bonus_high"],
            bonus_source=sources[benefits["bonus_source"]],
            health_insurance_value=benefits["health_insurance_value"],
            health_source=sources[benefits["health_source"]],
            pto_days=benefits["pto_days"],
            pto_source=sources[benefits["pto_source"]],
        ),
    )


SEED = seed_tables()


def profile(**changes) -> Profile:
    return replace(default_profile(tables=SEED), **changes)


def test_newcomer_with_a_diploma_in_a_mid_sized_city_earns_the_entry_band():
    result = estimate(profile=profile(), tables=SEED)
    assert (result.low, result.typical, result.high) == (35000, 35000, 42000)
    # 35,000 / 2,080 = 16.8269…; 42,000 / 2,080 = 20.1923…
    assert (result.hourly_low, result.hourly_typical, result.hourly_high) == (
        Decimal("16.83"),
        Decimal("16.83"),
        Decimal("20.19"),
    )


FIVE_YEARS = profile(
    years=5,
    education="associate",
    certifications=("cmaa",),
    employer="hospital",
    location="san-francisco",
)


def test_five_years_associate_cmaa_hospital_in_san_francisco():
    # 1. Mid-career band, 3 up to 8 years: 43,000 to 55,000;
    #    typical = 43,000 + 12,000 × (5 − 3) / (8 − 3) = 47,800.
    # 2. Associate: 39,000 − 35,000 = +4,000       → 47,000 / 51,800 / 59,000
    # 3. CMAA: +2,000 / +3,500 / +5,000             → 49,000 / 55,300 / 64,000
    # 4. Hospital: +5% / +7.5% / +10%               → 51,450 / 59,447.50 / 70,400
    #    San Francisco: +25% / +30% / +35%          → 64,312.50 / 77,281.75 / 95,040
    # Rounded at the end: 64,313 / 77,282 / 95,040.
    result = estimate(profile=FIVE_YEARS, tables=SEED)
    assert (result.low, result.typical, result.high) == (64313, 77282, 95040)
    # 64,312.50 / 2,080 = 30.919…; 77,281.75 / 2,080 = 37.154…; 95,040 / 2,080 = 45.692…
    assert (result.hourly_low, result.hourly_typical, result.hourly_high) == (
        Decimal("30.92"),
        Decimal("37.15"),
        Decimal("45.69"),
    )
    steps = [(line.step, line.label, line.row) for line in result.lines]
    assert steps == [
        (1, "Experience band", "Mid-career, 3–7 years"),
        (2, "Education premium", "Associate degree"),
        (3, "Certification", "Certified Medical Administrative Assistant (CMAA)"),
        (4, "Employer type", "Hospital network or university health system"),
        (4, "Location", "San Francisco"),
        (5, "Hourly pay", "Annual pay ÷ 2,080 hours (40 hours × 52 weeks)"),
    ]
    hospital = result.lines[3]
    assert hospital.effect.typical == Decimal("4147.5")  # 55,300 × 7.5%
    assert hospital.cells[1] == Cell(label="Typical", amount="+$4,148", percent="+7.5%")
    assert hospital.source.slug == "guide-editors"
    assert result.lines[0].source.as_of == "2024-01-01"


def test_five_years_total_compensation_adds_up():
    # Base 77,281.75 → 77,282. Bonus: middle of 300 and 3,000 = 1,650.
    # 401(k): 77,281.75 × 6% × 50% = 2,318.45 → 2,318. Health insurance: 7,034.
    # Paid time off: 11 days × 77,281.75 / 260 = 3,269.61 → 3,270.
    result = estimate(profile=FIVE_YEARS, tables=SEED)
    pay = result.compensation
    assert [item.amount for item in pay.items] == [77282, 1650, 2318, 7034, 3270]
    assert pay.total == 91554
    assert [item.source.slug for item in pay.items[1:]] == [
        "guide-benefits",
        "guide-benefits",
        "kff-ehbs-2023",
        "bls-ebs-2023",
    ]


def test_open_ended_band_puts_typical_in_the_middle():
    result = estimate(profile=profile(years=30), tables=SEED)
    assert (result.low, result.typical, result.high) == (56000, 63000, 70000)
    assert result.high_is_open
    assert result.lines[0].row == "Senior or lead, 8+ years"


def test_typical_moves_through_the_band_with_the_years():
    # Entry band runs 0 up to 3 years: 35,000 + 7,000 × 2 / 3 = 39,666.67.
    assert estimate(profile=profile(years=2), tables=SEED).typical == 39667
    assert estimate(profile=profile(years=3), tables=SEED).typical == 43000


def test_hourly_is_annual_over_2080_hours():
    # Mid-career, 4 years: 43,000 / 45,400 / 55,000; Boston +15% / +20% / +25%
    # → 49,450 / 54,480 / 68,750 a year → 23.774… / 26.192… / 33.052… an hour.
    result = estimate(profile=profile(years=4, location="boston"), tables=SEED)
    assert (result.low, result.typical, result.high) == (49450, 54480, 68750)
    assert (result.hourly_low, result.hourly_typical, result.hourly_high) == (
        Decimal("23.77"),
        Decimal("26.19"),
        Decimal("33.05"),
    )
    assert result.hourly_line.effect.typical * HOURS_PER_YEAR == 54480


def test_contribution_above_the_cap_is_matched_only_up_to_the_cap():
    def match(contribution: str) -> int:
        result = estimate(profile=profile(contribution=Decimal(contribution)), tables=SEED)
        return result.compensation.items[2].amount

    assert match("6") == match("15") == 1050  # 35,000 × 6% × 50%
    assert match("4") == 700  # 35,000 × 4% × 50%
    assert match("0") == 0


def test_default_contribution_comes_from_the_benefits_table():
    result = estimate(profile=profile(), tables=SEED)
    assert result.compensation.contribution == Decimal("6.0")


def test_suggestions_rerun_the_estimate_with_one_change():
    base = estimate(profile=profile(), tables=SEED)
    labels = [(s.label, s.gain) for s in base.suggestions]
    # San Francisco: 35,000 × 1.30 − 35,000; two more years: 39,667 − 35,000; associate: +4,000.
    assert labels == [
        ("Move to “San Francisco”", 10500),
        ("Gain 2 more years of experience", 4667),
        ("Move up to “Associate degree”", 4000),
    ]
    for suggestion in base.suggestions:
        changed = estimate(profile=suggestion.profile, tables=SEED, suggest=False)
        assert changed.typical - base.typical == suggestion.gain


def test_suggestions_leave_out_what_the_reader_already_has():
    top = profile(
        years=MAX_YEARS,
        education="bachelor",
        certifications=tuple(SEED.certifications),
        skills=tuple(SEED.skills),
        employer="hospital",
        location="san-francisco",
    )
    assert estimate(profile=top, tables=SEED).suggestions == ()


def test_experience_suggestion_stops_at_sixty_years():
    result = estimate(profile=profile(years=59, location="san-francisco"), tables=SEED)
    # In the open-ended band more years change nothing, so no suggestion is made for them.
    assert all(s.kind != "experience" for s in result.suggestions)
    with pytest.raises(ValueError):
        estimate(profile=profile(years=MAX_YEARS + 1), tables=SEED)


def test_estimate_rejects_rows_the_tables_do_not_have():
    with pytest.raises(ValueError):
        estimate(profile=profile(certifications=("phd",)), tables=SEED)
    with pytest.raises(KeyError):
        estimate(profile=profile(location="atlantis"), tables=SEED)


def test_empty_tables_are_not_complete():
    assert not Tables().is_complete
    assert not replace(SEED, benefits=None).is_complete
    assert SEED.is_complete
    with pytest.raises(ValueError):
        estimate(profile=profile(), tables=Tables())


def test_profile_query_reproduces_the_profile():
    query = profile(years=5, certifications=("cmaa", "cpct"), contribution=Decimal("4.5")).query
    assert query == (
        "years=5&education=high-school&certifications=cmaa&certifications=cpct"
        "&employer=corporate-chain&location=mid-sized&contribution=4.5"
    )


def test_loaded_tables_match_the_seed_file(salary_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        tables = estimator_tables()
    assert tables == SEED


# Properties ---------------------------------------------------------------------------

amounts = st.integers(min_value=1, max_value=300_000)
premiums = st.integers(min_value=0, max_value=20_000)
tenths = st.integers(min_value=-1000, max_value=1000).map(lambda n: Decimal(n) / 10)
shares = st.integers(min_value=0, max_value=1000).map(lambda n: Decimal(n) / 10)


def ordered(strategy):
    return st.tuples(strategy, strategy).map(sorted)


@st.composite
def tables(draw) -> Tables:
    """Any tables an editor could save: bands from year 0, ranges with low ≤ high."""
    starts = [0, *sorted(draw(st.sets(st.integers(min_value=1, max_value=MAX_YEARS), max_size=4)))]
    ends = [*starts[1:], None]
    bands = []
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        low, high = draw(ordered(amounts))
        bands.append(
            Band(
                name=f"Band {i}",
                slug=f"band-{i}",
                source=SOURCE,
                years_from=start,
                years_to=end,
                low=low,
                high=high,
            )
        )

    def rows(kind, make, strategy, *, min_size=0) -> dict:
        values = draw(st.lists(strategy, min_size=min_size, max_size=4))
        return {
            f"{kind}-{i}": make(name=f"{kind} {i}", slug=f"{kind}-{i}", source=SOURCE, value=value)
            for i, value in enumerate(values)
        }

    def premium(*, value, **common) -> Premium:
        return Premium(**common, low=value[0], high=value[1])

    def adjustment(*, value, **common) -> Adjustment:
        return Adjustment(**common, low=value[0], high=value[1])

    def level(*, value, **common) -> Level:
        return Level(**common, start_low=value)

    bonus_low, bonus_high = draw(ordered(premiums))
    return Tables(
        bands=tuple(bands),
        education=rows("level", level, amounts, min_size=1),
        certifications=rows("cert", premium, ordered(premiums)),
        skills=rows("skill", premium, ordered(premiums)),
        employers=rows("employer", adjustment, ordered(tenths), min_size=1),
        locations=rows("location", adjustment, ordered(tenths), min_size=1),
        benefits=Benefits(
            source=SOURCE,
            match_rate=draw(shares) * 2,
            match_cap=draw(shares),
            default_contribution=draw(shares),
            bonus_low=bonus_low,
            bonus_high=bonus_high,
            bonus_source=SOURCE,
            health_insurance_value=draw(premiums),
            health_source=SOURCE,
            pto_days=draw(st.integers(0, 365)),
            pto_source=SOURCE,
        ),
    )


def some_of(rows: dict):
    if not rows:
        return st.just(())
    return st.sets(st.sampled_from(sorted(rows))).map(lambda chosen: tuple(sorted(chosen)))


@st.composite
def cases(draw, table_strategy=None) -> tuple[Tables, Profile]:
    chosen = draw(table_strategy if table_strategy is not None else tables())
    return chosen, Profile(
        years=draw(st.integers(0, MAX_YEARS)),
        education=draw(st.sampled_from(sorted(chosen.education))),
        employer=draw(st.sampled_from(sorted(chosen.employers))),
        location=draw(st.sampled_from(sorted(chosen.locations))),
        certifications=draw(some_of(chosen.certifications)),
        skills=draw(some_of(chosen.skills)),
        contribution=draw(st.none() | shares),
    )


@settings(max_examples=200, deadline=None)
@given(cases())
def test_low_never_exceeds_typical_nor_typical_high(case):
    chosen, reader = case
    result = estimate(profile=reader, tables=chosen)
    assert result.low <= result.typical <= result.high
    assert result.hourly_low <= result.hourly_typical <= result.hourly_high


@settings(max_examples=200, deadline=None)
@given(cases(st.just(SEED)))
def test_typical_never_falls_as_years_grow(case):
    _, reader = case
    typicals = [
        estimate(profile=replace(reader, years=years), tables=SEED, suggest=False).typical
        for years in range(MAX_YEARS + 1)
    ]
    assert typicals == sorted(typicals)


@settings(max_examples=200, deadline=None)
@given(cases(), st.data())
def test_adding_a_certification_or_skill_never_lowers_the_estimate(case, data):
    chosen, reader = case
    before = estimate(profile=reader, tables=chosen, suggest=False)
    for field, rows in (("certifications", chosen.certifications), ("skills", chosen.skills)):
        missing = sorted(set(rows) - set(getattr(reader, field)))
        if not missing:
            continue
        slug = data.draw(st.sampled_from(missing))
        more = replace(reader, **{field: (*getattr(reader, field), slug)})
        after = estimate(profile=more, tables=chosen, suggest=False)
        assert after.low >= before.low
        assert after.typical >= before.typical
        assert after.high >= before.high


@settings(max_examples=200, deadline=None)
@given(cases())
def test_total_compensation_is_the_sum_of_its_parts(case):
    chosen, reader = case
    result = estimate(profile=reader, tables=chosen, suggest=False)
    pay = result.compensation
    assert pay.total == sum(item.amount for item in pay.items)
    assert pay.items[0].amount == result.typical


@settings(max_examples=200, deadline=None)
@given(cases())
def test_suggestions_only_offer_gains_largest_first(case):
    chosen, reader = case
    result = estimate(profile=reader, tables=chosen)
    gains = [suggestion.gain for suggestion in result.suggestions]
    assert all(gain > 0 for gain in gains)
    assert gains == sorted(gains, reverse=True)
    assert len(gains) <= 3
    for suggestion in result.suggestions:
        changed = estimate(profile=suggestion.profile, tables=chosen, suggest=False)
        assert changed.typical - result.typical == suggestion.gain
