"""Safe editing for every admin with history: reverting needs the change permission, and a
save made from a stale form is refused instead of silently discarding someone's change.

Only Django and django-simple-history are imported here, so that careerguide.admin and
salaries.admin can both use this module without importing each other.
"""

import hashlib
from functools import cache

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_history_manager_for_model

# The hidden field that carries the row's state as it was when the form was opened.
TOKEN_FIELD = "row_version"
# The editor's reason for a save or a revert, kept in the row's history.
REASON_FIELD = "change_reason"
# Ticked when a saved figure was wrong: the reason is kept with this prefix, which the
# public change log reads as "a correction".
CORRECTION_FIELD = "change_is_correction"
CORRECTION_PREFIX = "Correction: "
# django-simple-history keeps at most 100 characters of a reason.
REASON_LENGTH = 100
CONFLICT_STATUS = 409


def newest_record(model, pk):
    """The row's newest historical record, or None."""
    history = get_history_manager_for_model(model)
    return (
        history.filter(**{model._meta.pk.attname: pk})
        .order_by("-history_date", "-history_id")
        .first()
    )


def row_token(model, pk, *, lock: bool = False) -> str:
    """The row's state as stored now: "<newest history id>:<digest of every column>".

    The digest decides whether the row changed (a save that went around the history is
    still noticed); the history id only tells who changed it. Empty when the row is gone.
    With lock, the row is read with SELECT ... FOR UPDATE, so it stays as read until the
    surrounding transaction commits.
    """
    using = router.db_for_write(model)
    rows = model._base_manager.using(using).filter(pk=pk)
    if lock and transaction.get_connection(using).in_atomic_block:
        rows = rows.select_for_update()
    values = list(rows.values_list(*(f.attname for f in model._meta.concrete_fields)))
    if not values:
        return ""
    digest = hashlib.sha256(repr(values[0]).encode()).hexdigest()[:32]
    record = newest_record(model, pk)
    return f"{record.history_id if record else ''}:{digest}"


def digest_of(token: str) -> str:
    return token.rpartition(":")[2]


def conflict_message(model, pk, opened: str) -> str:
    """Explain who changed the row since the form carrying the token opened was shown."""
    name = model._meta.verbose_name
    record = newest_record(model, pk)
    opened_history_id = opened.rpartition(":")[0]
    if record is None or str(record.history_id) == opened_history_id:
        who_when = "The change left no history entry (a bulk update, for example)"
        changed = []
    else:
        user = getattr(record, "history_user", None)
        who = user.get_username() if user is not None else "someone (no account recorded)"
        when = date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
        who_when = f"{who} saved it on {when}"
        changed = fields_changed_since(record, opened_history_id)
    what = f", changing {', '.join(changed)}" if changed else ""
    return (
        f"This {name} was changed after you opened it. {who_when}{what}. Your changes are "
        f"not saved, and are still in the form below. Compare with the current {name} "
        "(open it in another tab or see its history); then save again to replace their "
        "version with yours, or reload this page to start from theirs."
    )


def fields_changed_since(record, opened_history_id: str) -> list[str]:
    """Names of the fields the row's newest history record changed since the opened one."""
    if not opened_history_id:
        return []
    model = record.instance_type
    history = get_history_manager_for_model(model)
    opened = history.filter(history_id=opened_history_id).first()
    if opened is None:
        return []
    delta = record.diff_against(opened)
    return [str(model._meta.get_field(name).verbose_name) for name in delta.changed_fields]


