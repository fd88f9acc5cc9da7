"""Admin for BLS OEWS releases and their upload (being written)."""
