"""Open data, in one room of the public pages: the change log and figure pages' data
(``rows``), their views and the downloads (``views``), the Atom feeds (``feeds``) and the
read-only JSON API with its OpenAPI description (``api``, ``openapi``).

Like the rest of ``salaries.pages`` it reads the tables and never imports the editing
screens.
"""
