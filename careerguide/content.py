"""The guide's first-run text: one Markdown file a page in careerguide/content/."""

from collections import Counter
from datetime import date
from pathlib import Path

from careerguide.models import Page
from careerguide.shared.loader import Outcome, load_object

CONTENT_DIR = Path(__file__).resolve().parent / "content"


def parse(text: str) -> dict:
    """Split a content file into its header fields and Markdown body."""
    header, _, body = text.partition("\n\n")
    fields = {}
    for line in header.splitlines():
        name, _, value = line.partition(":")
        fields[name.strip()] = value.strip()
    return {
        "title": fields["title"],
        "slug": fields["slug"],
        "summary": fields["summary"],
        "nav_label": fields.get("nav", ""),
        "position": int(fields.get("position", 0)),
        "last_reviewed": date.fromisoformat(fields["last_reviewed"]),
        "body": body.strip() + "\n",
    }


def load_pages(directory: Path = CONTENT_DIR) -> Counter:
    outcomes: Counter = Counter()
    for path in sorted(directory.glob("*.md")):
        data = parse(path.read_text(encoding="utf-8"))
        slug = data.pop("slug")
        values = {**data, "status": Page.Status.PUBLISHED}
        outcome = load_object(Page, {"slug": slug}, values, key=f"page:{slug}")
        outcomes[outcome] += 1
    return outcomes


__all__ = ["Outcome", "load_pages", "parse"]
