"""Editing the salary tables in the admin: the screen every table shares, import and export
of tables as CSV or XLSX (with their import-export resources), and the OEWS upload.

``salaries.admin`` registers these screens. Editing reads and writes the tables
(``salaries.models``, ``salaries.oews.importing``) and never imports the public pages
(``salaries.pages``).
"""
