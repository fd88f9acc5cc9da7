"""Machinery both apps share: the content version that keys every cache (``versioning``),
safe editing in the admin (``admin_safety``) and the first-run loader (``loader``).

It imports Django and third-party libraries only, never the code of either app
(``careerguide`` pages or ``salaries``), so both apps can build on it.
"""
