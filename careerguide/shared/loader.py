"""First-run loading that never overwrites an editor's change.

For each row it loads, the loader keeps a digest of what it wrote. On a later run it
updates the row only while the row still matches that digest (nobody edited it), and
it never re-creates a row an editor deleted.
"""

import hashlib
import json
from decimal import Decimal
from enum import StrEnum

from django.db import models, transaction


class LoadedContent(models.Model):
    """What the first-run loader wrote, so it can tell an editor's change from its own."""

    key = models.CharField(max_length=200, unique=True)
    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "loaded content"

    def __str__(self) -> str:
        return self.key


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT = "kept"  # edited or deleted by an editor, or there before the loader


def field_text(obj: models.Model, name: str) -> str:
    field = obj._meta.get_field(name)
    value = field.value_from_object(obj)
    if isinstance(field, models.DecimalField) and value is not None:
        # 8 and 8.00 are the same figure once stored.
        return str(Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places)))
    return field.value_to_string(obj)


def digest(obj: models.Model, fields: list[str]) -> str:
    data = {name: field_text(obj, name) for name in sorted(fields)}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


# The history's reason for a row the shipped data updates.
UPDATE_REASON = "Updated from the data shipped with the site"


@transaction.atomic
def load_object(model: type[models.Model], lookup: dict, values: dict, *, key: str) -> Outcome:
    """Create or update one row from seed values unless an editor has changed it."""
    record = LoadedContent.objects.filter(key=key).first()
    obj = model.objects.filter(**lookup).first()
    fields = list(values)
    if obj is None:
        if record is not None:
            return Outcome.KEPT
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        LoadedContent.objects.create(key=key, digest=digest(obj, fields))
        return Outcome.CREATED
    if record is None or digest(obj, fields) != record.digest:
        return Outcome.KEPT
    for name, value in values.items():
        setattr(obj, name, value)
    new_digest = digest(obj, fields)
    if new_digest == record.digest:
        return Outcome.UNCHANGED
    obj.full_clean()
    # The public change log shows it beside each figure this moves.
    obj._change_reason = UPDATE_REASON
    obj.save()
    record.digest = new_digest
    record.save(update_fields=["digest", "loaded_at"])
    return Outcome.UPDATED
