"""Provides BureauSettings: the bureau archive's configuration from bureau.toml, validated.

The bureau archive is the information collector's store for every unit's hand-overs
(Art. 8, 12(2)); it lives in a home of its own: `bureau.toml`, `bureau.db` (unless
`database_url` names a PostgreSQL database), `archive/`, `staging/`, `keys/`, `exports/`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from appliance.domain.bureau import check_code
from appliance.domain.errors import BadInput

LANGUAGES = ("zh_CN", "en")
DEFAULT_BUREAU_HOME = Path("/var/lib/bwc-bureau")
CONFIG_NAME = "bureau.toml"
_KEYS = {"code", "name", "language", "timezone", "database_url", "seal"}
# "auto": the immutable flag on every stored content where the process may set it; "off".
SEAL_MODES = ("auto", "off")
_TEXT_LIMIT = 200


@dataclass(frozen=True)
class BureauSettings:
    """What the bureau archive is told; paths derive from `home`."""

    home: Path
    code: str = ""
    name: str = ""
    language: str = "zh_CN"
    timezone: str = ""
    # Empty: the embedded SQLite file; else postgresql://user@/db?host=/socket/dir.
    database_url: str = ""
    seal: str = "auto"

    @property
    def config_path(self) -> Path:
        """bureau.toml in the home."""
        return self.home / CONFIG_NAME

    @property
    def database_path(self) -> Path:
        """The embedded database's file (used only when no database_url is set)."""
        return self.home / "bureau.db"

    @property
    def archive_dir(self) -> Path:
        """The content-addressed payload store."""
        return self.home / "archive"

    @property
    def staging_dir(self) -> Path:
        """Scratch for copies being verified, on the archive's file system."""
        return self.home / "staging"

    @property
    def keys_dir(self) -> Path:
        """The bureau's own signing key (its log's checkpoints, its exports)."""
        return self.home / "keys"

    @property
    def exports_dir(self) -> Path:
        """Where reports are written by default."""
        return self.home / "exports"

    @property
    def engine(self) -> str:
        """'postgresql' when a database_url is set, else 'sqlite'."""
        return "postgresql" if self.database_url else "sqlite"

    def zone(self) -> tzinfo:
        """The bureau's wall clock: `timezone`, else the system's own."""
        if self.timezone:
            try:
                return ZoneInfo(self.timezone)
            except (ZoneInfoNotFoundError, ValueError, OSError):
                pass
        return datetime.now().astimezone().tzinfo or UTC


def locate(home_arg: str | None, env: dict[str, str] | None = None) -> Path:
    """The bureau home: --home, then BWC_BUREAU_HOME, then /var/lib/bwc-bureau."""
    env = dict(os.environ) if env is None else env
    if home_arg is not None and not home_arg.strip():
        raise BadInput("bureau.no_home")
    text = home_arg or env.get("BWC_BUREAU_HOME")
    return Path(text).resolve() if text else DEFAULT_BUREAU_HOME


def load(home: Path) -> BureauSettings:
    """Read and check home/bureau.toml; BadInput naming the key that is wrong.

    A home without one is not a bureau home (only `bwc-bureau init` makes one).
    """
    path = home / CONFIG_NAME
    if not path.is_file():
        raise BadInput("bureau.not_a_home", home=str(home))
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        error = getattr(exc, "strerror", None) or type(exc).__name__
        raise BadInput("config_unreadable", path=str(path), error=error) from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInput("config_invalid", path=str(path), error=str(exc)) from None
    table = raw.get("bureau")
    if not isinstance(table, dict) or set(raw) != {"bureau"}:
        raise BadInput("bureau.config_key", path=str(path), key=_first_other(raw))
    return settings_of(home, table, str(path))


def _first_other(raw: dict[str, Any]) -> str:
    others = sorted(k for k in raw if k != "bureau")
    return others[0] if others else "bureau"


def settings_of(home: Path, table: dict[str, Any], where: str) -> BureauSettings:
    """BureauSettings from the [bureau] table's values, each checked."""
    for key in sorted(table):
        if key not in _KEYS:
            raise BadInput("bureau.config_key", path=where, key=f"bureau.{key}")
        value = table[key]
        if not isinstance(value, str) or len(value) > _TEXT_LIMIT or not value.isprintable():
            raise BadInput("bureau.config_value", path=where, key=f"bureau.{key}")
    code = check_code(str(table.get("code", "")))
    language = str(table.get("language", "zh_CN"))
    if language not in LANGUAGES:
        raise BadInput("bureau.config_value", path=where, key="bureau.language")
    seal = str(table.get("seal", "auto"))
    if seal not in SEAL_MODES:
        raise BadInput("bureau.config_value", path=where, key="bureau.seal")
    url = str(table.get("database_url", ""))
    if url:
        parse_database_url(url)
    return BureauSettings(
        home=home,
        code=code,
        name=str(table.get("name", "")) or code,
        language=language,
        timezone=str(table.get("timezone", "")),
        database_url=url,
        seal=seal,
    )


def parse_database_url(url: str) -> dict[str, str]:
    """postgresql://USER@/DBNAME?host=/socket/dir (or @HOST:PORT/DBNAME) as connect params.

    No password is ever written in bureau.toml: the bureau reaches its database by a Unix
    socket with peer or trust authentication, or by a password in PGPASSFILE (libpq's own).
    """
    from urllib.parse import parse_qs, urlsplit

    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise BadInput("bureau.bad_database_url") from None
    if parts.scheme not in ("postgresql", "postgres") or parts.password:
        raise BadInput("bureau.bad_database_url")
    name = parts.path.lstrip("/")
    if not name or "/" in name:
        raise BadInput("bureau.bad_database_url")
    params = {"dbname": name}
    if parts.username:
        params["user"] = parts.username
    query = parse_qs(parts.query)
    host = query.get("host", [parts.hostname or ""])[0]
    if host:
        params["host"] = host
    if port:
        params["port"] = str(port)
    return params


def render(settings: BureauSettings) -> str:
    """bureau.toml for these settings (written once by `bwc-bureau init`)."""

    def line(key: str, value: str) -> str:
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'{key} = "{escaped}"\n'

    text = "# The bureau archive (bwc-bureau). README: 'The bureau archive'.\n[bureau]\n"
    text += line("code", settings.code) + line("name", settings.name)
    text += line("language", settings.language)
    if settings.timezone:
        text += line("timezone", settings.timezone)
    if settings.seal != "auto":
        text += line("seal", settings.seal)
    if settings.database_url:
        text += line("database_url", settings.database_url)
    else:
        text += '# database_url = "postgresql://bwc@/bureau?host=/run/postgresql"\n'
    return text


def socket_url(user: str, database: str, socket_dir: Path) -> str:
    """The database_url of a database reached by a Unix socket in socket_dir."""
    return f"postgresql://{user}@/{database}?host={quote(str(socket_dir), safe='')}"
