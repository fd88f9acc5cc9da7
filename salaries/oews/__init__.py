"""BLS OEWS files: ``read`` turns a file into rows and ``checks`` tests their figures (both
pure: no Django, database or cache); ``importing`` plans and applies an import in one
transaction (the tables layer). Import names from those modules; nothing is re-exported here,
so reading a file never loads Django.
"""
