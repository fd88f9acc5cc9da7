"""The sitemap at /sitemap.xml, with addresses built from settings.SITE_URL."""

from datetime import UTC, datetime, time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from careerguide.models import Page
from careerguide.pages import published_pages


class SiteUrlSitemap(Sitemap):
    """A sitemap whose addresses match the canonical links, whatever Host the request named."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        # Everything after "scheme://", so a SITE_URL with a path prefix keeps it, as the
        # canonical link (SITE_URL + path) does.
        return settings.SITE_URL.split("://", 1)[1]


class PageSitemap(SiteUrlSitemap):
    def items(self) -> list[Page]:
        return published_pages()

    def lastmod(self, page: Page) -> datetime:
        reviewed = datetime.combine(page.last_reviewed, time.min, tzinfo=UTC)
        return max(page.updated_at, reviewed)


class StaticSitemap(SiteUrlSitemap):
    def items(self) -> list[str]:
        # The estimator is named by its path, so the sitemap works before its route exists.
        return [
            "/salary-estimator/",
            "/pay-check/",
            "/compare-offers/",
            reverse("salaries:sources"),
        ]

    def location(self, path: str) -> str:
        return path


SITEMAPS = {"pages": PageSitemap, "static": StaticSitemap}
