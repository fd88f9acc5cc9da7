import re

import pytest

from careerguide.content import CONTENT_DIR, parse
from careerguide.models import Page

SLUGS = [parse(p.read_text())["slug"] for p in sorted(CONTENT_DIR.glob("*.md"))]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_published_page_answers_with_its_title_and_one_h1(client, guide, slug):
    page = Page.objects.get(slug=slug)
    response = client.get(page.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert f">{page.title}</h1>" in html
    assert re.search(r"<title>[^<]+</title>", html)
    assert 'lang="en-US"' in html
    assert "{{" not in html


def test_draft_page_is_hidden_from_the_public(client, guide):
    Page.objects.filter(slug="what-they-do").update(status=Page.Status.DRAFT)
    assert client.get("/what-they-do/").status_code == 404


def test_draft_page_shows_to_staff_with_a_banner(admin_client, guide):
    Page.objects.filter(slug="what-they-do").update(status=Page.Status.DRAFT)
    response = admin_client.get("/what-they-do/")
    assert response.status_code == 200
    assert "Draft:" in response.content.decode()


def test_unknown_address_answers_404_with_a_way_back(client, guide):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'href="/"' in response.content.decode()
