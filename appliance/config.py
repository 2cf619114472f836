"""Provides Settings: the kiosk's configuration from kiosk.toml and the environment, validated."""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from appliance.domain.errors import BadInput
from appliance.domain.scan import SERIAL_PATTERN, UNIT_PATTERN

LANGUAGES = ("zh_CN", "en")
DRIVERS = ("mass_storage", "simulator")
DEFAULT_HOME = Path("/var/lib/bwc")
BOX_CONFIG = Path("/etc/bwc/kiosk.toml")
# Art. 12(3): at least three months; DESIGN §3.4: 180 days by the national rule.
RETENTION_FLOOR_DAYS = 90
# How archived files are sealed immutable (DESIGN §11): "helper" asks bwc-seal@.service (the
# box), "auto" seals directly when the process holds CAP_LINUX_IMMUTABLE, "off" never.
SEAL_MODES = ("auto", "helper", "off")
# Names, brands and models as the registers keep them (registry.check_name).
TEXT_LIMIT = 64


@dataclass(frozen=True)
class DriverRule:
    """Which recorder driver serves a USB VID:PID (DESIGN §7)."""

    usb_id: str
    driver: str
    brand: str = ""
    model: str = ""

    @property
    def mounted(self) -> bool:
        """Whether the driver reads a card the mount step mounts (a simulator is a folder)."""
        return self.driver == "mass_storage"


@dataclass(frozen=True)
class HandoverDriveRule:
    """A USB drive registered for the weekly hand-over, by its serial (Art. 12(2))."""

    serial: str
    label: str = ""


@dataclass(frozen=True)
class Settings:
    """Everything the kiosk is told, after validation. Paths derive from `home`."""

    home: Path
    config_path: Path
    unit_code: str = ""
    unit_name: str = ""
    language: str = "zh_CN"
    timezone: str = ""
    idle_timeout_seconds: int = 120
    max_parallel_offloads: int = 4
    clear_after_offload: bool = True
    battery_min_percent: int = 80
    clock_tolerance_seconds: float = 2.0
    shift_hours: float = 12.0
    default_bitrate_bps: int = 8_000_000
    retention_days: int = 180
    seal: str = "auto"
    probe_timeout_seconds: float = 30.0
    drivers: tuple[DriverRule, ...] = field(default_factory=tuple)
    # Art. 12(2): the only drives footage may leave the box on, `[handover] drives`.
    handover_drives: tuple[HandoverDriveRule, ...] = field(default_factory=tuple)
    demo: bool = False

    def handover_drive(self, serial: str) -> HandoverDriveRule | None:
        """The registered hand-over drive with this serial, or None."""
        for drive in self.handover_drives:
            if drive.serial == serial:
                return drive
        return None

    @property
    def db_path(self) -> Path:
        """The SQLite database."""
        return self.home / "bwc.db"

    @property
    def archive_dir(self) -> Path:
        """The content-addressed archive."""
        return self.home / "archive"

    @property
    def staging_dir(self) -> Path:
        """Where clips are written before they are verified."""
        return self.home / "staging"

    @property
    def exports_dir(self) -> Path:
        """Where labels, reports and packages are written."""
        return self.home / "exports"

    @property
    def thumbnails_dir(self) -> Path:
        """Pictures of the clips for the screens: beside the archive, never in it."""
        return self.home / "thumbnails"

    @property
    def keys_dir(self) -> Path:
        """The unit's signing keys."""
        return self.home / "keys"

    def with_unit(self, code: str, name: str) -> Settings:
        """A copy naming the unit."""
        return replace(self, unit_code=code, unit_name=name)


@dataclass(frozen=True)
class Key:
    """One kiosk.toml key: its dotted name, the Settings field it fills, its type and range."""

    dotted: str
    attribute: str
    kind: str
    low: int = 0
    high: int = 0


INTEGER, NUMBER, FLAG, TEXT = "integer", "number", "flag", "text"

# Every key kiosk.toml may hold besides [[drivers]]; anything else is an error naming it, so
# a misspelt key never silently leaves a default in force.
KEYS: tuple[Key, ...] = (
    Key("home", "", TEXT),  # read by locate() on the box, where /etc/bwc/kiosk.toml names it
    Key("language", "language", TEXT),
    Key("timezone", "timezone", TEXT),
    Key("unit.code", "unit_code", TEXT),
    Key("unit.name", "unit_name", TEXT),
    Key("kiosk.idle_timeout_seconds", "idle_timeout_seconds", INTEGER, 15, 3600),
    Key("offload.max_parallel_offloads", "max_parallel_offloads", INTEGER, 1, 16),
    Key("offload.clear_after_offload", "clear_after_offload", FLAG),
    Key("offload.default_bitrate_bps", "default_bitrate_bps", INTEGER, 100_000, 10**9),
    Key("offload.probe_timeout_seconds", "probe_timeout_seconds", NUMBER, 1, 600),
    Key("selfcheck.battery_min_percent", "battery_min_percent", INTEGER, 1, 100),
    Key("selfcheck.clock_tolerance_seconds", "clock_tolerance_seconds", NUMBER, 0, 300),
    Key("selfcheck.shift_hours", "shift_hours", NUMBER, 1, 24),
    # Art. 12(3): footage is kept at least three months.
    Key("retention.days", "retention_days", INTEGER, RETENTION_FLOOR_DAYS, 36500),
    # DESIGN §11: how archived files are sealed immutable.
    Key("archive.seal", "seal", TEXT),
)
_BY_NAME = {key.dotted: key for key in KEYS}
TABLES = frozenset(key.dotted.split(".")[0] for key in KEYS if "." in key.dotted)
DRIVER_KEYS = ("usb_id", "driver", "brand", "model")
HANDOVER_DRIVE_KEYS = ("serial", "label")


