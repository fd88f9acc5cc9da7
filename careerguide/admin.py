import json
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from careerguide.markup import annotated, problems
from careerguide.models import Page
from careerguide.shared.admin_safety import (
    TOKEN_FIELD,
    SafeHistoryAdmin,
    digest_of,
    newest_record,
    row_token,
)
from careerguide.views import render_page
from salaries.figures import registry

admin.site.site_header = "PT Care Coordinator Guide: editors"
admin.site.site_title = "Guide admin"
admin.site.index_title = "Pages and salary data"


class SuperusersOnly:
    """Login-attempt logs are for whoever runs the site: editors never see them, whatever
    permissions their accounts hold."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser


for model, model_admin in [
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        admin.site.register(model, type(model_admin.__name__, (SuperusersOnly, model_admin), {}))


def search_text(figure) -> str:
    """What the reference's search looks through: the name, the value and the source."""
    return f"{figure.key} {figure.text} {figure.source_name} {figure.source_slug}".casefold()


def matching_figures(query: str) -> list:
    """Every placeholder figure whose name, value or source contains the query."""
    needle = query.strip().casefold()
    return [
        figure
        for _, figure in sorted(registry().items())
        if not needle or needle in search_text(figure)
    ]


# The placeholder reference's groups: a name's first part says which table it reads.
PLACEHOLDER_GROUPS = {
    "source": "Sources",
    "bls": "BLS wage releases",
    "stat": "Statistics",
    "experience": "Experience bands",
    "education": "Education levels",
    "certification": "Certifications",
    "skill": "Skills",
    "location": "Locations",
    "employer": "Employer types",
    "benefits": "Benefit assumptions",
    "method": "The estimate's method and worked example",
}


@dataclass
class PlaceholderGroup:
    prefix: str
    label: str
    rows: list = dataclass_field(default_factory=list)  # (figure, shown) pairs

    @property
    def shown(self) -> int:
        return sum(1 for _, shown in self.rows if shown)


def placeholder_groups(query: str) -> list[PlaceholderGroup]:
    """Every figure in its table's group, each marked shown when it matches the query.

    All rows go to the page, so the filter that runs as an editor types can widen a
    search as well as narrow it; without JavaScript the rows not shown stay hidden.
    """
    needle = query.strip().casefold()
    groups: dict[str, PlaceholderGroup] = {}
    for name, figure in sorted(registry().items()):
        prefix = name.split(".")[0]
        group = groups.setdefault(
            prefix, PlaceholderGroup(prefix, PLACEHOLDER_GROUPS.get(prefix, prefix))
        )
        group.rows.append((figure, not needle or needle in search_text(figure)))
    order = list(PLACEHOLDER_GROUPS)
    return sorted(
        groups.values(),
        key=lambda g: (order.index(g.prefix) if g.prefix in order else len(order), g.prefix),
    )


LIVE_PREVIEW_TEMPLATE = "admin/careerguide/page/live_preview.html"


def live_preview_url(page: Page | None) -> str:
    if page is not None and page.pk is not None:
        return reverse("admin:careerguide_page_live_preview_saved", args=[page.pk])
    return reverse("admin:careerguide_page_live_preview")


class LivePreviewTextarea(forms.Textarea):
    """The page body with the page as readers will see it beside it: the saved (or
    submitted) text is rendered with the form, and htmx renders it again as the editor
    types. Without JavaScript the pane keeps the text as the form was opened."""

    # Rendered with the site's templates (the form renderer only knows Django's own).
    wrapper_template = "admin/careerguide/page/body_widget.html"

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        preview = annotated(self.format_value(value) or "")
        return render_to_string(self.wrapper_template, {"textarea": textarea, "preview": preview})


# The submit button that keeps a published page's new text as a draft.
SAVE_DRAFT = "_save_draft"
DRAFT_FIELDS = ("title", "summary", "body")


