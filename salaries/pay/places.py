"""The places a reader can pick: the 50 states and the District of Columbia (always), and
the metropolitan areas with figures of their own on file.

Codes are the FIPS state codes BLS uses as OEWS area codes for states (BEA writes the
same code followed by "000"). Metropolitan areas use their CBSA code in both.
"""

import re
import unicodedata

STATES = (
    ("01", "Alabama"), ("02", "Alaska"), ("04", "Arizona"), ("05", "Arkansas"),
    ("06", "California"), ("08", "Colorado"), ("09", "Connecticut"), ("10", "Delaware"),
    ("11", "District of Columbia"), ("12", "Florida"), ("13", "Georgia"), ("15", "Hawaii"),
    ("16", "Idaho"), ("17", "Illinois"), ("18", "Indiana"), ("19", "Iowa"), ("20", "Kansas"),
    ("21", "Kentucky"), ("22", "Louisiana"), ("23", "Maine"), ("24", "Maryland"),
    ("25", "Massachusetts"), ("26", "Michigan"), ("27", "Minnesota"), ("28", "Mississippi"),
    ("29", "Missouri"), ("30", "Montana"), ("31", "Nebraska"), ("32", "Nevada"),
    ("33", "New Hampshire"), ("34", "New Jersey"), ("35", "New Mexico"), ("36", "New York"),
    ("37", "North Carolina"), ("38", "North Dakota"), ("39", "Ohio"), ("40", "Oklahoma"),
    ("41", "Oregon"), ("42", "Pennsylvania"), ("44", "Rhode Island"), ("45", "South Carolina"),
    ("46", "South Dakota"), ("47", "Tennessee"), ("48", "Texas"), ("49", "Utah"),
    ("50", "Vermont"), ("51", "Virginia"), ("53", "Washington"), ("54", "West Virginia"),
    ("55", "Wisconsin"), ("56", "Wyoming"),
)  # fmt: skip

# The estimator's six retired location buckets, for links made before they retired: each
# goes to the state it meant, or to national pay where it meant no one place.
# The first place on file wins.
FORMER_LOCATIONS = {
    "san-francisco": ("san-francisco-oakland-hayward-ca", "california"),
    "new-york": ("new-york",),
    "boston": ("massachusetts",),
    "washington-dc": ("district-of-columbia",),
    "mid-sized": ("united-states",),
    "rural": ("united-states",),
}


def state_slug(name: str) -> str:
    """A place's address name, as Django's slugify writes it ("District of Columbia" ->
    "district-of-columbia"), without importing Django."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^\w\s-]", "", ascii_name.lower())
    return re.sub(r"[-\s]+", "-", words).strip("-_")


def bea_code(oews_area: str, *, state: bool) -> str:
    """BEA's GeoFIPS for an OEWS area code: a state's two digits and "000"; a CBSA as is."""
    return f"{oews_area}000" if state else oews_area


def oews_code(geofips: str) -> tuple[str, bool]:
    """The OEWS area code for a BEA GeoFIPS, and whether it is a state."""
    geofips = geofips.strip().strip('"').strip()
    if len(geofips) == 5 and geofips.endswith("000"):
        return geofips[:2], True
    return geofips, False
