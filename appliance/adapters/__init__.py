"""Provides the real implementations of the ports."""
