import json
import struct
from datetime import date
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from careerguide.content import CONTENT_DIR, parse
from careerguide.models import Page
from salaries.models import AreaType, OewsWage

SLUGS = [parse(p.read_text())["slug"] for p in sorted(CONTENT_DIR.glob("*.md"))]
SITE_URL = "https://guide.example"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BREAKOUT = "</script><script>alert(1)</script>"


class Head(HTMLParser):
    """Collect the <meta>, <link> and <script> elements of a page as a browser sees them."""

    def __init__(self, html: str):
        super().__init__()
        self.metas: list[dict] = []
        self.links: list[dict] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.metas.append(attrs)
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self._script, self._text = attrs, []

    def handle_data(self, data):
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None

    def meta(self, key: str) -> list[str]:
        return [m["content"] for m in self.metas if key in (m.get("name"), m.get("property"))]

    def link(self, rel: str) -> list[dict]:
        return [link for link in self.links if link.get("rel") == rel]

    def jsonld(self) -> list[dict]:
        return [
            json.loads(text)
            for attrs, text in self.scripts
            if attrs.get("type") == "application/ld+json"
        ]


def head_of(client, path: str) -> Head:
    response = client.get(path)
    assert response.status_code == 200
    return Head(response.content.decode())


def national_median() -> int:
    wage = (
        OewsWage.objects.filter(area_type=AreaType.NATIONAL, a_median__isnull=False)
        .order_by("-release__survey_date")
        .first()
    )
    return wage.a_median


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE_URL
    return SITE_URL


def sitemap_entries(client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    }


def test_sitemap_lists_published_pages_and_static_routes_under_site_url(client, guide, site_url):
    Page.objects.filter(slug="what-they-do").update(status=Page.Status.DRAFT)
    entries = sitemap_entries(client)
    pages = {site_url + page.get_absolute_url() for page in Page.objects.published()}
    assert set(entries) == pages | {
        f"{site_url}/salary-estimator/",
        f"{site_url}/pay-check/",
        f"{site_url}/compare-offers/",
        f"{site_url}/sources/",
    }
    assert f"{site_url}/what-they-do/" not in entries
    assert all(entries[url] for url in pages), "every page has a <lastmod>"


def test_sitemap_lastmod_is_the_later_of_update_and_review(client, guide, site_url):
    Page.objects.filter(slug="salary").update(last_reviewed=date(2099, 1, 2))
    Page.objects.filter(slug="pay-factors").update(last_reviewed=date(2000, 1, 1))
    updated = Page.objects.get(slug="pay-factors").updated_at
    entries = sitemap_entries(client)
    assert entries[f"{site_url}/salary/"] == "2099-01-02"
    assert entries[f"{site_url}/pay-factors/"] == updated.date().isoformat()


def test_robots_txt_allows_all_but_admin_and_names_the_sitemap(client, site_url, settings):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "User-agent: *\n" in text
    assert f"Disallow: /{settings.ADMIN_PATH}\n" in text
    assert f"Sitemap: {site_url}/sitemap.xml\n" in text


@pytest.mark.parametrize("slug", SLUGS)
def test_every_published_page_has_canonical_description_and_open_graph(
    client, guide, site_url, slug
):
    page = Page.objects.get(slug=slug)
    url = site_url + page.get_absolute_url()
    head = head_of(client, page.get_absolute_url() + "?utm_source=test")
    assert [link["href"] for link in head.link("canonical")] == [url]
    assert head.meta("description") == [page.summary]
    assert head.meta("og:title") == [page.title]
    assert head.meta("og:description") == [page.summary]
    assert head.meta("og:url") == [url]
    assert head.meta("og:type") == ["website" if slug == Page.HOME_SLUG else "article"]
    assert head.meta("og:locale") == ["en_US"]
    assert head.meta("twitter:card") == ["summary"]
    [image] = head.meta("og:image")
    assert image.startswith(site_url) and image.endswith("icon-512.png")


