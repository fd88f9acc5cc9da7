"""At 200% zoom (a 1280×800 screen is then 640×400 CSS pixels) nothing that stays put
while the page scrolls covers more than a fifth of the screen (issue 20)."""

import pytest

ZOOMED = {"width": 640, "height": 400}
PAGES = [
    "/salary-estimator/?years=2&education=high-school&employer=private-clinic",
    "/pay-check/?pay=19.50&per=hour&location=united-states",
    "/compare-offers/?a_pay=19.50&a_per=hour&b_pay=42000&b_per=year",
    "/what-they-do/",
]
COVERED = """() => [...document.querySelectorAll('body *')]
  .filter(e => ['sticky', 'fixed'].includes(getComputedStyle(e).position))
  .filter(e => e.getClientRects().length)
  .map(e => e.getBoundingClientRect().height)"""


@pytest.mark.parametrize("path", PAGES)
def test_nothing_fixed_covers_more_than_a_fifth_of_a_zoomed_screen(site, page, path):
    page.set_viewport_size(ZOOMED)
    page.goto(site.url + path)
    for y in (0, 600, 1200):
        page.evaluate(f"window.scrollTo(0, {y})")
        heights = page.evaluate(COVERED)
        assert sum(heights) <= ZOOMED["height"] / 5, (path, y, heights)
