"""Provides the kiosk screens' words as (English, 简体中文)."""

from __future__ import annotations

UI_MESSAGES: dict[str, tuple[str, str]] = {}