class RowVersionFormMixin:
    """A model form that remembers the row's state and refuses to save over a newer one."""

    # Off for forms that never save (such as a preview of unsaved edits).
    check_row_version = True
    row_conflict = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is not None and TOKEN_FIELD in self.fields:
            self.initial[TOKEN_FIELD] = row_token(self._meta.model, self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        key = self.add_prefix(TOKEN_FIELD)
        opened = (self.data.get(key) or "").strip()
        # A form posted without a token (not opened in the admin) has nothing to compare.
        if not (self.check_row_version and opened and self.instance.pk is not None):
            return cleaned
        model, pk = self._meta.model, self.instance.pk
        # Inside the admin's transaction: the row stays locked from this check to the save.
        current = row_token(model, pk, lock=True)
        if not current:
            self.row_conflict = True
            raise ValidationError(
                f"This {model._meta.verbose_name} was deleted after you opened it; "
                "nothing was saved.",
                code="row_deleted",
            )
        if digest_of(current) != digest_of(opened):
            self.row_conflict = True
            # Saving again from this form now means replacing their version on purpose.
            self.data = self.data.copy()
            self.data[key] = current
            raise ValidationError(conflict_message(model, pk, opened), code="row_changed")
        return cleaned


@cache
def with_row_version(form_class: type) -> type:
    if issubclass(form_class, RowVersionFormMixin):
        return form_class
    token = forms.CharField(widget=forms.HiddenInput, required=False, label="")
    return type(form_class)(
        f"{form_class.__name__}WithRowVersion",
        (RowVersionFormMixin, form_class),
        {TOKEN_FIELD: token, "__module__": __name__},
    )


@cache
def with_reason(form_class: type) -> type:
    """The form with an optional reason for the change, which the history keeps."""
    if REASON_FIELD in form_class.base_fields:
        return form_class
    reason = forms.CharField(
        label="Reason for this change",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text="Optional; shown in the history beside your name and the fields you "
        "changed. For example: “BLS published the May 2024 figures”.",
    )
    return type(form_class)(
        f"{form_class.__name__}WithReason",
        (form_class,),
        {REASON_FIELD: reason, "__module__": __name__},
    )


def stored_values(model, pk, fields) -> dict | None:
    """The row's stored values of these fields, or None when it is gone."""
    return model._base_manager.filter(pk=pk).values(*fields).first()


def changed_figure_labels(form, fields) -> list[str]:
    """The labels of the figure fields this bound form changes against the stored row
    (not against the form's instance: a revert's instance is the old version)."""
    if form.instance.pk is None:
        return []
    shown = [name for name in fields if name in form.fields and name in form.cleaned_data]
    stored = stored_values(form._meta.model, form.instance.pk, shown) if shown else None
    if stored is None:
        return []
    fields_of = form._meta.model._meta.get_field
    return [
        str(form.fields[name].label or name)
        for name in shown
        if empty_as_none(fields_of(name).to_python(stored[name]))
        != empty_as_none(fields_of(name).to_python(form.cleaned_data[name]))
    ]


def empty_as_none(value):
    return None if value == "" else value


class FigureReasonFormMixin:
    """A reason is required when a save changes a figure readers see (``figure_fields``);
    a tick says the figure was wrong (a correction)."""

    figure_fields: frozenset = frozenset()

    def clean(self):
        cleaned = super().clean()
        changed = changed_figure_labels(self, self.figure_fields)
        if changed and not (cleaned.get(REASON_FIELD) or "").strip():
            self.add_error(
                REASON_FIELD,
                f"You changed {', '.join(changed)}: say why in a few words (readers see it "
                "in the public change log), such as “BLS published the May 2025 figures”.",
            )
        return cleaned

    def reason_for_history(self) -> str:
        cleaned = getattr(self, "cleaned_data", {})
        reason = (cleaned.get(REASON_FIELD) or "").strip()
        if reason and cleaned.get(CORRECTION_FIELD):
            reason = CORRECTION_PREFIX + reason
        return reason


@cache
def with_figure_reason(form_class: type, figure_fields: frozenset) -> type:
    """The form with a reason that a change to a figure requires, and the correction tick."""
    reason = forms.CharField(
        label="Reason for this change",
        required=False,
        max_length=REASON_LENGTH - len(CORRECTION_PREFIX),
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text="Required when you change a figure: readers see it in the public change "
        "log and on the figure's page, with the old and new values. For example: “BLS "
        "published the May 2025 figures”.",
    )
    correction = forms.BooleanField(
        label="This is a correction",
        required=False,
        help_text="Tick when the figure shown was wrong (a typo, a misread table), rather "
        "than replaced by a newer edition.",
    )
    return type(form_class)(
        f"{form_class.__name__}WithFigureReason",
        (FigureReasonFormMixin, form_class),
        {
            REASON_FIELD: reason,
            CORRECTION_FIELD: correction,
            "figure_fields": figure_fields,
            "__module__": __name__,
        },
    )


class InlineFigureReasonFormMixin:
    """An inline row's figure change needs the reason typed on its parent's form (both
    forms are bound to the same POST, where the parent's fields have no prefix)."""

    figure_fields: frozenset = frozenset()

    def clean(self):
        cleaned = super().clean()
        changed = changed_figure_labels(self, self.figure_fields)
        if changed and not (self.data.get(REASON_FIELD) or "").strip():
            raise ValidationError(
                f"You changed {', '.join(changed)} in this row: say why under “Reason for "
                "this change” below.",
                code="reason_required",
            )
        return cleaned


@cache
def with_inline_figure_reason(form_class: type, figure_fields: frozenset) -> type:
    return type(form_class)(
        f"{form_class.__name__}WithFigureReason",
        (InlineFigureReasonFormMixin, form_class),
        {"figure_fields": figure_fields, "__module__": __name__},
    )


def has_conflict(context) -> bool:
    """Whether the form, or a row edited inline, was refused as stale."""
    forms_shown = [context["adminform"].form] if context.get("adminform") else []
    for inline in context.get("inline_admin_formsets") or []:
        forms_shown.extend(inline.formset.forms)
    return any(getattr(form, "row_conflict", False) for form in forms_shown)


def with_token_field(
    fieldsets, include: bool, *, reason: bool = False, correction: bool = False
) -> list:
    """The fieldsets with the (hidden) token last in the first one, or without it; with
    reason, a last fieldset asking why (and with correction, whether it corrects)."""
    added = (TOKEN_FIELD, REASON_FIELD, CORRECTION_FIELD)
    fieldsets = [
        (name, {**options, "fields": [f for f in options["fields"] if f not in added]})
        for name, options in fieldsets
    ]
    if fieldsets and include:
        name, options = fieldsets[0]
        fieldsets[0] = (name, {**options, "fields": [*options["fields"], TOKEN_FIELD]})
    if reason:
        fields = [REASON_FIELD, CORRECTION_FIELD] if correction else [REASON_FIELD]
        fieldsets.append(("Why", {"fields": fields}))
    return fieldsets


class SafeHistoryAdminMixin:
    """Put before SimpleHistoryAdmin (or a ModelAdmin built on it) in the bases.

    ``figure_fields``: the fields whose change changes a figure readers see; changing one
    on a saved row needs a reason, and the form offers "This is a correction".
    """

    figure_fields: frozenset = frozenset()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = with_row_version(kwargs.get("form") or self.form)
        if self.figure_fields:
            kwargs["form"] = with_figure_reason(form, frozenset(self.figure_fields))
        else:
            kwargs["form"] = with_reason(form)
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        # The token is rendered only on forms of a saved row that this user may save.
        if obj is None:
            may_save, may_write = False, self.has_add_permission(request)
        else:
            may_save = may_write = self.has_change_permission(request, obj)
        return with_token_field(
            super().get_fieldsets(request, obj),
            may_save,
            reason=may_write,
            correction=bool(self.figure_fields),
        )

    @staticmethod
    def reason_of(form) -> str:
        if isinstance(form, FigureReasonFormMixin):
            return form.reason_for_history()
        return (getattr(form, "cleaned_data", {}).get(REASON_FIELD) or "").strip()

    def save_model(self, request, obj, form, change):
        reason = self.reason_of(form)
        if reason:
            obj._change_reason = reason
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # Rows edited inline share the reason given for the page.
        reason = self.reason_of(form)
        if reason:
            for inline_form in formset.forms:
                inline_form.instance._change_reason = reason
        super().save_formset(request, form, formset, change)

    def render_change_form(self, request, context, *args, **kwargs):
        response = super().render_change_form(request, context, *args, **kwargs)
        if has_conflict(context):
            response.status_code = CONFLICT_STATUS
        return response

    def may_revert(self, request, current) -> bool:
        """Reverting writes the row: it needs the change permission (add, if it was deleted)."""
        if self.revert_disabled(request, current):
            return False
        if current is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, current)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        if not self.may_revert(request, self.get_object(request, unquote(object_id))):
            raise PermissionDenied
        # One transaction, as the change form has, so the row-version check holds its lock.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def render_history_view(self, request, template, context, **kwargs):
        response = super().render_history_view(request, template, context, **kwargs)
        if has_conflict(context):
            response.status_code = CONFLICT_STATUS
        return response


class SafeHistoryAdmin(SafeHistoryAdminMixin, SimpleHistoryAdmin):
    """SimpleHistoryAdmin with the safety above: use it wherever SimpleHistoryAdmin was."""


class SafeInlineMixin:
    """The same stale-save check for rows edited inline on another row's page; with
    ``figure_fields``, a change to one needs the page's reason."""

    figure_fields: frozenset = frozenset()

    def get_formset(self, request, obj=None, **kwargs):
        form = with_row_version(kwargs.get("form") or self.form)
        if self.figure_fields:
            form = with_inline_figure_reason(form, frozenset(self.figure_fields))
        kwargs["form"] = form
        return super().get_formset(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        may_save = self.has_change_permission(request, obj)
        return with_token_field(super().get_fieldsets(request, obj), may_save)
