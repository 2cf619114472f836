"""Provides the kiosk's Textual user interface (bwc-kiosk)."""
