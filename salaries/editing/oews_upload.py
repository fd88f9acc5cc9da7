"""Admin for BLS OEWS releases and wage rows, with an upload that previews before it writes."""

import io
import logging
import uuid
from datetime import date

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from careerguide.shared.admin_safety import SafeHistoryAdmin, SafeInlineMixin
from salaries.models import AreaType, Occupation, OewsRelease, OewsWage
from salaries.models import figure_fields as figure_fields_of
from salaries.oews import fetch
from salaries.oews.importing import Status, apply_import, plan_import
from salaries.oews.read import (
    MAX_BYTES,
    OewsError,
    OewsRow,
    Period,
    read_oews,
    read_oews_files,
    resolve_period,
)

# An upload creates and changes wage rows, releases and their sources.
UPLOAD_PERMISSIONS = (
    "salaries.add_oewswage",
    "salaries.change_oewswage",
    "salaries.add_oewsrelease",
    "salaries.change_oewsrelease",
    "salaries.add_source",
    "salaries.change_source",
)
# The parsed rows wait in the (database-backed) session between preview and confirm, so
# any worker process can finish the import.
SESSION_KEY = "oews_import"
# Seconds the admin's fetch from BLS may take, inside one request.
FETCH_TIMEOUT = 20
logger = logging.getLogger(__name__)


class OewsUploadForm(forms.Form):
    file = forms.FileField(
        label="OEWS file",
        help_text=f"The spreadsheet as BLS publishes it (.xlsx or .csv), up to "
        f"{MAX_BYTES // 1024 // 1024} MB.",
    )
    period = forms.CharField(
        label="Survey period",
        required=False,
        max_length=40,
        help_text='For example "May 2023". May be left empty when the file name says it, '
        "as in oesm23nat.xlsx or national_M2023_dl.xlsx.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(
                f"This file is {upload.size / 1024 / 1024:.1f} MB; files over "
                f"{MAX_BYTES // 1024 // 1024} MB are refused. Upload the national, state or "
                "metropolitan file rather than all data."
            )
        return upload

    def clean(self) -> dict:
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            try:
                cleaned["period"] = resolve_period(cleaned.get("period"), upload.name)
                cleaned["rows"] = read_oews(
                    upload,
                    upload.name,
                    period=cleaned["period"],
                    occ_codes=Occupation.objects.codes(),
                )
            except OewsError as error:
                # Every problem found, not just the first (the reader stops at 20 rows').
                raise ValidationError(error.messages) from None
            except Exception:
                # An uploaded file is untrusted input: a reader bug must not become a 500
                # page, and the editor sees no traceback; the log keeps it.
                logger.exception("Reading the OEWS upload %r failed", upload.name)
                raise ValidationError(
                    f'"{upload.name}" could not be read. Check it is the CSV or XLSX file as '
                    "BLS publishes it."
                ) from None
        return cleaned


class NationalWageForm(forms.ModelForm):
    """The inline edits the annual figures only: a model error about a field it leaves out
    (an hourly one) is shown above the row, rather than failing the page."""

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                shown = name == NON_FIELD_ERRORS or name in self.fields
                super().add_error(name if shown else None, errors)
            return
        super().add_error(field, error)


class NationalWageInline(SafeInlineMixin, admin.TabularInline):
    """The release's national row, the one the guide quotes, edited in place."""

    model = OewsWage
    form = NationalWageForm
    verbose_name = "national wage row"
    verbose_name_plural = "national wages (states and metro areas are under OEWS wage rows)"
    fields = ["area_title", "employment", "a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90"]
    readonly_fields = ["area_title"]
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    figure_fields = figure_fields_of(OewsWage)

    def get_queryset(self, request: HttpRequest):
        # The career ladder's other occupations are edited under OEWS wage rows.
        return (
            super()
            .get_queryset(request)
            .filter(
                area_type=AreaType.NATIONAL, occ_code=OewsWage._meta.get_field("occ_code").default
            )
        )


