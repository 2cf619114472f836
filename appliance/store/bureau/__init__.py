"""Provides the bureau archive's database: one repository over SQLite or PostgreSQL (issue 14)."""
