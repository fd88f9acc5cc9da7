"""The estimate's arithmetic, against hand-worked cases and properties, on tables built by hand.

The seed's national OEWS figures, used throughout: May 2019 percentiles 26,180 / 30,590 /
36,580 / 44,650 / 53,230, and a May 2022 median of 39,740. Brought forward by
39,740 / 36,580 = 1.086386…, they read 28,441.59 / 33,232.55 / 39,740 / 48,507.14 /
57,828.33. The salary sites' national median is 45,160, so the anchor multiplies the
guide's figures by 39,740 / 45,160 = 0.879982…
"""

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salaries.pay.distribution import METRO, NATIONAL, STATE, Parity, Place, Release, Wages
from salaries.pay.estimator import (
    HOURS_PER_YEAR,
    MAX_YEARS,
    Access,
    Band,
    Benefits,
    Cell,
    CrossCheck,
    Employer,
    Level,
    Premium,
    Profile,
    Reference,
    SourceRef,
    Tables,
    default_profile,
    estimate,
    experience_curve,
    typical_profile,
    whole_dollars,
)
from salaries.pay.places import STATES
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

    def employer(row: dict) -> Employer:
        access = None
        if row.get("medical_access"):
            access = Access(
                medical=Decimal(row["medical_access"]),
                retirement=Decimal(row["retirement_access"]),
                note=row["access_note"],
                medical_note=row.get("medical_note", ""),
                source=sources[row["access_source"]],
            )
        return Employer(
            **common(row),
            low=Decimal(row["adjustment_low"]),
            high=Decimal(row["adjustment_high"]),
            access=access,
        )

    parities = {row["area"]: row for row in data["PriceParity"]}

    def parity(row: dict) -> Parity:
        return Parity(rpp=Decimal(row["rpp"]), year=row["year"], source=sources[row["source"]])

    places = [Place(slug="united-states", name="United States", kind=NATIONAL, oews_area="99")]
    for code, name in STATES:
        row = parities.get(f"{code}000")
        places.append(
            Place(
                slug=row["slug"] if row else name.lower().replace(" ", "-"),
                name=name,
                kind=STATE,
                oews_area=code,
                parity=parity(row) if row else None,
            )
        )
    metros = [row for row in data["PriceParity"] if row["kind"] == "metro"]
    for row in sorted(metros, key=lambda row: row["name"]):
        places.append(
            Place(
                slug=row["slug"],
                name=row["name"],
                kind=METRO,
                oews_area=row["area"],
                parity=parity(row),
            )
        )
    releases = {
        row["slug"]: Release(
            period=date.fromisoformat(row["survey_date"]).strftime("%B %Y"),
            survey_date=row["survey_date"],
            source=sources[row["source"]],
        )
        for row in data["OewsRelease"]
    }
    wages = tuple(
        Wages(
            area=row["area"],
            area_title=row["area_title"],
            kind=NATIONAL,
            release=releases[row["release"]],
            percentiles=tuple(
                row.get(name) for name in ("a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90")
            ),
        )
        for row in sorted(data["OewsWage"], key=lambda row: row["release"], reverse=True)
        if row.get("occ_code", "43-6013") == "43-6013"
    )
    measures = {"median", "average", "base_pay", "total_pay"}
    benefits = data["BenefitAssumptions"][0]
    holidays = next(row for row in data["Statistic"] if row["slug"] == "paid-holidays")
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
        employers={row["slug"]: employer(row) for row in data["EmployerType"]},
        places={place.slug: place for place in places},
        wages=wages,
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
            holidays=Decimal(holidays["value"]),
            holidays_source=sources[holidays["source"]],
        ),
        reference=Reference(median=45160, source=sources["guide-national"]),
        cross_checks=tuple(
            CrossCheck(
                label=f"{row['publisher']}, {label}",
                amount=row["typical"],
                source=sources[row["slug"]],
            )
            for row in data["Source"]
            for label in [
                {
                    "median": "median",
                    "average": "average (mean)",
                    "base_pay": "base pay",
                    "total_pay": "total pay (base plus bonuses)",
                }.get(row["measure"], "")
            ]
            if row["grade"] != "published"
            and row["typical"]
            and row["slug"] != "guide-national"
            and row["measure"] in measures
        ),
    )


SEED = seed_tables()


def profile(**changes) -> Profile:
    return replace(default_profile(tables=SEED), **changes)


