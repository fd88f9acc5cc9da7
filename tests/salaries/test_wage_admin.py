"""The OEWS wage-row list in the admin, as an editor in the Editors group sees it."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from salaries.models import AreaType, Occupation, OewsRelease, OewsWage

LIST_URL = "/admin/salaries/oewswage/"


@pytest.fixture
def editor(salary_data, django_user_model) -> Client:
    user = django_user_model.objects.create_user("ana", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


def rows(html: str) -> list[str]:
    """The text of each result row, tags dropped and spaces squeezed."""
    body = html.split('<table id="result_list">')[1].split("</table>")[0]
    found = re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>")[1], re.DOTALL)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in found]


def test_each_row_names_its_occupation_with_code_and_title(editor):
    listed = rows(editor.get(LIST_URL).content.decode())
    manager = next(row for row in listed if "11-9111" in row)
    coordinator = next(row for row in listed if "43-6013" in row and "May 2019" in row)
    assert "Practice or clinic manager" in manager
    assert "PT care coordinator" in coordinator
    # The two national May 2019 rows no longer look alike.
    assert manager != coordinator


def test_the_guides_own_occupation_keeps_a_name_when_not_on_the_ladder(editor):
    Occupation.objects.filter(soc_code="43-6013").delete()
    listed = rows(editor.get(LIST_URL).content.decode())
    coordinator = next(row for row in listed if "43-6013" in row and "May 2019" in row)
    assert "Medical Secretaries and Administrative Assistants" in coordinator


def test_money_and_counts_read_as_money_and_counts(editor):
    listed = rows(editor.get(LIST_URL).content.decode())
    manager = next(row for row in listed if "11-9111" in row)
    assert "$100,980" in manager
    assert "$48.55" in manager
    assert "394,910" in manager
    coordinator = next(row for row in listed if "43-6013" in row and "May 2019" in row)
    assert "$36,580" in coordinator and "$17.59" in coordinator and "604,780" in coordinator
    # May 2022 has no hourly median or employment on file: said, not left as a dash.
    may_2022 = next(row for row in listed if "May 2022" in row)
    assert "$39,740" in may_2022
    assert "not on file" in may_2022


def test_column_headers_are_short_words(editor):
    html = editor.get(LIST_URL).content.decode()
    head = html.split('<table id="result_list">')[1].split("</thead>")[0]
    headers = [
        " ".join(re.sub(r"<[^>]+>", " ", h).split())
        for h in re.findall(r"<th.*?</th>", head, re.DOTALL)
    ]
    labels = [h for h in headers if h]
    assert labels == ["Occupation", "Area", "Release", "Yearly median", "Hourly median", "Employed"]


def test_the_list_filters_by_occupation(editor):
    html = editor.get(LIST_URL).content.decode()
    assert "By occupation" in html
    assert "11-9111 Practice or clinic manager" in html
    response = editor.get(LIST_URL, {"occupation": "11-9111"})
    assert response.status_code == 200
    assert [w.occ_code for w in response.context["cl"].result_list] == ["11-9111"]
    response = editor.get(LIST_URL, {"occupation": "43-6013"})
    assert {w.occ_code for w in response.context["cl"].result_list} == {"43-6013"}
    assert len(response.context["cl"].result_list) == 2


def test_an_unknown_occupation_in_the_filter_lists_nothing_and_does_not_fail(editor):
    response = editor.get(LIST_URL, {"occupation": "<script>"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_the_list_sorts_by_yearly_median(editor):
    response = editor.get(LIST_URL, {"o": "4"})
    medians = [w.a_median for w in response.context["cl"].result_list]
    assert medians == sorted(medians)


def add_wage_rows(count: int) -> None:
    """count more national rows, each for an occupation of its own on the ladder."""
    release = OewsRelease.objects.get(slug="may-2019")
    Occupation.objects.bulk_create(
        Occupation(
            soc_code=f"29-{9000 + n}", title=f"Job {n}", bls_title=f"Job {n}", position=20 + n
        )
        for n in range(count)
    )
    OewsWage.objects.bulk_create(
        OewsWage(
            release=release,
            area="99",
            area_title="U.S.",
            area_type=AreaType.NATIONAL,
            occ_code=f"29-{9000 + n}",
            a_median=50000 + n,
            h_median=Decimal("24.04"),
            employment=1000 + n,
        )
        for n in range(count)
    )


# Session, account and its two kinds of permissions; the occupation filter's codes and
# names; the release filter; two counts; the menu's one-row check; the rows themselves.
QUERY_BUDGET = 11


def test_the_list_runs_a_fixed_number_of_queries(editor, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERY_BUDGET):
        small = editor.get(LIST_URL)
    add_wage_rows(40)
    with django_assert_max_num_queries(QUERY_BUDGET):
        large = editor.get(LIST_URL)
    assert len(large.context["cl"].result_list) == len(small.context["cl"].result_list) + 40
    assert "Job 39" in large.content.decode()
