"""Provides the base of every peewee model: no database of its own (queries bind per store)."""

from __future__ import annotations

from peewee import Model


class BaseModel(Model):
    """No database: queries are bound per store."""

    class Meta:
        database = None