def test_newcomer_with_a_diploma_nationally_sits_low_in_the_distribution():
    # Curve at 0 years: the entry band's low, 35,000; the band's spread 35,000 to 42,000
    # around its middle 38,500 gives low 31,818.18 and high 38,181.82.
    # Anchored: × 0.879982 → 27,999.40 / 30,799.38 / 33,599.31; the low is below the
    # 10th percentile (28,441.59) and stops there.
    result = estimate(profile=profile(), tables=SEED)
    assert (result.low, result.typical, result.high) == (28442, 30799, 33599)
    # 30,799.38 / 2,080 = 14.807…
    assert result.hourly_typical == Decimal("14.81")
    # 10 + 15 × (30,799.38 − 28,441.59) / (33,232.55 − 28,441.59) = 17.38
    assert result.standing.rounded == 17
    # The period the percentiles describe once brought forward, as every tool names it.
    assert result.where == "about the 17th percentile of medical secretaries nationally, May 2022"
    assert not result.distribution.is_published
    assert result.distribution.method == "May 2019's spread scaled to the May 2022 median"
    assert result.held is None
    assert result.distribution.forward.to.period == "May 2022"


FIVE_YEARS = profile(
    years=5,
    education="associate",
    certifications=("cmaa",),
    employer="hospital",
    location="united-states",
)


def test_five_years_associate_cmaa_hospital_nationally():
    # 1. Curve at 5 years: 43,000 × (56,000 / 43,000) ^ (2/5) = 47,792.12.
    # 2. Associate: starting pay 39,000 = 35,000 × 1.071026 ^ h on the entry stretch, so
    #    h = ln(39/35) / ln(1.071026) = 1.577 years; the curve at 6.577 years is
    #    43,000 × 1.302326 ^ (3.577/5) = 51,944.9: +4,152.8.
    # 3. CMAA: +3,500 (2,000 to 5,000).             → 55,444.9
    # 4. Hospital: +7.5%                            → 59,603.3 on the salary sites' scale
    # 5. × 0.879982                                 → 52,449.8, typical 52,450
    # The high end (61,278) passes the 90th percentile and stops at 57,828.33.
    # Nationally: the national figures, and nothing to say about what the pay buys.
    result = estimate(profile=FIVE_YEARS, tables=SEED)
    assert (result.low, result.typical, result.high) == (43967, 52450, 57828)
    assert result.site_scale == 59603
    assert result.high_is_open and result.high_text == "$57,828+"
    # 75 + 15 × (52,449.8 − 48,507.14) / (57,828.33 − 48,507.14) = 81.3
    assert result.where == "about the 81st percentile of medical secretaries nationally, May 2022"
    assert result.national_figures
    assert result.buys is None
    steps = [(line.step, line.label) for line in result.lines]
    assert steps == [
        (1, "Experience"),
        (2, "Education head start"),
        (3, "Certification"),
        (4, "Employer type"),
        (5, "Anchored to BLS pay"),
        (6, "Kept within the 10th to 90th percentiles"),
        (7, "Hourly pay"),
    ]
    assert result.lines[1].row == "Associate degree: starting pay like 1.6 years of experience"
    hospital = result.lines[3]
    assert hospital.cells[1] == Cell(label="Typical", amount="+$4,158", percent="+7.5%")
    # The anchor multiplies by the May 2022 median, so it cites May 2022's source.
    assert result.lines[4].source.slug == "bls-oews-2022"
    # 52,449.8 / 2,080 = 25.216
    assert result.hourly_typical == Decimal("25.22")


def test_steps_are_numbered_once_each_and_priced_rows_only():
    reader = profile(years=4, certifications=("cmaa", "cehrs"), skills=("emr", "excel"))
    result = estimate(profile=reader, tables=SEED)
    numbers = [line.step for line in result.lines]
    assert numbers == list(range(1, len(numbers) + 1))
    assert [line.label for line in result.lines].count("Certification") == 1
    assert all(line.label != "Skill" for line in result.lines)  # no +$0 rows
    assert result.extra_certifications == ("CEHRS",)
    assert len(result.unpriced_skills) == 2


def test_certifications_do_not_stack():
    one = estimate(profile=profile(years=4, certifications=("cmaa",)), tables=SEED)
    two = estimate(profile=profile(years=4, certifications=("cmaa", "cehrs")), tables=SEED)
    assert one.typical == two.typical


