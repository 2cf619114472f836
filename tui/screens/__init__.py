"""Provides the kiosk's screens, one module each."""
