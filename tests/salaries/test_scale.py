"""Nothing in the estimate grows with areas × rows: thousands of areas on tables built by hand.

A real BLS file holds ~600 areas for an occupation; these tables hold up to 10,000, each
with a wage row of its own, as a careless or hostile upload could before the reader
refused such files.
"""

import random
import time
from dataclasses import replace
from decimal import Decimal

from salaries.pay.distribution import METRO, NATIONAL, Parity, Place, Wages, area_distribution, buys
from salaries.pay.estimator import Profile, Tables, estimate, whole_dollars
from salaries.pay.estimator.anchored import annual_pay
from salaries.pay.estimator.constants import MAX_ELSEWHERE

from .test_estimator import SEED


def with_metros(count: int, *, seed: int = 23) -> Tables:
    """The seed tables plus count metropolitan areas, each with its own OEWS row in the
    newest complete release and, for every third, a price parity."""
    rng = random.Random(seed)
    national = [row for row in SEED.wages if row.kind == NATIONAL]
    release = max(
        (row for row in national if row.is_complete), key=lambda row: row.release.survey_date
    ).release
    source = national[0].release.source
    places = dict(SEED.places)
    wages = list(SEED.wages)
    for n in range(count):
        area = f"{10000 + n}"
        median = rng.randrange(30_000, 60_000)
        percentiles = (median - 9000, median - 5000, median, median + 6000, median + 14000)
        parity = Parity(rpp=Decimal(rng.randrange(85, 120)), year=2023, source=source)
        place = Place(
            slug=f"metro-{n}",
            name=f"Metro {n:05d}, XX",
            kind=METRO,
            oews_area=area,
            parity=parity if n % 3 == 0 else None,
        )
        places[place.slug] = place
        wages.append(
            Wages(
                area=area,
                area_title=place.name,
                kind=METRO,
                release=release,
                percentiles=percentiles,
            )
        )
    return replace(SEED, places=places, wages=tuple(wages))


def seconds_for_distributions(count: int) -> float:
    """The fastest of three builds of every place's distribution, on fresh tables."""
    best = float("inf")
    for _ in range(3):
        tables = with_metros(count)
        started = time.perf_counter()
        assert len(tables.distributions) == len(tables.places)
        best = min(best, time.perf_counter() - started)
    return best


def test_ten_thousand_areas_get_their_distributions_in_under_a_second():
    seconds = seconds_for_distributions(10_000)
    print(f"\n10,000 areas: every distribution in {seconds:.3f} s")
    assert seconds < 1


def test_twice_the_areas_take_less_than_three_times_as_long():
    small, large = seconds_for_distributions(2_500), seconds_for_distributions(5_000)
    print(f"\n2,500 areas: {small:.3f} s; 5,000 areas: {large:.3f} s")
    assert large < 3 * small


def test_each_place_reads_the_same_distribution_as_from_all_the_rows():
    tables = with_metros(300)
    for slug in ["united-states", "ohio", "california", "metro-0", "metro-1", "metro-299"]:
        place = tables.places[slug]
        assert tables.distributions[slug] == area_distribution(place, tables.wages)
    assert tables.national == area_distribution(tables.places["united-states"], tables.wages)


def every_place_tried(profile: Profile, at_home: int, tables: Tables) -> list[tuple[str, int]]:
    """Where it pays more, the slow way: the whole estimate in each place with a price
    parity, kept when its pay buys more than at home, most-buying first."""
    found = []
    for slug, place in tables.places.items():
        distribution = tables.distributions[slug]
        if slug == profile.location or place.is_national or distribution is None:
            continue
        parity = distribution.parity or place.parity
        if parity is None:
            continue
        there = annual_pay(profile=replace(profile, location=slug), tables=tables).pay.typical
        bought = whole_dollars(buys(whole_dollars(there), parity))
        if bought > at_home:
            found.append((place.name, bought))
    found.sort(key=lambda item: (-item[1], item[0]))
    return found[:MAX_ELSEWHERE]


def test_where_it_pays_more_is_the_best_of_every_place_tried_one_by_one():
    tables = with_metros(400)
    rng = random.Random(6013)
    for _ in range(40):
        profile = Profile(
            years=rng.randint(0, 40),
            education=rng.choice(list(tables.education)),
            employer=rng.choice(list(tables.employers)),
            location=rng.choice(list(tables.places)),
            certifications=tuple(c for c in tables.certifications if rng.random() < 0.3),
        )
        result = estimate(profile=profile, tables=tables)
        shown = [(item.place.name, item.buys) for item in result.elsewhere]
        at_home = result.buys if result.buys is not None else result.typical
        assert shown == every_place_tried(profile, at_home, tables)


def test_an_estimate_among_ten_thousand_areas_stays_quick():
    tables = with_metros(10_000)
    profile = Profile(years=5, education="associate", employer="hospital", location="metro-7")
    estimate(profile=profile, tables=tables)  # the tables' distributions, built once
    started = time.perf_counter()
    for _ in range(20):
        result = estimate(profile=profile, tables=tables)
    seconds = (time.perf_counter() - started) / 20
    print(f"\none estimate among 10,000 areas: {seconds * 1000:.2f} ms")
    assert len(result.elsewhere) == MAX_ELSEWHERE
    assert seconds < 0.02