def test_a_place_with_a_price_parity_scales_national_pay_and_says_what_it_buys():
    # California's RPP is 110.720 (2024): 30,799.38 × 1.1072 = 34,101.07; it buys what
    # 34,101.07 / 1.1072 = 30,799 buys at national prices.
    result = estimate(profile=profile(location="california"), tables=SEED)
    assert result.typical == 34101
    assert result.buys == 30799
    assert result.distribution.parity.rpp == Decimal("110.720")
    assert result.where.endswith("in California, May 2022")
    assert "national pay adjusted to California's price level" in result.distribution.method


def test_retired_buckets_are_gone_and_places_are_real():
    assert len([p for p in SEED.places.values() if p.kind == STATE]) == 51
    assert "ohio" in SEED.places and "rural" not in SEED.places


def test_total_compensation_counts_benefits_as_often_as_employers_offer_them():
    # Base 52,449.8. Bonus: the middle of 300 and 3,000 = 1,650.
    # 401(k): 52,449.8 × 6% × 50% × 90% offered at 500 workers or more = 1,416.14.
    # Health: 7,885 × 72% (all private industry) = 5,677.20.
    # Paid vacation: 11 × 52,449.8 / 260 = 2,219.03. Paid holidays: 9.3 × 201.73 = 1,876.09.
    result = estimate(profile=FIVE_YEARS, tables=SEED)
    pay = result.compensation
    assert [item.amount for item in pay.items] == [52450, 1650, 1416, 5677, 2219, 1876]
    assert pay.total == 65288
    assert pay.items[2].source.slug == "bls-ebs-2025"
    assert "the share of private-industry workers at establishments of 500 or more" in (
        pay.items[2].detail
    )
    assert "the share of all private-industry workers (no figure by workplace" in (
        pay.items[3].detail
    )
    assert pay.items[5].label == "Paid holidays" and pay.items[5].source.slug == (
        "bls-ebs-1997-holidays"
    )
    # A private clinic (−5% to +5%, middle 0%): 55,444.6 × 0.879982 = 48,790.2 base, and
    # the match at 59%, the share at establishments of fewer than 100: 48,790.2 × 6% ×
    # 50% × 59% = 863.59.
    clinic = estimate(profile=replace(FIVE_YEARS, employer="private-clinic"), tables=SEED)
    assert clinic.compensation.items[0].amount == 48790
    assert clinic.compensation.items[2].amount == 864


def test_contribution_above_the_cap_is_matched_only_up_to_the_cap():
    def match(contribution: str) -> int:
        result = estimate(profile=profile(contribution=Decimal(contribution)), tables=SEED)
        return result.compensation.items[2].amount

    # 30,799.38 × 6% × 50% × 72% (all private industry) = 665.27
    assert match("6") == match("15") == 665
    assert match("4") == 444  # 30,799.38 × 4% × 50% × 72% = 443.51
    assert match("0") == 0


def test_experience_curve_rises_smoothly_then_levels_off():
    curve = experience_curve(SEED.bands)
    # Through each band's low at its first year: 35,000 at 0, 43,000 at 3, 56,000 at 8,
    # then to the senior band's middle, 63,000, five years later (the mid band's length).
    assert [round(curve[year]) for year in (0, 3, 8, 13)] == [35000, 43000, 56000, 63000]
    assert all(b <= a * Decimal("1.10") for a, b in zip(curve, curve[1:], strict=False))
    assert SEED.plateau_from == 13
    typicals = [estimate(profile=profile(years=y), tables=SEED).typical for y in range(61)]
    assert typicals == sorted(typicals)
    assert typicals[13] == typicals[60]


def test_suggestions_are_what_a_careers_adviser_would_say():
    newcomer = estimate(profile=profile(), tables=SEED)
    kinds = [s.kind for s in newcomer.suggestions]
    assert kinds == ["experience", "education", "certification"]
    assert all(s.kind != "location" for s in newcomer.suggestions)
    for suggestion in newcomer.suggestions:
        changed = estimate(profile=suggestion.profile, tables=SEED, suggest=False)
        assert changed.typical - newcomer.typical == suggestion.gain

    veteran = estimate(profile=profile(years=12, certifications=("cmaa",)), tables=SEED)
    assert all(s.kind not in ("education", "certification") for s in veteran.suggestions)


