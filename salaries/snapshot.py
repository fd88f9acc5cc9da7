"""All salary tables read at once, for the public pages.

Public pages never query the salary tables themselves. Every edit stores a fresh
snapshot of the tables beside the content version (careerguide.cache), in the same
transaction, so a page needs one query to read all the figures it shows however many
rows the tables hold, and each process keeps the snapshot in its cache until the next
edit.
"""

import hashlib
import hmac
import pickle
from dataclasses import dataclass

from django.conf import settings

from . import models

_SIGNATURE = hashlib.sha256


@dataclass(frozen=True)
class SalaryData:
    sources: list[models.Source]
    bands: list[models.ExperienceBand]
    education: list[models.EducationLevel]
    certifications: list[models.Certification]
    skills: list[models.Skill]
    locations: list[models.Location]
    employers: list[models.EmployerType]
    benefits: models.BenefitAssumptions | None
    statistics: list[models.Statistic]
    releases: list[models.OewsRelease]
    national_wages: list[models.OewsWage]  # newest release first


def build() -> SalaryData:
    """Read every table (a fixed eleven queries), each row with its source attached."""

    def rows(model):
        return list(model.objects.select_related("source"))

    benefits = models.BenefitAssumptions.objects.select_related(
        "source", "bonus_source", "health_source", "pto_source"
    ).first()
    return SalaryData(
        sources=list(models.Source.objects.all()),
        bands=models.ExperienceBand.objects.select_related("source").with_ends(),
        education=rows(models.EducationLevel),
        certifications=rows(models.Certification),
        skills=rows(models.Skill),
        locations=rows(models.Location),
        employers=rows(models.EmployerType),
        benefits=benefits,
        statistics=rows(models.Statistic),
        releases=rows(models.OewsRelease),
        national_wages=list(
            models.OewsWage.objects.filter(area_type=models.AreaType.NATIONAL)
            .select_related("release__source")
            .order_by("-release__survey_date")
        ),
    )


def sign(blob: bytes) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), blob, _SIGNATURE).digest()


def dumps(data: SalaryData) -> bytes:
    blob = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    return sign(blob) + blob


def loads(stored: bytes) -> SalaryData | None:
    """Unpickle a stored snapshot only if this site signed it."""
    size = _SIGNATURE().digest_size
    signature, blob = bytes(stored[:size]), bytes(stored[size:])
    if not blob or not hmac.compare_digest(signature, sign(blob)):
        return None
    try:
        return pickle.loads(blob)  # noqa: S301 - signed by this site's secret key above
    except Exception:  # a snapshot from older code: read the tables instead
        return None


def salary_data() -> SalaryData:
    from careerguide.cache import cached, stored_snapshot

    return cached("salary-data", lambda: loads(stored_snapshot()) or build())