def local_zone(settings: Settings) -> tzinfo:
    """The unit's wall clock: `timezone` from kiosk.toml, else the system's own zone.

    One answer for the kiosk's times, the CLI's and the day a clip is filed under (Art. 8).
    """
    if settings.timezone:
        try:
            return ZoneInfo(settings.timezone)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    return datetime.now().astimezone().tzinfo or UTC


def locate(home_arg: str | None, env: dict[str, str] | None = None) -> tuple[Path, Path]:
    """Find (home, config path): --home, then BWC_HOME, then the box's /etc/bwc/kiosk.toml."""
    env = dict(os.environ) if env is None else env
    if home_arg is not None and not home_arg.strip():
        # An empty --home is a mistake, never a cue to fall back to the box's home.
        raise BadInput("no_home")
    config_env = env.get("BWC_CONFIG")
    home_text = home_arg or env.get("BWC_HOME")
    if home_text:
        home = Path(home_text).resolve()
        return home, Path(config_env) if config_env else home / "kiosk.toml"
    if config_env:
        config = Path(config_env)
        return _home_from(config) or DEFAULT_HOME, config
    if BOX_CONFIG.exists():
        return _home_from(BOX_CONFIG) or DEFAULT_HOME, BOX_CONFIG
    raise BadInput("no_home")


def _home_from(config: Path) -> Path | None:
    if not config.exists():
        return None
    value = _read_toml(config).get("home")
    return Path(value) if isinstance(value, str) and value else None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        error = getattr(exc, "strerror", None) or type(exc).__name__
        raise BadInput("config_unreadable", path=str(path), error=error) from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInput("config_invalid", path=str(path), error=str(exc)) from None


def load(home: Path, config_path: Path) -> Settings:
    """Read and validate the config; a missing file gives defaults (before `bwc init`).

    Every failure is BadInput naming the dotted key (`kiosk.idle_timeout_seconds`,
    `drivers[2].usb_id`) and, for numbers, the range allowed.
    """
    base = Settings(home=home, config_path=config_path)
    if not config_path.exists():
        return base
    check = _Checker(str(config_path))
    raw = _read_toml(config_path)
    values: dict[str, Any] = {}
    drivers: tuple[DriverRule, ...] = ()
    handover_drives: tuple[HandoverDriveRule, ...] = ()
    for name, value in raw.items():
        if name == "drivers":
            drivers = check.drivers(value)
        elif name == "handover":
            handover_drives = check.handover(check.table(name, value))
        elif name in TABLES:
            for sub, inner in check.table(name, value).items():
                values[f"{name}.{sub}"] = check.value(f"{name}.{sub}", inner)
        else:
            values[name] = check.value(name, value)
    chosen = {_BY_NAME[name].attribute: v for name, v in values.items() if _BY_NAME[name].attribute}
    return replace(base, drivers=drivers, handover_drives=handover_drives, **chosen)


class _Checker:
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
        key = _BY_NAME.get(dotted)
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
        if dotted == "home":
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


def render(settings: Settings) -> str:
    """The kiosk.toml text that `bwc init` writes for these settings: every key it reads."""
    return (
        "# bwc-kiosk configuration (DESIGN §1). Written by `bwc init`; edit with care:\n"
        "# an unknown key or a value out of range stops every command, naming the key.\n"
        f'language = "{settings.language}"\n'
        + (f'timezone = "{settings.timezone}"\n' if settings.timezone else "")
        + "\n[unit]\n"
        f'code = "{settings.unit_code}"\n'
        f"name = {_toml_string(settings.unit_name)}\n"
        "\n[kiosk]\n"
        f"idle_timeout_seconds = {settings.idle_timeout_seconds}\n"
        "\n[offload]\n"
        f"max_parallel_offloads = {settings.max_parallel_offloads}\n"
        f"clear_after_offload = {'true' if settings.clear_after_offload else 'false'}\n"
        f"default_bitrate_bps = {settings.default_bitrate_bps}\n"
        f"probe_timeout_seconds = {settings.probe_timeout_seconds:g}\n"
        "\n[selfcheck]\n"
        "# Art. 4: batteries charged, enough free space, clock set to now.\n"
        f"battery_min_percent = {settings.battery_min_percent}\n"
        f"clock_tolerance_seconds = {settings.clock_tolerance_seconds:g}\n"
        f"shift_hours = {settings.shift_hours:g}\n"
        "\n[retention]\n"
        "# Art. 12(3): at least 90 days; the national rule says 180.\n"
        f"days = {settings.retention_days}\n"
        "\n[archive]\n"
        "# Archived files are 0440 and made immutable where the file system allows: auto\n"
        "# (when this process may), helper (bwc-seal@.service on the box), or off.\n"
        f'seal = "{settings.seal}"\n' + _drives(settings.handover_drives)
    )


def _drives(drives: tuple[HandoverDriveRule, ...]) -> str:
    if not drives:
        return ""
    listed = ", ".join(
        f"{{ serial = {_toml_string(d.serial)}, label = {_toml_string(d.label)} }}" for d in drives
    )
    return (
        "\n[handover]\n"
        "# Art. 12(2): the USB drives registered (by serial) for the weekly hand-over.\n"
        f"drives = [{listed}]\n"
    )


CONFIG_MODE = 0o640


def save(path: Path, text: str) -> None:
    """Write kiosk.toml 0640 (the service group reads it, nobody else, DESIGN §6), atomically."""
    from appliance.atomic_file import write_atomically

    write_atomically(path, text.encode("utf-8"), CONFIG_MODE)


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