class PageForm(forms.ModelForm):
    """The page form. PageAdmin.get_form sets, for the request at hand, whether the form
    opens on the waiting draft and whether it is being saved as a draft."""

    shows_draft = False
    saving_draft = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.shows_draft and not self.is_bound and self.instance.has_draft:
            for name in DRAFT_FIELDS:
                if name in self.fields:
                    self.initial[name] = getattr(self.instance, f"draft_{name}")

    def clean(self):
        cleaned = super().clean()
        if not self.saving_draft:
            return cleaned
        live = Page.objects.filter(pk=self.instance.pk, status=Page.Status.PUBLISHED).exists()
        if not live:
            raise ValidationError(
                "Only a published page keeps a draft beside its published text; this page "
                "is not published, so press Save: readers do not see it yet.",
                code="not_published",
            )
        if "status" in self.fields and cleaned.get("status") != Page.Status.PUBLISHED:
            self.add_error(
                "status",
                "Save as draft keeps the page published, with readers seeing its current "
                "text: set Status back to Published, or press Save and publish to take "
                "the page off the site.",
            )
        return cleaned


@admin.register(Page)
class PageAdmin(SafeHistoryAdmin):
    form = PageForm
    list_display = ["title", "status", "draft_waiting", "position", "last_reviewed", "view_link"]
    list_editable = ["position"]
    list_filter = ["status"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    change_form_template = "admin/careerguide/page/change_form.html"
    change_list_template = "admin/careerguide/page/change_list.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "nav_label", "summary", "body"]}),
        ("Publishing", {"fields": ["status", "position", "last_reviewed"]}),
    ]
    actions = ["publish", "unpublish"]

    @admin.display(description="Draft change waiting", boolean=True)
    def draft_waiting(self, page: Page) -> bool:
        return page.has_draft

    @admin.display(description="On the site")
    def view_link(self, page: Page) -> str:
        label = "View" if page.is_published else "View draft"
        return format_html('<a href="{}">{}</a>', page.get_absolute_url(), label)

    @admin.action(description="Publish the selected pages", permissions=["change"])
    def publish(self, request: HttpRequest, queryset) -> None:
        self.set_status(request, queryset, Page.Status.PUBLISHED, "Published.")

    @admin.action(description="Return the selected pages to draft", permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset) -> None:
        self.set_status(request, queryset, Page.Status.DRAFT, "Returned to draft.")

    def set_status(self, request: HttpRequest, queryset, status: str, message: str) -> None:
        # One save a page, so each change has its history entry and drops the cache.
        for page in queryset:
            page.status = status
            page.save()
        self.message_user(request, message, messages.SUCCESS)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "body":
            # Room for a whole page of Markdown, the way to every figure's name, and the
            # page as readers will see it beside the text (get_form says where from).
            field.widget = LivePreviewTextarea(
                attrs={
                    "rows": 32,
                    "cols": 100,
                    "class": "vLargeTextField",
                    "hx-trigger": "input changed delay:500ms",
                    "hx-target": "#live-preview-body",
                    "hx-swap": "innerHTML",
                    "hx-sync": "this:replace",
                    "hx-indicator": "#live-preview",
                    "hx-headers": json.dumps({"X-CSRFToken": get_token(request)}),
                }
            )
            field.help_text = format_html(
                "Markdown. Start headings at ##. Write a figure from the salary tables as "
                "<code>{{{{ source.guide-national.typical }}}}</code>: the "
                '<a href="{}" target="_blank">placeholder reference</a> lists every name '
                "with its current value and source.",
                reverse("admin:careerguide_page_placeholders"),
            )
        return field

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # A class made for this request (modelform_factory), so these stay with it. Only
        # the change form opens on the draft: a history revert shows the old version.
        url_name = getattr(request.resolver_match, "url_name", None)
        on_change_form = url_name == "careerguide_page_change"
        form.shows_draft = obj is not None and on_change_form
        form.saving_draft = obj is not None and SAVE_DRAFT in request.POST
        body = form.base_fields.get("body")
        if body is not None and isinstance(body.widget, LivePreviewTextarea):
            body.widget.attrs["hx-post"] = live_preview_url(obj)
        return form

    def get_urls(self):
        return [
            path(
                "live-preview/",
                self.admin_site.admin_view(self.live_preview),
                name="careerguide_page_live_preview",
            ),
            path(
                "<int:object_id>/live-preview/",
                self.admin_site.admin_view(self.live_preview),
                name="careerguide_page_live_preview_saved",
            ),
            path(
                "placeholders/",
                self.admin_site.admin_view(self.placeholders),
                name="careerguide_page_placeholders",
            ),
            path(
                "preview/",
                self.admin_site.admin_view(self.preview),
                name="careerguide_page_preview",
            ),
            path(
                "<int:object_id>/publish-draft/",
                self.admin_site.admin_view(self.publish_draft),
                name="careerguide_page_publish_draft",
            ),
            path(
                "<int:object_id>/discard-draft/",
                self.admin_site.admin_view(self.discard_draft),
                name="careerguide_page_discard_draft",
            ),
            path(
                "<int:object_id>/preview/",
                self.admin_site.admin_view(self.preview),
                name="careerguide_page_preview_saved",
            ),
            *super().get_urls(),
        ]

    def preview(self, request: HttpRequest, object_id: int | None = None) -> HttpResponse:
        """Render the page as readers would see it, from the unsaved form or the saved row."""
        instance = get_object_or_404(Page, pk=object_id) if object_id else Page()
        if request.method != "POST":
            if not self.has_view_permission(request, instance if object_id else None):
                raise PermissionDenied
            return render_page(request, instance.with_draft(), preview=True)
        # Unsaved edits: only someone who could save them (change, or add for a new page).
        if object_id:
            may_preview = self.has_change_permission(request, instance)
        else:
            may_preview = self.has_add_permission(request)
        if not may_preview:
            raise PermissionDenied
        form_class = self.get_form(request, instance)
        form = form_class(request.POST, instance=instance)
        form.check_row_version = False  # nothing is saved, so a newer row is no conflict
        if not form.is_valid():
            response = HttpResponse(
                "<!doctype html><title>Preview not possible</title>"
                "<h1>Preview not possible</h1><ul>"
                + "".join(
                    format_html("<li>{}: {}</li>", field, "; ".join(errors))
                    for field, errors in form.errors.items()
                )
                + "</ul><p>Close this tab and correct the form.</p>",
                status=422,
            )
            return response
        return render_page(request, form.save(commit=False), preview=True)

    def live_preview(self, request: HttpRequest, object_id: int | None = None) -> HttpResponse:
        """The body as typed, as readers would see it: the pane beside the text asks for
        it as the editor types. Unsaved text: only for someone who could save it."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if object_id:
            may_preview = self.has_change_permission(request, get_object_or_404(Page, pk=object_id))
        else:
            may_preview = self.has_add_permission(request)
        if not may_preview:
            raise PermissionDenied
        body = request.POST.get("body")
        if body is None:
            return TemplateResponse(
                request, LIVE_PREVIEW_TEMPLATE, {"missing_body": True}, status=400
            )
        return TemplateResponse(request, LIVE_PREVIEW_TEMPLATE, {"preview": annotated(body)})

    def placeholders(self, request: HttpRequest) -> TemplateResponse:
        """Every placeholder name with its current value and source, searchable with ?q=."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "")[:200]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Placeholder reference",
            "query": query,
            "figures": matching_figures(query),
            "groups": placeholder_groups(query),
            "total": len(registry()),
        }
        return TemplateResponse(request, "admin/careerguide/page/placeholders.html", context)

    def save_model(self, request, obj, form, change):
        if change and getattr(form, "saving_draft", False):
            # The form checked the page is published; its text as stored stays for readers.
            obj.keep_as_draft(Page.objects.get(pk=obj.pk))
        elif change:
            # The form opened on the draft, so saving it publishes the draft as edited.
            obj.clear_draft()
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if SAVE_DRAFT not in request.POST:
            return super().response_change(request, obj)
        if obj.has_draft:
            message = (
                "Saved as a draft. Readers keep seeing the published text until you "
                "publish the draft."
            )
        else:
            message = "The text is the same as the published text, so no draft is kept."
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(request.path)

    def publish_draft(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """Readers see the waiting draft from now on."""
        return self.draft_action(request, object_id, publish=True)

    def discard_draft(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """The waiting draft is dropped; readers go on seeing the published text."""
        return self.draft_action(request, object_id, publish=False)

    def draft_action(self, request: HttpRequest, object_id: int, *, publish: bool):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        page = get_object_or_404(Page, pk=object_id)
        if not self.has_change_permission(request, page):
            raise PermissionDenied
        change_url = reverse("admin:careerguide_page_change", args=[page.pk])
        opened = request.POST.get(TOKEN_FIELD, "").strip()
        if not opened:
            return HttpResponseBadRequest(
                "The form did not say which version of the page you saw: reload the page "
                "and try again."
            )
        with transaction.atomic(using=router.db_for_write(Page)):
            # Locked from this check to the save, as the change form's own check is.
            if digest_of(row_token(Page, page.pk, lock=True)) != digest_of(opened):
                return self.draft_conflict(request, page, publish=publish)
            page.refresh_from_db()
            if not page.has_draft:
                self.message_user(request, "No draft is waiting for this page.", messages.INFO)
                return HttpResponseRedirect(change_url)
            if publish:
                found = problems(page.draft_body)
                if found:
                    self.message_user(
                        request,
                        "The draft cannot be published: " + " ".join(found),
                        messages.ERROR,
                    )
                    return HttpResponseRedirect(change_url)
                page.publish_draft()
                page._change_reason = "Published the draft"
                message = "Published: readers now see the new text."
            else:
                page.clear_draft()
                page._change_reason = "Discarded the draft"
                message = "The draft is discarded; readers go on seeing the published text."
            page.save()
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(change_url)

    def draft_conflict(self, request: HttpRequest, page: Page, *, publish: bool):
        """Someone saved the page after this editor opened it: say who, and do nothing."""
        record = newest_record(Page, page.pk)
        user = getattr(record, "history_user", None)
        who = user.get_username() if user is not None else "someone"
        if record is None:
            when = "a date not recorded"
        else:
            when = date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": page,
            "title": "The page changed after you opened it",
            "nothing": "Nothing was published" if publish else "Nothing was discarded",
            "who": who,
            "when": when,
            "change_url": reverse("admin:careerguide_page_change", args=[page.pk]),
        }
        return TemplateResponse(
            request, "admin/careerguide/page/draft_conflict.html", context, status=409
        )

    def render_change_form(self, request, context, *args, **kwargs):
        obj = kwargs.get("obj")
        if obj is not None and obj.pk is not None:
            context["preview_url"] = reverse("admin:careerguide_page_preview_saved", args=[obj.pk])
            context["page_is_live"] = Page.objects.filter(
                pk=obj.pk, status=Page.Status.PUBLISHED
            ).exists()
            if obj.has_draft:
                record = newest_record(Page, obj.pk)
                context["draft"] = {
                    "saved_by": getattr(record, "history_user", None),
                    "saved_on": getattr(record, "history_date", None),
                    "row_version": row_token(Page, obj.pk),
                    "publish_url": reverse("admin:careerguide_page_publish_draft", args=[obj.pk]),
                    "discard_url": reverse("admin:careerguide_page_discard_draft", args=[obj.pk]),
                }
        else:
            context["preview_url"] = reverse("admin:careerguide_page_preview")
        return super().render_change_form(request, context, *args, **kwargs)