def test_where_it_pays_more_is_a_separate_note_with_buying_power():
    result = estimate(profile=profile(years=5), tables=SEED)
    places = [item.place.slug for item in result.elsewhere]
    # San Francisco pays more dollars that buy no more (issue 20): not suggested.
    assert "san-francisco-oakland-hayward-ca" not in places
    assert all(item.buys is not None for item in result.elsewhere)
    assert all(item.buys > result.typical for item in result.elsewhere)


def test_a_typical_profile_is_mid_career():
    assert typical_profile(tables=SEED, location="ohio").years == 5


def test_estimate_rejects_rows_the_tables_do_not_have():
    with pytest.raises(ValueError):
        estimate(profile=profile(certifications=("phd",)), tables=SEED)
    with pytest.raises(KeyError):
        estimate(profile=profile(location="atlantis"), tables=SEED)
    with pytest.raises(ValueError):
        estimate(profile=profile(years=MAX_YEARS + 1), tables=SEED)


def test_empty_tables_are_not_complete():
    assert not Tables().is_complete
    assert not replace(SEED, benefits=None).is_complete
    assert not replace(SEED, wages=()).is_complete
    assert SEED.is_complete
    with pytest.raises(ValueError):
        estimate(profile=profile(), tables=Tables())


def test_profile_query_reproduces_the_profile():
    query = profile(years=5, certifications=("cmaa", "cpct"), contribution=Decimal("4.5")).query
    assert query == (
        "years=5&education=high-school&certifications=cmaa&certifications=cpct"
        "&employer=corporate-chain&location=united-states&contribution=4.5"
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

    def employer(*, value, **common) -> Employer:
        return Employer(**common, low=value[0], high=value[1])

    def level(*, value, **common) -> Level:
        return Level(**common, start_low=value)

    bonus_low, bonus_high = draw(ordered(premiums))
    return replace(
        SEED,
        bands=tuple(bands),
        education=rows("level", level, amounts, min_size=1),
        certifications=rows("cert", premium, ordered(premiums)),
        skills=rows("skill", premium, ordered(premiums)),
        employers=rows("employer", employer, ordered(tenths), min_size=1),
        reference=Reference(median=draw(amounts), source=SOURCE),
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
        location=draw(st.sampled_from(sorted(chosen.places))),
        certifications=draw(some_of(chosen.certifications)),
        skills=draw(some_of(chosen.skills)),
        contribution=draw(st.none() | shares),
    )


@settings(max_examples=200, deadline=None)
@given(cases())
def test_every_result_lies_within_the_areas_10th_to_90th_percentiles(case):
    chosen, reader = case
    result = estimate(profile=reader, tables=chosen, suggest=False)
    distribution = result.distribution
    assert whole_dollars(distribution.lowest) <= result.low <= result.typical <= result.high
    assert result.high <= whole_dollars(distribution.highest)
    assert result.hourly_low <= result.hourly_typical <= result.hourly_high
    if result.held == "above":
        assert result.typical == whole_dollars(distribution.highest)
    if result.held == "below":
        assert result.typical == whole_dollars(distribution.lowest)


@settings(max_examples=150, deadline=None)
@given(cases())
def test_typical_never_falls_and_no_year_adds_more_than_ten_percent(case):
    chosen, reader = case
    typicals = [
        estimate(profile=replace(reader, years=years), tables=chosen, suggest=False).typical
        for years in range(0, MAX_YEARS + 1, 3)
    ]
    assert typicals == sorted(typicals)
    curve = experience_curve(chosen.bands)
    assert all(a <= b <= a * Decimal("1.10") for a, b in zip(curve, curve[1:], strict=False))


@settings(max_examples=200, deadline=None)
@given(cases(st.just(SEED)))
def test_one_more_year_adds_at_most_ten_percent_on_the_seed(case):
    _, reader = case
    reader = replace(reader, years=min(reader.years, MAX_YEARS - 1))
    before = estimate(profile=reader, tables=SEED, suggest=False).typical
    after = estimate(profile=replace(reader, years=reader.years + 1), tables=SEED, suggest=False)
    assert before <= after.typical <= before * Decimal("1.10") + 1


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


@settings(max_examples=100, deadline=None)
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
        assert suggestion.profile.location == reader.location
    at_home = result.buys if result.buys is not None else result.typical
    assert all(item.buys > at_home for item in result.elsewhere)


def test_hourly_is_annual_over_2080_hours():
    result = estimate(profile=profile(years=4), tables=SEED)
    assert abs(result.hourly_line.effect.typical * HOURS_PER_YEAR - result.typical) < 1
