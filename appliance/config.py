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
    # DESIGN §11: a retention run whose clock is this far past the newest event deletes nothing.
    max_clock_leap_days: int = 31
    seal: str = "auto"
    # Art. 12(4): the evidence-disc burner, as udev names it on the box (kiosk_burners).
    disc_burner: str = "/dev/bwc-burner"
    # Art. 12(4): the CUPS queue the record form is printed on; "" for none.
    disc_printer: str = ""
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
    # DESIGN §11: the clock guard of the retention run.
    Key("retention.max_clock_leap_days", "max_clock_leap_days", INTEGER, 1, 366),
    # DESIGN §11: how archived files are sealed immutable.
    Key("archive.seal", "seal", TEXT),
    # Art. 12(4): the burner the kiosk's evidence discs are burnt on.
    Key("disc.burner", "disc_burner", TEXT),
    Key("disc.printer", "disc_printer", TEXT),
)
BY_NAME = {key.dotted: key for key in KEYS}
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
    # The checker reads this module's key table, so it is imported here, not at the top.
    from appliance.config_check import Checker

    check = Checker(str(config_path))
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
    chosen = {BY_NAME[name].attribute: v for name, v in values.items() if BY_NAME[name].attribute}
    return replace(base, drivers=drivers, handover_drives=handover_drives, **chosen)
