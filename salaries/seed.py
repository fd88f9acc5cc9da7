"""Load the salary tables from salaries/data/seed.json, keeping editors' changes."""

import json
from collections import Counter
from pathlib import Path

from careerguide.shared.loader import Outcome, load_object
from careerguide.shared.versioning import edit_batch
from salaries import models
from salaries.oews.importing import apply_import, plan_import
from salaries.oews.read import Period, read_oews

SEED_FILE = Path(__file__).resolve().parent / "data" / "seed.json"
# BLS OEWS releases kept as files in BLS's own layout, each with a JSON file beside it naming
# its period and describing its source; they load through the same reader as an upload.
OEWS_DIR = Path(__file__).resolve().parent / "data" / "oews"

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


def load_oews_releases(directory: Path = OEWS_DIR) -> Counter:
    """Load each release file whose release is not on file yet (an editor's upload or an
    earlier load of it is never overwritten); its source row loads like the seed's."""
    outcomes: Counter = Counter()
    for path in sorted(directory.glob("*.csv")):
        about = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        period = Period.parse(about["period"])
        with edit_batch():
            row = about["source"]
            lookup, values = resolve(models.Source, row)
            load_object(models.Source, lookup, values, key=f"salaries.Source:{row['slug']}")
            if models.OewsRelease.objects.filter(slug=period.slug).exists():
                outcomes[Outcome.KEPT] += 1
                continue
            with path.open("rb") as handle:
                rows = read_oews(
                    handle, path.name, period=period, occ_codes=models.Occupation.objects.codes()
                )
            apply_import(plan_import(rows, period))
            outcomes[Outcome.CREATED] += 1
    return outcomes
