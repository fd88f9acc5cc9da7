"""Load the salary tables from salaries/data/seed.json, keeping editors' changes."""

import json
from collections import Counter
from pathlib import Path

from careerguide.shared.loader import load_object
from careerguide.shared.versioning import edit_batch
from salaries import models

SEED_FILE = Path(__file__).resolve().parent / "data" / "seed.json"

# Tables in the order they load, so that every foreign key finds its row.
ORDER = [
    "Source",
    "ExperienceBand",
    "EducationLevel",
    "Certification",
    "Skill",
    "Location",
    "PriceParity",
    "EmployerType",
    "BenefitAssumptions",
    "Statistic",
    "OewsRelease",
    "Occupation",
    "OewsWage",
]


def resolve(model, row: dict) -> tuple[dict, dict]:
    """Split a seed row into a lookup and field values, turning slugs into related rows."""
    values = dict(row)
    slug = values.pop("slug")
    for field in model._meta.concrete_fields:
        if field.name not in values:
            continue
        if field.is_relation:
            values[field.name] = field.related_model.objects.get(slug=values[field.name])
        else:
            values[field.name] = field.to_python(values[field.name])
    if model is models.OewsWage:
        lookup = {
            "release": values.pop("release"),
            "area": values.pop("area"),
            "occ_code": values.pop("occ_code", models.OewsWage._meta.get_field("occ_code").default),
        }
    elif model is models.Occupation:
        lookup = {"soc_code": values.pop("soc_code")}
    elif model is models.BenefitAssumptions:
        lookup = {}
    else:
        lookup = {"slug": slug}
    return lookup, values


def load_salary_data(path: Path = SEED_FILE) -> Counter:
    data = json.loads(path.read_text(encoding="utf-8"))
    outcomes: Counter = Counter()
    with edit_batch():
        for name in ORDER:
            model = getattr(models, name)
            for row in data.get(name, []):
                lookup, values = resolve(model, row)
                key = f"salaries.{name}:{row['slug']}"
                outcomes[load_object(model, lookup, values, key=key)] += 1
    return outcomes
