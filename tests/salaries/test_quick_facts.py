from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from salaries import snapshot
from salaries.models import OewsWage, Statistic
from salaries.pages.quick_facts import build_quick_facts, quick_facts


def facts_by_label() -> dict[str, tuple[str, str]]:
    return {fact.label: (fact.value, fact.detail) for fact in quick_facts().facts}


def test_quick_facts_come_from_the_tables(salary_data):
    facts = facts_by_label()
    # May 2022 has only an annual median on file: 39,740 / 2,080 = 19.1057... -> $19.11.
    assert facts["Median pay, May 2022"] == (
        "$39,740 a year",
        "$19.11 an hour (yearly pay ÷ 2,080)",
    )
    chosen = {s.quick_fact: s for s in Statistic.objects.exclude(quick_fact="")}
    education = chosen[Statistic.QuickFact.EDUCATION]
    assert facts["Typical entry education"] == (
        "High school diploma or GED",
        f"{education.label}: 96.1%",
    )
    training = chosen[Statistic.QuickFact.TRAINING]
    assert facts["On-the-job training"] == ("98.3%", training.label)
    # The newest release with an employment figure is May 2019.
    assert facts["Employment, May 2019"] == ("604,780 jobs", "nationwide")
    assert facts["Job outlook"] == ("8%", chosen[Statistic.QuickFact.OUTLOOK].label)
    # The Occupational Requirements Survey source is the newest, January 2024.
    assert quick_facts().newest == date(2024, 1, 1)


def test_quick_facts_prefer_the_published_hourly_median(salary_data):
    wage = OewsWage.objects.get(release__slug="may-2022", area="99", occ_code="43-6013")
    wage.h_median = Decimal("19.10")
    wage.save()
    assert facts_by_label()["Median pay, May 2022"] == ("$39,740 a year", "$19.10 an hour")


def test_quick_facts_follow_an_edit_at_once(salary_data):
    quick_facts()  # cached at this content version
    stat = Statistic.objects.get(quick_fact=Statistic.QuickFact.OUTLOOK)
    stat.value = Decimal("6")
    stat.save()
    assert facts_by_label()["Job outlook"][0] == "6%"


def test_a_quick_fact_without_data_is_left_out(salary_data):
    stat = Statistic.objects.get(quick_fact=Statistic.QuickFact.TRAINING)
    stat.quick_fact = ""
    stat.save()
    facts = build_quick_facts(snapshot.salary_data())
    assert "On-the-job training" not in [fact.label for fact in facts.facts]


def test_one_statistic_fills_each_quick_fact(salary_data):
    other = Statistic.objects.get(slug="ors-prior-experience")
    other.quick_fact = Statistic.QuickFact.TRAINING
    with pytest.raises(ValidationError, match="already fills this quick fact"):
        other.full_clean()


def test_quick_facts_link_every_figure_to_its_source(salary_data):
    for fact in quick_facts().facts:
        assert fact.href.startswith("/sources/#source-")


@pytest.mark.parametrize("path", ["/", "/salary/"])
def test_home_and_salary_pages_start_with_quick_facts(client, guide, path):
    html = client.get(path).content.decode()
    assert 'aria-labelledby="quick-facts-title"' in html
    assert "$39,740 a year" in html
    assert html.index("Quick facts") < html.index('class="page-body')


def test_other_guide_pages_have_no_quick_facts(client, guide):
    assert "Quick facts" not in client.get("/what-they-do/").content.decode()
