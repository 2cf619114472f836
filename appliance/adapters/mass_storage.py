"""Provides the mass_storage driver: any recorder that mounts as a USB disk (DESIGN §7)."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from appliance.adapters.recorder_fs import RecorderTree
from appliance.domain.scan import SERIAL_PATTERN
from appliance.ports import ClipRef, DeviceIdentity, DeviceStatus, SkippedEntry

# Files in which recorders keep their identity, looked for at the card's root.
IDENTITY_FILES = ("SERIAL.TXT", "DEVICE.TXT", "DEVINFO.TXT", "MISC/DEVICE.TXT", "serial.txt")
_SERIAL_LINE = re.compile(rb"(?:serial|sn|device[_ ]?id)\s*[:=]\s*([A-Za-z0-9._-]{1,64})", re.I)


class MassStorageDriver:
    """A mounted recorder card: clips, space and nothing the card cannot say.

    The GA/T 947 functions a plain disk does not offer (batteries, clock, officer identity)
    raise io.UnsupportedOperation, so the caller asks the officer instead (DESIGN §7).
    """

    def __init__(
        self,
        root: Path,
        fallback_serial: str | None = None,
        brand: str = "",
        model: str = "",
    ) -> None:
        self._tree = RecorderTree(root)
        self._fallback_serial = fallback_serial
        self._brand = brand
        self._model = model

    def identify(self) -> DeviceIdentity:
        """The serial in the recorder's identity file; the caller's only when the card has none.

        The card's own word wins: a serial typed at the command line that disagrees with it
        is the caller's mistake (or a swapped card), and the offload service refuses it.
        """
        serial = self._serial_from_card() or self._fallback_serial
        if not serial:
            raise io.UnsupportedOperation("the recorder keeps no readable serial")
        return DeviceIdentity(serial, self._brand, self._model)

    def _serial_from_card(self) -> str | None:
        for name in IDENTITY_FILES:
            content = self._tree.read_small(name)
            if content is None:
                continue
            match = _SERIAL_LINE.search(content)
            text = (
                match.group(1).decode("ascii")
                if match
                else content.strip().decode("ascii", "ignore")
            )
            if SERIAL_PATTERN.fullmatch(text):
                return text
        return None

    def status(self) -> DeviceStatus:
        """Free and total bytes of the card (statvfs); nothing else is known."""
        free, total = self._tree.space()
        return DeviceStatus(free_bytes=free, total_bytes=total)

    def sync_clock(self, now: datetime) -> None:
        """A plain disk has no clock to set."""
        raise io.UnsupportedOperation("mass_storage recorders cannot set their clock")

    def write_officer(self, badge: str, name: str, unit: str) -> None:
        """A plain disk has no officer identity to write."""
        raise io.UnsupportedOperation("mass_storage recorders cannot store the officer")

    def clips(self) -> list[ClipRef]:
        """Every regular file under the footage folders."""
        return self._tree.clips()

    def skipped(self) -> list[SkippedEntry]:
        """What the last clips() passed over, and why."""
        return self._tree.skipped()

    def open(self, clip: ClipRef) -> BinaryIO:
        """A read-only stream of one clip."""
        return self._tree.open(clip)

    def delete(self, clip: ClipRef) -> None:
        """Remove one file (DESIGN §4 step 7 only)."""
        self._tree.delete(clip)
