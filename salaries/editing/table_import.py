"""Import and export of the salary tables in the admin, made safe for editors.

On top of django-import-export's ImportExportMixin:

* Importing needs both the add and the change permission on the table; exporting needs
  the view permission.
* A file is at most IMPORT_EXPORT_MAX_FILE_SIZE bytes (refused from its size, before it
  is read) and IMPORT_EXPORT_MAX_ROWS rows. A CSV may be UTF-8 (with or without a byte
  order mark) or Windows-1252, as Excel on Windows saves it.
* The previewed file waits in the editor's session, which is stored in the database, so
  whichever worker process or machine receives the confirm can finish it; nothing is
  left in a temporary folder. A preview is removed when it is confirmed or cancelled,
  and previews older than IMPORT_EXPORT_PREVIEW_MAX_AGE seconds are dropped whenever the
  editor starts another one (and can no longer be confirmed).
* Confirming imports the file again inside one transaction, with the table locked, and
  writes every row or none: if any row fails, or the outcome differs in any way from the
  preview the editor saw (because someone changed the table in between), the
  transaction is rolled back and the editor is asked to upload again.
"""

import base64
import csv
import hashlib
import io
import logging
import secrets
import time
import zipfile
import zlib

import tablib
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.db import OperationalError, connections, router, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ImportForm
from import_export.results import Error
from import_export.signals import post_import

logger = logging.getLogger(__name__)

SESSION_KEY = "table_import_previews"
# Previews kept per session at most, newest first; older ones are dropped.
MAX_PREVIEWS = 5
# Columns read from a spreadsheet at most; the widest table has about fifteen.
MAX_COLUMNS = 100


def max_file_size() -> int:
    return getattr(settings, "IMPORT_EXPORT_MAX_FILE_SIZE", 2 * 1024 * 1024)


def max_rows() -> int:
    return getattr(settings, "IMPORT_EXPORT_MAX_ROWS", 2000)


def preview_max_age() -> float:
    return getattr(settings, "IMPORT_EXPORT_PREVIEW_MAX_AGE", 3600)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.3g} MB"


class FileRefused(Exception):
    """A file that cannot be imported, with a message for the editor (no internals)."""


class ConfirmRefused(Exception):
    """Roll back a confirmed import: a row failed, or the outcome is not the preview's."""

    def __init__(self, result, *, changed: bool = False):
        super().__init__("import refused")
        self.result = result
        self.changed = changed


