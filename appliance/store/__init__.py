"""Provides persistence: the only package that imports peewee (STYLE rule 8)."""
