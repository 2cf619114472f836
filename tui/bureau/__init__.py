"""Provides the information collector's desk: the bureau archive in a terminal (issue 14)."""