def decode_text(data: bytes) -> str:
    """UTF-8 (a byte order mark is dropped), else Windows-1252 as Excel on Windows saves."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise FileRefused(
            "The file is neither UTF-8 nor Windows text. In Excel, save it as "
            "“CSV UTF-8 (Comma delimited)” and upload it again."
        ) from error


def build_dataset(rows, limit: int | None) -> tablib.Dataset:
    """A dataset from an iterator of rows, the first being the header.

    Blank rows at the end are dropped (spreadsheets leave them); a blank row in the
    middle is refused, so every row number shown to the editor is the spreadsheet's.
    """
    header = next(rows, None)
    if header is None:
        return tablib.Dataset()
    headers = ["" if h is None else str(h).strip() for h in header]
    while headers and not headers[-1]:
        headers.pop()
    repeated = sorted({h for h in headers if h and headers.count(h) > 1})
    if repeated:
        raise FileRefused(f"The column “{repeated[0]}” appears more than once in the header.")
    width = len(headers)
    dataset = tablib.Dataset(headers=headers)
    first_blank = None
    for number, values in enumerate(rows, start=2):
        values = list(values)
        if any(v not in (None, "") for v in values[width:]):
            raise FileRefused(
                f"Row {number} has more cells than the header row. A comma inside a value "
                "must be within quotes, and every column needs a name in row 1."
            )
        values = (values + [None] * width)[:width]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            first_blank = first_blank or number
            continue
        if first_blank:
            raise FileRefused(f"Row {first_blank} is empty: delete it, or fill it in.")
        if limit is not None and len(dataset) >= limit:
            raise FileRefused(
                f"The file has more than {limit:,} rows; a table import may have at most "
                f"{limit:,}. Split it into smaller files."
            )
        dataset.append(values)
    return dataset


class TableCSV(base_formats.CSV):
    """CSV read from bytes: UTF-8 or Windows-1252, ragged rows explained."""

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, max_rows: int | None = None, **kwargs):
        # The whole file is at most IMPORT_EXPORT_MAX_FILE_SIZE: every row is read, so
        # that a refusal can say how many rows there are.
        text = decode_text(in_stream) if isinstance(in_stream, bytes) else in_stream
        return build_dataset(iter(csv.reader(io.StringIO(text, newline=""))), None)


# A salary table's workbook unpacks to a few hundred kilobytes; openpyxl holds parts such
# as the shared strings in memory, so a small file that unpacks to gigabytes is refused.
MAX_UNPACKED_XLSX = 20 * 1024 * 1024


def check_unpacked_size(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED_XLSX:
        raise FileRefused(
            f"This workbook unpacks to {unpacked / 1024 / 1024:,.0f} MB; a salary table "
            f"needs far less (the limit is {MAX_UNPACKED_XLSX // 1024 // 1024} MB). "
            "Save it again from your spreadsheet program, or upload a CSV."
        )


class TableXLSX(base_formats.XLSX):
    """The first sheet, read row by row: a file with too many rows stops being read."""

    def create_dataset(self, in_stream, max_rows: int | None = None, **kwargs):
        # openpyxl is loaded only when an editor imports a spreadsheet: it is large, and no
        # page or other admin screen needs it.
        import openpyxl

        check_unpacked_size(in_stream)
        book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        try:
            rows = book.active.iter_rows(values_only=True, max_col=MAX_COLUMNS)
            return build_dataset(rows, max_rows)
        finally:
            book.close()


def row_values(instance) -> tuple | None:
    if instance is None:
        return None
    return tuple(
        getattr(instance, f.attname) for f in instance._meta.concrete_fields if not f.primary_key
    )


def result_digest(result) -> str:
    """What an import does to each row: its kind, and the row before and after.

    The preview's digest is compared with the confirm's; any difference means the table
    changed in between in a way that matters to this file. New rows are compared
    without their id, which a rolled-back preview does not keep.
    """
    digest = hashlib.sha256()
    for row in result.rows:
        object_id = None if row.is_new() else row.object_id
        entry = (row.import_type, object_id, row_values(row.original), row_values(row.instance))
        digest.update(repr(entry).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def lock_table(model, using: str) -> None:
    """Keep other writers out of the table until the transaction ends.

    SQLite runs this site's transactions as BEGIN IMMEDIATE (see settings), which already
    holds the database's write lock; PostgreSQL needs the table locked explicitly.
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")


