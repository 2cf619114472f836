"""Provides the use cases that the CLI, the kiosk and the timers call."""
