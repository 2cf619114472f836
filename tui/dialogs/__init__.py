"""Provides the kiosk's modal dialogs, each returning a value."""