def test_head_links_icons_and_manifest(client, guide):
    head = head_of(client, "/")
    assert [link.get("sizes") for link in head.link("icon")] == ["32x32", None]
    assert head.link("icon")[1]["type"] == "image/svg+xml"
    assert head.link("apple-touch-icon")
    assert [link["href"] for link in head.link("manifest")] == ["/manifest.webmanifest"]


def test_draft_page_shown_to_staff_asks_not_to_be_indexed(admin_client, guide):
    Page.objects.filter(slug="what-they-do").update(status=Page.Status.DRAFT)
    assert head_of(admin_client, "/what-they-do/").meta("robots") == ["noindex"]


@pytest.mark.parametrize("slug", ["home", "salary"])
def test_occupation_jsonld_comes_from_the_tables(client, guide, site_url, slug):
    page = Page.objects.get(slug=slug)
    [data] = head_of(client, page.get_absolute_url()).jsonld()
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Occupation"
    assert data["occupationalCategory"] == "43-6013"
    [salary] = data["estimatedSalary"]
    assert salary["@type"] == "MonetaryAmountDistribution"
    assert salary["median"] == national_median()
    assert salary["currency"] == "USD"
    assert salary["duration"] == "P1Y"
    assert data["occupationLocation"] == [{"@type": "Country", "name": "United States"}]
    assert data["mainEntityOfPage"]["@id"] == site_url + page.get_absolute_url()
    assert data["mainEntityOfPage"]["lastReviewed"] == page.last_reviewed.isoformat()


def test_occupation_jsonld_omits_percentiles_bls_did_not_publish(client, guide):
    [data] = head_of(client, "/salary/").jsonld()
    # The newest release (May 2022) published only the median.
    assert "percentile10" not in data["estimatedSalary"][0]


def test_other_pages_have_no_jsonld(client, guide):
    assert head_of(client, "/what-they-do/").jsonld() == []


def test_jsonld_follows_an_edit_to_the_wage_table(
    client, guide, django_capture_on_commit_callbacks
):
    before = head_of(client, "/salary/").jsonld()[0]["estimatedSalary"][0]["median"]
    wage = OewsWage.objects.get(area_type=AreaType.NATIONAL, a_median=before)
    with django_capture_on_commit_callbacks(execute=True):
        wage.a_median = before + 1234
        wage.save()
    after = head_of(client, "/salary/").jsonld()[0]["estimatedSalary"][0]["median"]
    assert after == before + 1234


def test_script_end_tag_in_data_cannot_break_out_of_the_jsonld(
    client, guide, django_capture_on_commit_callbacks
):
    wage = OewsWage.objects.select_related("release__source").get(
        area_type=AreaType.NATIONAL, a_median=national_median()
    )
    page = Page.objects.get(slug="salary")
    with django_capture_on_commit_callbacks(execute=True):
        wage.release.source.name = f"BLS {BREAKOUT}"
        wage.release.source.save()
        page.title = f"Pay {BREAKOUT}"
        page.save()
    head = head_of(client, "/salary/")
    # The JSON-LD, and the site's one static script (static/reader.js) after the page.
    assert [(attrs.get("type"), attrs.get("src")) for attrs, _ in head.scripts] == [
        ("application/ld+json", None),
        (None, "/static/reader.js"),
    ]
    [data] = head.jsonld()
    assert data["mainEntityOfPage"]["name"] == f"Pay {BREAKOUT}"
    assert BREAKOUT in data["estimatedSalary"][0]["description"]


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


def test_favicon_ico_answers_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content.startswith(b"\x00\x00\x01\x00")
    assert "max-age" in response["Cache-Control"]


def test_manifest_names_icons_that_exist(client, settings):
    # Serve static files from the source folders: no collectstatic has run.
    settings.WHITENOISE_USE_FINDERS = True
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == "/"
    assert manifest["theme_color"] == "#0f5f5a"
    sizes = []
    for icon in manifest["icons"]:
        icon_response = client.get(icon["src"])
        assert icon_response.status_code == 200
        assert icon_response["Content-Type"] == "image/png"
        width, height = png_size(b"".join(icon_response.streaming_content))
        assert icon["sizes"] == f"{width}x{height}"
        sizes.append(width)
    assert sorted(sizes) == [192, 512]
