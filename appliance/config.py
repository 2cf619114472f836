"""Provides Settings: the kiosk's configuration from kiosk.toml and the environment, validated."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from appliance.domain.errors import BadInput
from appliance.domain.scan import UNIT_PATTERN

LANGUAGES = ("zh_CN", "en")
DEFAULT_HOME = Path("/var/lib/bwc")
BOX_CONFIG = Path("/etc/bwc/kiosk.toml")
# Art. 12(3): at least three months; DESIGN §3.4: 180 days by the national rule.
RETENTION_FLOOR_DAYS = 90
# How archived files are sealed immutable (DESIGN §11): "helper" asks bwc-seal@.service (the
# box), "auto" seals directly when the process holds CAP_LINUX_IMMUTABLE, "off" never.
SEAL_MODES = ("auto", "helper", "off")


@dataclass(frozen=True)
class DriverRule:
    """Which recorder driver serves a USB VID:PID (DESIGN §7)."""

    usb_id: str
    driver: str
    brand: str = ""
    model: str = ""


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
    demo: bool = False

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
    def keys_dir(self) -> Path:
        """The unit's signing keys."""
        return self.home / "keys"

    def with_unit(self, code: str, name: str) -> Settings:
        """A copy naming the unit."""
        return replace(self, unit_code=code, unit_name=name)


def local_zone(settings: Settings) -> tzinfo:
    """The unit's wall clock: `timezone` from kiosk.toml, else the system's own zone.

    One answer for the kiosk's times, the CLI's and the day a clip is filed under (Art. 8).
    """
    if settings.timezone:
        try:
            return ZoneInfo(settings.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return datetime.now().astimezone().tzinfo or UTC


def locate(home_arg: str | None, env: dict[str, str] | None = None) -> tuple[Path, Path]:
    """Find (home, config path): --home, then BWC_HOME, then the box's /etc/bwc/kiosk.toml."""
    env = dict(os.environ) if env is None else env
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
        raise BadInput("config_unreadable", path=str(path), error=str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInput("config_invalid", path=str(path), error=str(exc)) from None


def load(home: Path, config_path: Path) -> Settings:
    """Read and validate the config; a missing file gives defaults (before `bwc init`)."""
    base = Settings(home=home, config_path=config_path)
    if not config_path.exists():
        return base
    raw = _read_toml(config_path)
    unit = _table(raw, "unit", config_path)
    kiosk = _table(raw, "kiosk", config_path)
    offload = _table(raw, "offload", config_path)
    selfcheck = _table(raw, "selfcheck", config_path)
    retention = _table(raw, "retention", config_path)
    archive = _table(raw, "archive", config_path)
    get = _Getter(config_path)
    settings = replace(
        base,
        unit_code=get.text(unit, "code", ""),
        unit_name=get.text(unit, "name", ""),
        language=get.text(raw, "language", "zh_CN"),
        timezone=get.text(raw, "timezone", ""),
        idle_timeout_seconds=get.number(kiosk, "idle_timeout_seconds", 120, 15, 3600),
        max_parallel_offloads=get.number(offload, "max_parallel_offloads", 4, 1, 16),
        clear_after_offload=get.flag(offload, "clear_after_offload", True),
        default_bitrate_bps=get.number(offload, "default_bitrate_bps", 8_000_000, 100_000, 10**9),
        probe_timeout_seconds=get.number(offload, "probe_timeout_seconds", 30, 1, 600),
        battery_min_percent=get.number(selfcheck, "battery_min_percent", 80, 1, 100),
        clock_tolerance_seconds=get.number(selfcheck, "clock_tolerance_seconds", 2, 0, 300),
        shift_hours=get.number(selfcheck, "shift_hours", 12, 1, 24),
        retention_days=get.number(retention, "days", 180, RETENTION_FLOOR_DAYS, 36500),
        seal=get.text(archive, "seal", "auto"),
        drivers=_drivers(raw.get("drivers", []), config_path),
    )
    if settings.timezone:
        try:
            ZoneInfo(settings.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise BadInput("config_bad_value", path=str(config_path), key="timezone") from None
    if settings.seal not in SEAL_MODES:
        raise BadInput("config_bad_value", path=str(config_path), key="archive.seal")
    if settings.language not in LANGUAGES:
        raise BadInput("config_bad_value", path=str(config_path), key="language")
    if settings.unit_code and not UNIT_PATTERN.fullmatch(settings.unit_code):
        raise BadInput("config_bad_value", path=str(config_path), key="unit.code")
    return settings


def _table(raw: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise BadInput("config_bad_value", path=str(path), key=key)
    return value


class _Getter:
    """Typed reads from a TOML table, each failure naming the key."""

    def __init__(self, path: Path) -> None:
        self._path = str(path)

    def text(self, table: dict[str, Any], key: str, default: str) -> str:
        value = table.get(key, default)
        if not isinstance(value, str) or not value.isprintable():
            raise BadInput("config_bad_value", path=self._path, key=key)
        return value

    def flag(self, table: dict[str, Any], key: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise BadInput("config_bad_value", path=self._path, key=key)
        return value

    def number(self, table: dict[str, Any], key: str, default: int, low: int, high: int) -> Any:
        value = table.get(key, default)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            raise BadInput("config_bad_value", path=self._path, key=key)
        return value


_USB_ID_LENGTH = 9


def _drivers(raw: object, path: Path) -> tuple[DriverRule, ...]:
    if not isinstance(raw, list):
        raise BadInput("config_bad_value", path=str(path), key="drivers")
    rules = []
    for entry in raw:
        if not isinstance(entry, dict):
            raise BadInput("config_bad_value", path=str(path), key="drivers")
        usb_id = str(entry.get("usb_id", "")).lower()
        driver = str(entry.get("driver", ""))
        hexes = usb_id.replace(":", "")
        if (
            len(usb_id) != _USB_ID_LENGTH
            or usb_id[4] != ":"
            or not all(c in "0123456789abcdef" for c in hexes)
        ):
            raise BadInput("config_bad_value", path=str(path), key="drivers.usb_id")
        if driver not in ("mass_storage", "simulator"):
            raise BadInput("config_bad_value", path=str(path), key="drivers.driver")
        rules.append(
            DriverRule(usb_id, driver, str(entry.get("brand", "")), str(entry.get("model", "")))
        )
    return tuple(rules)


def render(settings: Settings) -> str:
    """The kiosk.toml text that `bwc init` writes for these settings."""
    return (
        "# bwc-kiosk configuration (DESIGN §1). Written by `bwc init`; edit with care.\n"
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
        f'seal = "{settings.seal}"\n'
    )


CONFIG_MODE = 0o640


def save(path: Path, text: str) -> None:
    """Write kiosk.toml 0640: the service group reads it, nobody else (DESIGN §6)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC
    with os.fdopen(os.open(path, flags, CONFIG_MODE), "w", encoding="utf-8") as out:
        out.write(text)


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
