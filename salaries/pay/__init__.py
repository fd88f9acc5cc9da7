"""Pure pay arithmetic: the estimate, the wage distribution, the pay check, the offer
comparison, places and their codes, BEA's price-parity rows, and how money is written.

Everything here works on plain frozen values that ``salaries.snapshot`` builds from the
tables, so it can be read and tested alone. It may import only the standard library and
its own modules: no Django, database, cache, request or template code (an import-linter
contract in pyproject.toml keeps this).
"""
