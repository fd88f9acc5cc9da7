"""Text cells a spreadsheet opens safely: a cell that Excel or LibreOffice would run as a
formula (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe
(OWASP's advice on CSV injection). The admin's exports and the public data files both
write cells through ``escape_formula``; the admin's import takes the apostrophe off again.
"""

import re

# A text cell starting with one of these is run as a formula by Excel or LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Apostrophes in front of a formula start: the export adds exactly one, the import takes
# exactly one off, so a value that itself begins with "'=" survives the round trip.
ESCAPED = re.compile(r"'+[=+\-@\t\r]")


def escape_formula(value):
    """Prefix a text cell that a spreadsheet would run (OWASP CSV injection advice)."""
    if isinstance(value, str) and (value.startswith(FORMULA_START) or ESCAPED.match(value)):
        return "'" + value
    return value


def unescape_formula(value):
    """Take off exactly the apostrophe escape_formula added."""
    if isinstance(value, str) and ESCAPED.match(value):
        return value[1:]
    return value
