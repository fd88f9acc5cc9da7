from copy import copy

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .markup import problems
from .shared.loader import LoadedContent  # noqa: F401  (a model of this app)
from .shared.versioning import ContentVersion  # noqa: F401  (a model of this app)


def next_position() -> int:
    """One after the last page, so a new page joins the end of the navigation."""
    last = Page.objects.aggregate(last=models.Max("position"))["last"]
    return 0 if last is None else min(last + 1, 32767)


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Page.Status.PUBLISHED)


class Page(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    HOME_SLUG = "home"

    title = models.CharField(max_length=120)
    slug = models.SlugField(
        unique=True, help_text='The address of the page. The home page uses "home".'
    )
    nav_label = models.CharField(
        "navigation label",
        max_length=40,
        blank=True,
        help_text="A short name for the menu; the title is used when empty.",
    )
    summary = models.CharField(
        max_length=200, help_text="One or two sentences; also the description search engines show."
    )
    body = models.TextField(
        help_text=(
            "Markdown. Start headings at ##. Write a figure from the salary tables as "
            "{{ source.guide-national.typical }}; the placeholder reference lists every name."
        )
    )
    position = models.PositiveSmallIntegerField(
        default=next_position,
        help_text="Order in the navigation, lowest first; a new page starts at the end.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    # A change to a published page that readers do not see yet (PageAdmin's "Save as
    # draft"): the text waits here until an editor publishes or discards it.
    draft_title = models.CharField("draft title", max_length=120, blank=True)
    draft_summary = models.CharField("draft summary", max_length=200, blank=True)
    draft_body = models.TextField(
        "draft body",
        blank=True,
        help_text="A change to the published text that readers do not see until it is published.",
    )
    last_reviewed = models.DateField(default=timezone.localdate)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.slug == self.HOME_SLUG:
            return reverse("careerguide:home")
        return reverse("careerguide:page", kwargs={"slug": self.slug})

    @property
    def menu_label(self) -> str:
        return self.nav_label or self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def has_draft(self) -> bool:
        return bool(self.draft_body)

    def with_draft(self) -> "Page":
        """An unsaved copy showing the waiting draft, for previews."""
        page = copy(self)
        if self.has_draft:
            page.publish_draft()
        return page

    def keep_as_draft(self, published: "Page") -> None:
        """Move this page's text into its draft and put back the text readers see; a draft
        the same as the published text is no draft."""
        self.draft_title, self.draft_summary, self.draft_body = self.title, self.summary, self.body
        self.title, self.summary, self.body = published.title, published.summary, published.body
        if self.draft_text() == (self.title, self.summary, self.body):
            self.clear_draft()

    def draft_text(self) -> tuple[str, str, str]:
        return self.draft_title, self.draft_summary, self.draft_body

    def publish_draft(self) -> None:
        self.title, self.summary, self.body = self.draft_text()
        self.clear_draft()

    def clear_draft(self) -> None:
        self.draft_title = self.draft_summary = self.draft_body = ""

    def clean(self) -> None:
        found = problems(self.body or "")
        if found:
            raise ValidationError({"body": found})
