"""Provides the Checker: typed reads of kiosk.toml values, each failure naming its dotted key."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from appliance.config import (
    BY_NAME,
    DRIVER_KEYS,
    DRIVERS,
    FLAG,
    HANDOVER_DRIVE_KEYS,
    INTEGER,
    LANGUAGES,
    NUMBER,
    SEAL_MODES,
    TEXT_LIMIT,
    DriverRule,
    HandoverDriveRule,
    Key,
)
from appliance.domain.errors import BadInput
from appliance.domain.printing import PRINTER_QUEUE
from appliance.domain.scan import SERIAL_PATTERN, UNIT_PATTERN


class Checker:
    """Typed reads of kiosk.toml values, each failure naming its dotted key."""

    def __init__(self, path: str) -> None:
        self._path = path

    def refuse(self, reason: str, key: str, **params: object) -> BadInput:
        return BadInput(reason, path=self._path, key=key, **params)

    def table(self, name: str, value: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.refuse("config_table", name)
        return value

    def value(self, dotted: str, value: object) -> object:
        key = BY_NAME.get(dotted)
        if key is None:
            raise self.refuse("config_unknown_key", dotted)
        if key.kind == INTEGER:
            return self.integer(key, value)
        if key.kind == NUMBER:
            return self.number(key, value)
        if key.kind == FLAG:
            if not isinstance(value, bool):
                raise self.refuse("config_flag", dotted)
            return value
        return self.text_value(dotted, value)

    def integer(self, key: Key, value: object) -> int:
        # bool is an int to Python, never to a person editing kiosk.toml.
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not key.low <= value <= key.high
        ):
            raise self.refuse("config_integer", key.dotted, low=key.low, high=key.high)
        return value

    def number(self, key: Key, value: object) -> float:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not key.low <= value <= key.high
        ):
            raise self.refuse("config_number", key.dotted, low=key.low, high=key.high)
        return float(value)

    def text(self, dotted: str, value: object, limit: int) -> str:
        if not isinstance(value, str) or not value.isprintable() or len(value) > limit:
            raise self.refuse("config_text", dotted, limit=limit)
        return value

    def text_value(self, dotted: str, value: object) -> str:
        if dotted == "language":
            if not isinstance(value, str) or value not in LANGUAGES:
                raise self.refuse("config_choice", dotted, choices=", ".join(LANGUAGES))
            return value
        if dotted == "unit.code":
            if not isinstance(value, str) or (value and not UNIT_PATTERN.fullmatch(value)):
                raise self.refuse("config_unit_code", dotted)
            return value
        if dotted == "archive.seal":
            if not isinstance(value, str) or value not in SEAL_MODES:
                raise self.refuse("config_choice", dotted, choices=", ".join(SEAL_MODES))
            return value
        if dotted == "disc.printer":
            # A CUPS queue's name, or none: it is passed to lp after -d.
            if not isinstance(value, str) or (value and not PRINTER_QUEUE.fullmatch(value)):
                raise self.refuse("config_printer", dotted)
            return value
        if dotted in ("home", "disc.burner"):
            text = self.text(dotted, value, 4096)
            if not Path(text).is_absolute():
                raise self.refuse("config_home", dotted)
            return text
        text = self.text(dotted, value, TEXT_LIMIT)
        if dotted == "timezone" and text:
            try:
                ZoneInfo(text)
            except (ZoneInfoNotFoundError, ValueError, OSError):
                raise self.refuse("config_timezone", dotted) from None
        return text

    def drivers(self, raw: object) -> tuple[DriverRule, ...]:
        if not isinstance(raw, list) or not all(isinstance(entry, dict) for entry in raw):
            raise self.refuse("config_drivers", "drivers")
        return tuple(self.driver(f"drivers[{n}]", entry) for n, entry in enumerate(raw, 1))

    def driver(self, prefix: str, entry: dict[str, Any]) -> DriverRule:
        for name in entry:
            if name not in DRIVER_KEYS:
                raise self.refuse("config_unknown_key", f"{prefix}.{name}")
        usb_id = entry.get("usb_id")
        if not isinstance(usb_id, str) or not _is_usb_id(usb_id):
            raise self.refuse("config_usb_id", f"{prefix}.usb_id")
        driver = entry.get("driver")
        if not isinstance(driver, str) or driver not in DRIVERS:
            raise self.refuse("config_choice", f"{prefix}.driver", choices=", ".join(DRIVERS))
        brand = self.text(f"{prefix}.brand", entry.get("brand", ""), TEXT_LIMIT)
        model = self.text(f"{prefix}.model", entry.get("model", ""), TEXT_LIMIT)
        return DriverRule(usb_id.lower(), driver, brand, model)

    def handover(self, table: dict[str, Any]) -> tuple[HandoverDriveRule, ...]:
        for name in table:
            if name != "drives":
                raise self.refuse("config_unknown_key", f"handover.{name}")
        raw = table.get("drives", [])
        if not isinstance(raw, list) or not all(isinstance(entry, dict) for entry in raw):
            raise self.refuse("config_handover_drives", "handover.drives")
        drives: list[HandoverDriveRule] = []
        for number, entry in enumerate(raw, 1):
            prefix = f"handover.drives[{number}]"
            for name in entry:
                if name not in HANDOVER_DRIVE_KEYS:
                    raise self.refuse("config_unknown_key", f"{prefix}.{name}")
            serial = entry.get("serial")
            if not isinstance(serial, str) or not SERIAL_PATTERN.fullmatch(serial):
                raise self.refuse("config_drive_serial", f"{prefix}.serial")
            if any(drive.serial == serial for drive in drives):
                # One serial, one drive: a second entry would hide a mistake in its label.
                raise self.refuse("config_drive_twice", f"{prefix}.serial")
            label = self.text(f"{prefix}.label", entry.get("label", ""), TEXT_LIMIT)
            drives.append(HandoverDriveRule(serial, label))
        return tuple(drives)


def _is_usb_id(text: str) -> bool:
    """VID:PID, four hexadecimal digits each (`12d1:1f01`)."""
    vendor, colon, product = text.partition(":")
    hexes = vendor + product
    return (
        bool(colon)
        and len(vendor) == len(product) == 4
        and all(c in "0123456789abcdefABCDEF" for c in hexes)
    )