class OewsReleaseAdmin(SafeHistoryAdmin):
    inlines = [NationalWageInline]
    figure_fields = figure_fields_of(OewsRelease)
    list_display = ["period", "survey_date", "area_count", "source"]
    list_select_related = ["source"]
    search_fields = ["slug", "source__name"]
    change_list_template = "admin/salaries/oews/release_change_list.html"

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).annotate(area_count=Count("wages"))

    @admin.display(description="Areas", ordering="area_count")
    def area_count(self, release: OewsRelease) -> int:
        return release.area_count

    def get_deleted_objects(self, objs, request: HttpRequest):
        """The releases to delete, each saying how many wage rows go with it, never a line
        per row: a metropolitan release holds tens of thousands. Wage rows are the only
        rows that refer to a release (tests check), so nothing else is left unsaid."""
        releases = list(objs)
        counts = dict(
            OewsWage.objects.filter(release__in=releases)
            .order_by()
            .values_list("release")
            .annotate(Count("pk"))
        )
        wage_admin = self.admin_site.get_model_admin(OewsWage)
        listed: list = []
        perms_needed = set()
        for release in releases:
            if not self.has_delete_permission(request, release):
                perms_needed.add(OewsRelease._meta.verbose_name)
            change_url = reverse("admin:salaries_oewsrelease_change", args=[quote(release.pk)])
            listed.append(format_html('OEWS release: <a href="{}">{}</a>', change_url, release))
            wages = counts.get(release.pk, 0)
            if wages:
                listed.append(
                    [f"This removes {wages:,} wage row{'' if wages == 1 else 's'} with it."]
                )
        total = sum(counts.values())
        if total and not wage_admin.has_delete_permission(request):
            perms_needed.add(OewsWage._meta.verbose_name)
        model_count = {OewsRelease._meta.verbose_name_plural: len(releases)}
        if total:
            model_count[OewsWage._meta.verbose_name_plural] = total
        return listed, model_count, perms_needed, []

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="salaries_oewsrelease_upload",
            ),
            path(
                "fetch/",
                self.admin_site.admin_view(require_POST(self.fetch_view)),
                name="salaries_oewsrelease_fetch",
            ),
            path(
                "upload/confirm/",
                self.admin_site.admin_view(require_POST(self.confirm_view)),
                name="salaries_oewsrelease_upload_confirm",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        extra_context = {**(extra_context or {}), "can_upload": self.can_upload(request)}
        return super().changelist_view(request, extra_context)

    def can_upload(self, request: HttpRequest) -> bool:
        return request.user.has_perms(UPLOAD_PERMISSIONS)

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        """Step 1: choose the file; on POST, read it and show what would change."""
        if not self.can_upload(request):
            raise PermissionDenied
        if request.method != "POST":
            return self.render_upload(request, OewsUploadForm())
        form = OewsUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_upload(request, form, status=400)
        return self.preview(
            request, form.cleaned_data["rows"], form.cleaned_data["period"],
            form.cleaned_data["file"].name,
        )  # fmt: skip

    def preview(self, request: HttpRequest, rows: list, period: Period, filename: str):
        """Show what the rows would change, keeping them in the session for the confirm."""
        plan = plan_import(rows, period)
        token = uuid.uuid4().hex
        request.session[SESSION_KEY] = {
            "token": token,
            "period": plan.period.label,
            "filename": filename,
            "rows": [row.to_json() for row in plan.rows],
        }
        context = {
            **self.page_context(request, f"Preview: OEWS {plan.period.label}"),
            "plan": plan,
            "filename": filename,
            "token": token,
            "new_areas": plan.with_status(Status.NEW),
            "changed_areas": plan.with_status(Status.CHANGED),
            "unchanged_areas": plan.with_status(Status.UNCHANGED),
        }
        return TemplateResponse(request, "admin/salaries/oews/preview.html", context)

    def fetch_view(self, request: HttpRequest) -> HttpResponse:
        """The Overdue screen's button: download BLS's national file for a year and show
        the same preview as an upload (nothing is written until it is confirmed)."""
        if not self.can_upload(request):
            raise PermissionDenied
        try:
            period = Period(
                fetch.check_year(request.POST.get("year", ""), this_year=date.today().year)
            )
            url = fetch.file_url(settings.OEWS_URL_TEMPLATE, period.year, "national")
            data = fetch.download(
                url,
                period=period,
                user_agent=settings.OEWS_USER_AGENT,
                # Inside a request: well within the app server's 30-second limit.
                timeout=min(settings.OEWS_TIMEOUT, FETCH_TIMEOUT),
                max_bytes=getattr(settings, "OEWS_MAX_DOWNLOAD_BYTES", MAX_BYTES),
            )
            found = fetch.workbooks(data, url.rpartition("/")[2], period)
            rows = read_oews_files(
                [(io.BytesIO(book.data), book.name) for book in found],
                period=period,
                occ_codes=Occupation.objects.codes(),
            )
        except (fetch.FetchError, OewsError) as error:
            text = str(error) if isinstance(error, fetch.FetchError) else " ".join(error.messages)
            messages.error(request, f"Nothing was fetched or written: {text}")
            return redirect("admin:salaries_source_overdue")
        return self.preview(request, rows, period, url)

    def confirm_view(self, request: HttpRequest) -> HttpResponse:
        """Step 2: write the rows kept from the preview, all or nothing."""
        if not self.can_upload(request):
            raise PermissionDenied
        pending = request.session.get(SESSION_KEY)
        if not pending or pending.get("token") != request.POST.get("token"):
            messages.error(
                request,
                "Nothing to import: this preview has expired or was already imported. "
                "Upload the file again.",
            )
            return redirect("admin:salaries_oewsrelease_upload")
        rows = [OewsRow.from_json(row) for row in pending["rows"]]
        result = apply_import(plan_import(rows, Period.parse(pending["period"])), user=request.user)
        del request.session[SESSION_KEY]
        messages.success(
            request,
            f"Imported {result.release} from {pending['filename']}: {result.created} new, "
            f"{result.updated} changed, {result.unchanged} unchanged areas.",
        )
        changelist = reverse("admin:salaries_oewswage_changelist")
        return redirect(f"{changelist}?release__id__exact={result.release.pk}")

    def render_upload(self, request: HttpRequest, form: OewsUploadForm, status: int = 200):
        context = {**self.page_context(request, "Upload an OEWS file"), "form": form}
        return TemplateResponse(request, "admin/salaries/oews/upload.html", context, status=status)

    def page_context(self, request: HttpRequest, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "upload_url": reverse("admin:salaries_oewsrelease_upload"),
            "confirm_url": reverse("admin:salaries_oewsrelease_upload_confirm"),
        }
