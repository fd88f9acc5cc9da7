"""Where it pays more ranks places by what the pay buys after price level, and never
suggests a place whose pay buys no more than at home (issue 20)."""

from dataclasses import replace

from salaries.pay.estimator import estimate
from tests.salaries.test_estimator import SEED, profile


def test_every_place_suggested_buys_more_than_home_and_they_come_best_first():
    for reader in (profile(), profile(years=5, education="associate"), profile(location="ohio")):
        result = estimate(profile=reader, tables=SEED)
        at_home = result.buys if result.buys is not None else result.typical
        buys = [item.buys for item in result.elsewhere]
        assert all(value is not None and value > at_home for value in buys)
        assert buys == sorted(buys, reverse=True)


def test_a_place_whose_higher_pay_only_matches_its_prices_is_not_suggested():
    # San Francisco's figures are national pay times its price level: more dollars, which
    # buy what national pay buys, so moving there is no advice.
    result = estimate(profile=profile(), tables=SEED)
    there = estimate(profile=replace(profile(), location="san-francisco-oakland-hayward-ca"),
                     tables=SEED)  # fmt: skip
    assert there.typical > result.typical
    assert "san-francisco-oakland-hayward-ca" not in [i.place.slug for i in result.elsewhere]


def test_breakdown_steps_say_what_they_do_in_plain_words():
    result = estimate(profile=profile(years=2, employer="hospital"), tables=SEED)
    plain = {line.label: line.plain for line in result.lines}
    assert plain["Experience"].startswith("Where 2 years in the role put you")
    assert "the national figure" in plain["Employer type"]
    assert "÷" not in " ".join(plain.values()) and "×" not in " ".join(plain.values())
    assert all(line.plain for line in result.lines)
