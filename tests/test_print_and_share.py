"""Each result (an estimate, a pay check, an offer comparison) links to itself, with the
answers in the address, and carries what a printed copy needs: the answers, the date and
the address in full."""

import re
from html import unescape

import pytest
from django.utils import timezone

ESTIMATE = (
    "/salary-estimator/?years=5&education=associate&certifications=cmaa"
    "&employer=hospital&location=california"
)
PAY_CHECK = "/pay-check/?pay=21.50&per=hour&location=california"
OFFERS = "/compare-offers/?a_pay=45000&a_per=year&b_pay=22.50&b_per=hour&b_label=Hospital"
SHARE = re.compile(r'<a class="share-link" href="(?P<href>[^"]+)">(?P<label>[^<]+)</a>')
PRINTED = re.compile(r'<span class="print-only">(?P<label>[^:<]+): (?P<address>[^<]+)</span>')
FIGURE = re.compile(r'class="estimate-figure[^"]*">([^<]+)<')
VERDICT = re.compile(r'<p class="verdict">([^<]+)</p>')


def get(client, path: str, **headers) -> str:
    response = client.get(path, **headers)
    assert response.status_code == 200
    return response.content.decode()


def share(html: str) -> tuple[str, str]:
    [found] = SHARE.finditer(html)
    return found["label"], unescape(found["href"])


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_an_estimate_links_to_itself(client, guide, settings, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    html = get(client, ESTIMATE, **headers)
    label, href = share(html)
    assert label == "Link to this estimate"
    assert href.startswith("/salary-estimator/?years=5&education=associate&certifications=cmaa")
    assert "employer=hospital" in href and "location=california" in href
    # The link gives the same estimate, and paper shows its full address.
    assert FIGURE.findall(get(client, href)) == FIGURE.findall(html)
    [printed] = PRINTED.finditer(html)
    assert printed["label"] == "This estimate"
    assert unescape(printed["address"]) == settings.SITE_URL + href


def test_a_pay_check_links_to_itself_without_empty_answers(client, guide, settings):
    html = get(client, "/pay-check/?pay=21.50&per=hour&location=")
    label, href = share(html)
    assert (label, href) == ("Link to this pay check", "/pay-check/?pay=21.50&per=hour")
    assert FIGURE.findall(get(client, href)) == FIGURE.findall(html)
    html = get(client, PAY_CHECK, HTTP_HX_REQUEST="true")
    assert share(html)[1] == PAY_CHECK
    [printed] = PRINTED.finditer(html)
    assert unescape(printed["address"]) == settings.SITE_URL + PAY_CHECK


def test_an_offer_comparison_links_to_itself_without_empty_answers(client, guide):
    # As the form sends it: every answer, most of them empty.
    sent = OFFERS + "&a_label=&a_hours=&a_bonus=&b_hours=&b_bonus=&c_pay=&c_label="
    html = get(client, sent, HTTP_HX_REQUEST="true")
    label, href = share(html)
    assert (label, href) == ("Link to this comparison", OFFERS)
    assert VERDICT.findall(get(client, href)) == VERDICT.findall(html) != []


@pytest.mark.parametrize(
    "path", ["/salary-estimator/?years=99", "/pay-check/?pay=-3", "/compare-offers/?a_pay=-1"]
)
def test_no_link_while_the_answers_need_fixing(client, guide, path):
    response = client.get(path)
    assert response.status_code == 422
    assert "share-link" not in response.content.decode()


def test_the_copy_button_is_plain_markup_that_the_script_shows(client, guide):
    for path in (ESTIMATE, PAY_CHECK, OFFERS):
        html = get(client, path)
        assert html.count('<button type="button" class="copy-link">Copy link</button>') == 1
        assert '<script src="/static/reader.js" defer></script>' in html
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)
        assert "style=" not in html and "hx-on" not in html
        assert not re.search(r"\son[a-z]+=", html)


def test_a_printed_estimate_lists_the_answers(client, guide):
    html = get(client, ESTIMATE)
    answers = html.split('<dl class="print-only print-answers">')[1].split("</dl>")[0]
    pairs = dict(re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", answers))
    assert pairs["Years of experience"] == "5"
    assert pairs["Highest education"] == "<span>Associate degree</span>"
    assert "<span>CMAA</span>" in pairs["Certifications you hold"]
    assert pairs["Where you work"] == "<span>California</span>"


def test_a_printed_pay_check_lists_the_answers(client, guide):
    html = get(client, PAY_CHECK)
    answers = html.split('<dl class="print-only print-answers">')[1].split("</dl>")[0]
    assert re.findall(r"<dt>([^<]+)</dt>", answers) == ["Your pay", "Paid", "Where you work"]
    assert "<dd>21.50</dd>" in answers and "<span>an hour</span>" in answers


def test_tools_print_the_day_guide_pages_their_address(client, guide, settings):
    today = timezone.localdate().strftime("%-d %B %Y")
    for path in (ESTIMATE, PAY_CHECK, OFFERS):
        html = get(client, path)
        assert '<html lang="en-US" class="tool-page">' in html
        assert f"worked out on {today}" in html
    html = get(client, "/pay-factors/")
    assert '<html lang="en-US">' in html
    note = f'<p class="print-only">PT Care Coordinator Guide: {settings.SITE_URL}/pay-factors/</p>'
    assert note in html
