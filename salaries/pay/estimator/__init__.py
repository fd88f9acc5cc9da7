"""The salary estimate, split by what its parts do; import its public names from here.

- ``constants``: the fixed numbers (hours in a year, limits, defaults) and rounding.
- ``rows``, ``tables``: the frozen table rows, ``Tables`` and a reader's ``Profile``.
- ``curve``: the experience curve.
- ``anchored``: ``annual_pay``, the anchored arithmetic with its itemised steps (``steps``).
- ``compensation``: the whole package beyond base pay.
- ``suggestions``: what would raise an estimate and where the same profile pays more.
- ``estimate``: ``estimate``, which puts them together into an ``Estimate``.

Pure, like the rest of ``salaries.pay``: no Django, database, cache, request or template.
"""

from salaries.pay.distribution import SourceRef
from salaries.pay.estimator.anchored import annual_pay, default_profile, head_start, typical_profile
from salaries.pay.estimator.compensation import Compensation, PayItem, total_compensation
from salaries.pay.estimator.constants import (
    DEFAULT_EMPLOYER,
    DEFAULT_LOCATION,
    HOLIDAYS_STATISTIC,
    HOURS_PER_YEAR,
    MAX_YEARLY_RISE,
    MAX_YEARS,
    REFERENCE_SOURCE,
    WORKING_DAYS_PER_YEAR,
    whole_dollars,
)
from salaries.pay.estimator.curve import experience_curve
from salaries.pay.estimator.estimate import Estimate, estimate
from salaries.pay.estimator.rows import (
    Access,
    Band,
    Benefits,
    CrossCheck,
    Employer,
    Level,
    Premium,
    Reference,
)
from salaries.pay.estimator.steps import Cell, Line, Span
from salaries.pay.estimator.suggestions import Elsewhere, Suggestion
from salaries.pay.estimator.tables import Profile, Tables

__all__ = [
    "DEFAULT_EMPLOYER",
    "DEFAULT_LOCATION",
    "HOLIDAYS_STATISTIC",
    "HOURS_PER_YEAR",
    "MAX_YEARLY_RISE",
    "MAX_YEARS",
    "REFERENCE_SOURCE",
    "WORKING_DAYS_PER_YEAR",
    "Access",
    "Band",
    "Benefits",
    "Cell",
    "Compensation",
    "CrossCheck",
    "Elsewhere",
    "Employer",
    "Estimate",
    "Level",
    "Line",
    "PayItem",
    "Premium",
    "Profile",
    "Reference",
    "SourceRef",
    "Span",
    "Suggestion",
    "Tables",
    "annual_pay",
    "default_profile",
    "estimate",
    "experience_curve",
    "head_start",
    "total_compensation",
    "typical_profile",
    "whole_dollars",
]
