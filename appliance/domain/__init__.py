"""Provides the pure domain: rules, transition tables and records, with no I/O and no clock reads."""
