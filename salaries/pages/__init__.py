"""The salary app's public pages: the estimator, the pay check and the offer comparison
(views and forms), and what the guide's salary pages show (salary tables, quick facts,
the career ladder, charts drawn as SVG).

Pages read the tables (``salaries.snapshot``, ``salaries.figures``, ``salaries.models``) and
do the arithmetic with ``salaries.pay``. They never import the editing screens
(``salaries.editing``), and nothing in the salary app imports them but ``salaries.urls``.
"""