class TableImportForm(ImportForm):
    """The upload form, refusing an oversized file from its size alone."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        limit = max_file_size()
        if upload.size > limit:
            raise forms.ValidationError(
                f"This file is {megabytes(upload.size)}; a table import may be at most "
                f"{megabytes(limit)}. Split it into smaller files."
            )
        return upload


class TableImportExportMixin(ImportExportMixin):
    """django-import-export for the salary tables, with the checks described above."""

    import_template_name = "admin/import_export/table_import.html"
    import_form_class = TableImportForm
    # Errors show their message only: never a traceback or the row's raw values.
    import_error_display = ("message",)

    @property
    def formats(self):
        return [TableCSV, TableXLSX]

    @property
    def export_formats(self):
        # django-import-export's own classes: it writes native numbers and dates only for
        # the exact XLSX class. Formula escaping happens in salaries.editing.resources.
        return [base_formats.CSV, base_formats.XLSX]

    # Permissions

    def has_import_permission(self, request) -> bool:
        opts = self.opts
        return all(
            request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
            for action in ("add", "change")
        )

    def has_export_permission(self, request) -> bool:
        return self.has_view_permission(request)

    # Reading files

    def read_dataset(self, data: bytes, format_index: int) -> tablib.Dataset:
        file_format = self.get_import_formats()[format_index]()
        limit = max_rows()
        try:
            dataset = file_format.create_dataset(data, max_rows=limit)
        except FileRefused:
            raise
        except Exception as error:
            logger.info("Unreadable %s import for %s", file_format.get_title(), self.opts.label)
            raise FileRefused(
                f"The file could not be read as {file_format.get_title().upper()}. "
                "Check that the format chosen matches the file."
            ) from error
        if not dataset.headers or not len(dataset):
            raise FileRefused(
                "The file has no rows to import: row 1 must name the columns, and the rows "
                "below it hold the data."
            )
        if len(dataset) > limit:
            raise FileRefused(
                f"The file has {len(dataset):,} rows; a table import may have at most "
                f"{limit:,}. Split it into smaller files."
            )
        return dataset

    def get_resource(self, request, index: int, **kwargs):
        resource_class = self.get_import_resource_classes(request)[index]
        return resource_class(**self.get_import_resource_kwargs(request, **kwargs))

    def run_import(self, resource, dataset, request, *, dry_run: bool, file_name: str):
        result = resource.import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=False,
            use_transactions=True,
            rollback_on_validation_errors=True,
            retain_instance_in_row_result=True,
            file_name=file_name,
            user=request.user,
            **self.get_import_data_kwargs(request=request),
        )
        if result.totals["new"] and not self.has_add_permission(request):
            # A table the admin keeps to one row (the benefit assumptions) takes no new
            # rows from a file either.
            result.append_base_error(
                Error(ValueError(f"The {self.opts.verbose_name_plural} take no new rows here."))
            )
        return result

    # Previews waiting in the session

    def fresh_previews(self, request) -> dict:
        now = time.time()
        stored = request.session.get(SESSION_KEY, {})
        return {
            token: preview
            for token, preview in stored.items()
            if now - preview.get("created", 0) < preview_max_age()
        }

    def store_preview(self, request, data: bytes, **details) -> str:
        previews = self.fresh_previews(request)
        token = secrets.token_urlsafe(24)
        previews[token] = {
            **details,
            "table": self.opts.label_lower,
            "created": time.time(),
            "data": base64.b64encode(zlib.compress(data)).decode("ascii"),
        }
        newest = sorted(previews, key=lambda t: previews[t]["created"], reverse=True)
        request.session[SESSION_KEY] = {t: previews[t] for t in newest[:MAX_PREVIEWS]}
        return token

    def take_preview(self, request, token: str) -> dict | None:
        """Remove the preview from the session and return it; None when it is gone."""
        previews = self.fresh_previews(request)
        preview = previews.get(token)
        if preview is not None and preview["table"] == self.opts.label_lower:
            del previews[token]
        else:
            preview = None
        if previews:
            request.session[SESSION_KEY] = previews
        else:
            request.session.pop(SESSION_KEY, None)
        return preview

    # Views

    def import_action(self, request, **kwargs):
        """Upload and preview: a dry run that writes nothing."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_import_form(request)
        context = {}
        resources = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["import_file"]
            format_index = int(form.cleaned_data["format"])
            resource_index = self.get_resource_index(form)
            resource = self.get_resource(request, resource_index, form=form)
            resources = [resource]
            try:
                data = b"".join(upload.chunks())
                dataset = self.read_dataset(data, format_index)
            except FileRefused as error:
                form.add_error("import_file", str(error))
            else:
                result = self.run_import(
                    resource, dataset, request, dry_run=True, file_name=upload.name
                )
                context["result"] = result
                if not (result.has_errors() or result.has_validation_errors()):
                    upload.tmp_storage_name = self.store_preview(
                        request,
                        data,
                        format=format_index,
                        resource=resource_index,
                        file_name=upload.name,
                        digest=result_digest(result),
                    )
                    context["confirm_form"] = self.create_confirm_form(request, import_form=form)
        return self.render_import(request, form, resources, context)

    def render_import(self, request, form, resources=None, extra=None):
        if resources is None:
            resources = [
                resource_class(**self.get_import_resource_kwargs(request, form=form))
                for resource_class in self.get_import_resource_classes(request)
            ]
        context = self.get_import_context_data()
        context.update(self.admin_site.each_context(request))
        context.update(
            {
                "title": "Import",
                "form": form,
                "opts": self.model._meta,
                "media": self.media + form.media,
                "fields_list": [
                    (
                        resource.get_display_name(),
                        [f.column_name for f in resource.get_user_visible_fields()],
                    )
                    for resource in resources
                ],
                "import_error_display": self.import_error_display,
                "max_file_size": megabytes(max_file_size()),
                "max_rows": max_rows(),
                **(extra or {}),
            }
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    def admin_url(self, name: str) -> str:
        opts = self.opts
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_{name}", current_app=self.admin_site.name
        )

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """Confirm: write every previewed row, or none."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        preview = self.take_preview(request, request.POST.get("import_file_name", ""))
        if "cancel" in request.POST:
            messages.info(request, "Import cancelled: nothing was written.")
            return redirect(self.admin_url("changelist"))
        if preview is None:
            messages.error(
                request,
                "This preview is no longer available: it was already confirmed or cancelled, "
                "or it is more than an hour old. Nothing was written; check the table, and "
                "upload the file again if it still needs importing.",
            )
            return redirect(self.admin_url("import"))

        data = zlib.decompress(base64.b64decode(preview["data"]))
        resource = self.get_resource(request, preview["resource"])
        using = router.db_for_write(self.model)
        try:
            dataset = self.read_dataset(data, preview["format"])
            with transaction.atomic(using=using):
                lock_table(self.model, using)
                result = self.run_import(
                    resource, dataset, request, dry_run=False, file_name=preview["file_name"]
                )
                if result.has_errors() or result.has_validation_errors():
                    raise ConfirmRefused(result)
                if result_digest(result) != preview["digest"]:
                    raise ConfirmRefused(result, changed=True)
                self.generate_log_entries(result, request)
        except FileRefused as error:
            messages.error(request, f"Nothing was written: {error}")
            return redirect(self.admin_url("import"))
        except OperationalError:
            # The table stayed locked by another editor's save for too long, or the
            # database broke a deadlock by giving up this transaction.
            logger.warning("Import into %s rolled back by the database", self.opts.label)
            messages.error(
                request,
                "Nothing was written: the table was busy with another editor's change. "
                "Upload the file again to see what it would change now.",
            )
            return redirect(self.admin_url("import"))
        except ConfirmRefused as refused:
            return self.refused_response(request, refused)

        self.add_success_message(result, request)
        post_import.send(sender=None, model=self.model)
        return redirect(self.admin_url("changelist"))

    def refused_response(self, request, refused: ConfirmRefused):
        if refused.changed:
            totals = refused.result.totals
            if not (totals["new"] or totals["update"] or totals["delete"]):
                messages.error(
                    request,
                    "Nothing was written: the table already holds what this file contains "
                    "(was the import confirmed twice?).",
                )
            else:
                messages.error(
                    request,
                    "The table changed since your preview; upload again to see what the "
                    "file would change now. Nothing was written.",
                )
            return redirect(self.admin_url("import"))
        messages.error(
            request,
            "Nothing was written: since your preview the table changed, and the file no "
            "longer passes the checks below. Fix the file, or upload it again.",
        )
        form_class = self.get_import_form_class(request)
        form = form_class(self.get_import_formats(), self.get_import_resource_classes(request))
        return self.render_import(request, form, extra={"result": refused.result})
