"""Provides recorder drivers for fault tests: a simulator that is unplugged mid-read.

A real unplug cannot be made here, so the failing part is the driver port itself: the
simulator's streams raise EIO once a given number of bytes has been read, and every call
after that fails as a vanished USB device does.
"""

from __future__ import annotations

import errno
import io
from collections import Counter
from datetime import datetime
from typing import BinaryIO, cast

from appliance.adapters.simulator import SimulatorDriver
from appliance.ports import ClipRef, DeviceIdentity, DeviceStatus, SkippedEntry


def _eio() -> OSError:
    return OSError(errno.EIO, "Input/output error")


class _FailingStream(io.RawIOBase):
    def __init__(self, inner: BinaryIO, owner: UnpluggedRecorder) -> None:
        self._inner = inner
        self._owner = owner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer)
        allowed = self._owner.budget(len(view))
        if allowed == 0 and len(view) > 0:
            raise _eio()
        data = self._inner.read(allowed)
        # Only the bytes the card delivered count: a 4 MiB buffer asking for more than a
        # small clip holds must not use up the budget of the clips that follow.
        self._owner.refund(allowed - len(data))
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


class UnpluggedRecorder:
    """A simulator recorder that is pulled out after `fail_after` bytes have been read."""

    def __init__(self, inner: SimulatorDriver, fail_after: int | None) -> None:
        self.inner = inner
        self._left = fail_after
        self.unplugged = False
        self.opened: Counter[str] = Counter()
        self.deleted: list[str] = []

    def budget(self, wanted: int) -> int:
        """How many of the wanted bytes may still be read before the unplug."""
        if self.unplugged:
            return 0
        if self._left is None:
            return wanted
        if self._left <= 0:
            self.unplugged = True
            return 0
        allowed = min(wanted, self._left)
        self._left -= allowed
        return allowed

    def refund(self, unused: int) -> None:
        """Give back the part of a budget the read did not use (a short read, the EOF)."""
        if self._left is not None and not self.unplugged:
            self._left += unused

    def _alive(self) -> None:
        if self.unplugged:
            raise _eio()

    def identify(self) -> DeviceIdentity:
        return self.inner.identify()

    def status(self) -> DeviceStatus:
        self._alive()
        return self.inner.status()

    def sync_clock(self, now: datetime) -> None:
        self._alive()
        self.inner.sync_clock(now)

    def write_officer(self, badge: str, name: str, unit: str) -> None:
        self._alive()
        self.inner.write_officer(badge, name, unit)

    def clips(self) -> list[ClipRef]:
        self._alive()
        return self.inner.clips()

    def skipped(self) -> list[SkippedEntry]:
        return self.inner.skipped()

    def open(self, clip: ClipRef) -> BinaryIO:
        self._alive()
        self.opened[clip.name] += 1
        return cast(BinaryIO, _FailingStream(self.inner.open(clip), self))

    def delete(self, clip: ClipRef) -> None:
        self._alive()
        self.deleted.append(clip.name)
        self.inner.delete(clip)
