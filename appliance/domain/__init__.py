"""Provides the pure domain: rules, transition tables and records; no I/O, no clock reads."""
