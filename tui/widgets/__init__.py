"""Provides the kiosk's small widgets."""
