"""BLS OEWS files for SOC 43-6013: read (pure, salaries.oews.read), then plan and apply an
import (salaries.oews.importing). The public names are re-exported here."""

from .checks import ANNUAL_TOLERANCE, wage_problems
from .importing import (
    AreaPlan,
    FieldChange,
    ImportPlan,
    ImportResult,
    Status,
    apply_import,
    compare,
    describe_plan,
    plan_import,
    stored_values,
)
from .read import (
    MAX_BYTES,
    MAX_PROBLEMS,
    OCC_CODE,
    OCC_TITLE,
    OewsError,
    OewsRow,
    Period,
    display,
    read_oews,
    resolve_period,
)

__all__ = [
    "ANNUAL_TOLERANCE",
    "MAX_BYTES",
    "MAX_PROBLEMS",
    "OCC_CODE",
    "OCC_TITLE",
    "AreaPlan",
    "FieldChange",
    "ImportPlan",
    "ImportResult",
    "OewsError",
    "OewsRow",
    "Period",
    "Status",
    "apply_import",
    "compare",
    "describe_plan",
    "display",
    "plan_import",
    "read_oews",
    "resolve_period",
    "stored_values",
    "wage_problems",
]
