"""Provides the bwc-kiosk appliance core: custody of recorders and of their footage."""
