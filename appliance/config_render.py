"""Provides the kiosk.toml text `bwc init` writes, and the atomic 0640 write of it."""

from __future__ import annotations

from pathlib import Path

from appliance.config import HandoverDriveRule, Settings


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
        "# A run whose clock is this many days past the newest audit event deletes nothing.\n"
        f"max_clock_leap_days = {settings.max_clock_leap_days}\n"
        "\n[archive]\n"
        "# Archived files are 0440 and made immutable where the file system allows: auto\n"
        "# (when this process may), helper (bwc-seal@.service on the box), or off.\n"
        f'seal = "{settings.seal}"\n'
        "\n[disc]\n"
        "# Art. 12(4): the burner of the kiosk's evidence discs (udev names it on the box).\n"
        f"burner = {_toml_string(settings.disc_burner)}\n"
        "# The CUPS queue the record form is printed on; empty: kept beside the image.\n"
        f"printer = {_toml_string(settings.disc_printer)}\n" + _drives(settings.handover_drives)
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
