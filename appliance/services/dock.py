"""Provides the dock service behind `bwc dock`: recorders arrive, are read, offloaded, released.

Runs as bwc-dock.service, apart from the kiosk UI, so an offload goes on if the UI restarts
(DESIGN §1); every screen learns what happens here from the database.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from appliance.config import DriverRule
from appliance.domain.footage import OffloadProgress
from appliance.domain.records import Actor
from appliance.domain.scan import SERIAL_PATTERN
from appliance.ports import DeviceWatcher, DockEvent, DriverFactory, Mounter, RecorderDriver
from appliance.safe_text import printable
from appliance.services.context import Context
from appliance.services.offload import OffloadService
from appliance.services.requests import KioskRequestService
from appliance.services.selfcheck import SelfCheckService

Predicate = Callable[[DockEvent], DriverRule | None]


@dataclass(frozen=True)
class DockOutcome:
    """What became of one arrival."""

    devnode: str
    serial: str = ""
    refused: str = ""
    progress: OffloadProgress | None = None


def dock_actor(unit_code: str) -> Actor:
    """The audit identity of the dock service."""
    return Actor("system:dock", "system", unit_code)


class DockService:
    """Turns dock events into readings, offload jobs and releases."""

    def __init__(
        self,
        ctx: Context,
        offload: OffloadService,
        selfcheck: SelfCheckService,
        drivers: DriverFactory,
        mounter: Mounter | None = None,
        predicate: Predicate | None = None,
        requests: KioskRequestService | None = None,
    ) -> None:
        self._ctx = ctx
        self._requests = requests
        self._offload = offload
        self._selfcheck = selfcheck
        self._drivers = drivers
        self._mounter = mounter
        self._predicate: Predicate = predicate or self.configured_rule
        self._actor = dock_actor(ctx.settings.unit_code)
        self._pool = ThreadPoolExecutor(
            ctx.settings.max_parallel_offloads, thread_name_prefix="dock"
        )
        self._busy: dict[str, Future[DockOutcome]] = {}
        self._docked: set[str] = set()
        self._lock = threading.Lock()

    def configured_rule(self, event: DockEvent) -> DriverRule | None:
        """The kiosk.toml driver rule for the device's USB VID:PID, if any (DESIGN §7)."""
        own = self._drivers.own_rule(event)
        if own is not None:
            return own
        for rule in self._ctx.settings.drivers:
            if rule.usb_id == event.usb_id:
                return rule
        return None

    def submit(self, event: DockEvent) -> Future[DockOutcome] | None:
        """Handle an event: an arrival runs in the pool; a removal at once. None when ignored.

        A USB card arrives as "add"; a loop or card-reader medium as a "change" that brings a
        file system. Later changes of a docked device (our own read-only switch, the mount)
        are not new arrivals; a change that takes the file system away is a removal.
        """
        with self._lock:
            docked = event.devnode in self._docked
            if event.action == "remove" or (event.action == "change" and not event.fs_type):
                if not docked:
                    return None
                self._docked.discard(event.devnode)
                released = True
            elif event.action in ("add", "change") and event.fs_type and not docked:
                self._docked.add(event.devnode)
                released = False
            else:
                return None
            if not released:
                future = self._pool.submit(self.arrived, event)
                self._busy[event.devnode] = future
                return future
        self._released(event)
        return None

    def arrived(self, event: DockEvent) -> DockOutcome:
        """One recorder docked: identify, read, offload, read again, release."""
        if event.serial and self._ctx.settings.handover_drive(event.serial) is not None:
            # Art. 12(2): the registered hand-over drive is the kiosk's (the collector's
            # hand-over), not storage to refuse; the dock leaves it alone.
            return DockOutcome(event.devnode, printable(event.serial), refused="handover_drive")
        rule = self._predicate(event)
        if rule is None:
            # Art. 12(2): nobody copies footage privately; other USB storage is refused.
            with self._ctx.store.transaction():
                self._ctx.record(
                    self._actor,
                    "usb_refused",
                    "usb_device",
                    printable(event.usb_id or "-"),
                    "refused",
                    devnode=printable(event.devnode),
                    serial=printable(event.serial),
                )
            return DockOutcome(event.devnode, refused="not_a_recorder")
        name = event.serial or Path(event.devnode).name
        try:
            driver = self._driver(event, rule, name)
        except OSError as exc:
            with self._ctx.store.transaction():
                self._ctx.record(
                    self._actor,
                    "dock_failed",
                    "usb_device",
                    printable(name),
                    "failed",
                    error=printable(str(exc)),
                )
            return self._unidentified(event, name, "mount_failed")
        before_clear = None
        if self._mounter is not None and rule.mounted:
            mounter = self._mounter
            # Read-only until every clip is verified and committed (DESIGN §4 step 7).
            before_clear = partial(mounter.writable, event, name)
        try:
            return self._offload_docked(event, driver, before_clear)
        finally:
            if self._mounter is not None and rule.mounted:
                self._mounter.unmount(event, name)

    def _driver(self, event: DockEvent, rule: DriverRule, name: str) -> RecorderDriver:
        if not rule.mounted:
            return self._drivers.for_event(event, rule, None)
        if self._mounter is None:
            raise OSError("no mount helper configured")
        return self._drivers.for_event(event, rule, self._mounter.mount(event, name))

    def _offload_docked(
        self,
        event: DockEvent,
        driver: RecorderDriver,
        before_clear: Callable[[], None] | None = None,
    ) -> DockOutcome:
        try:
            serial = driver.identify().serial
        except OSError:  # io.UnsupportedOperation too: the card keeps no identity
            serial = ""
        if not SERIAL_PATTERN.fullmatch(serial):
            # Footage of a recorder nobody can name cannot be attributed (Art. 8, 10): it
            # stays on the card, and the officer waiting at the kiosk is told why.
            name = event.serial or Path(event.devnode).name
            return self._unidentified(event, name, "no_identity")
        with self._ctx.store.transaction():
            self._ctx.record(
                self._actor, "docked", "recorder", serial, devnode=printable(event.devnode)
            )
        self._selfcheck.take_reading(self._actor, serial, driver)
        progress = self._offload.run(driver, serial, before_clear=before_clear)
        # After clearing, the card has room again: the officer's check sees today's figure.
        self._selfcheck.take_reading(self._actor, serial, driver)
        return DockOutcome(event.devnode, serial, progress=progress)

    def _unidentified(self, event: DockEvent, name: str, reason: str) -> DockOutcome:
        label = name if SERIAL_PATTERN.fullmatch(name) else "unknown"
        progress = self._offload.fail_unidentified(label, reason, event.devnode)
        return DockOutcome(event.devnode, label, refused=reason, progress=progress)

    def _released(self, event: DockEvent) -> None:
        with self._ctx.store.transaction():
            self._ctx.record(self._actor, "undocked", "usb_device", printable(event.devnode))

    def serve(
        self, watcher: DeviceWatcher, stop: threading.Event, poll_seconds: float = 1.0
    ) -> None:
        """Reconcile, take what is already docked, then follow events until stop is set."""
        self._offload.reconcile()
        for event in watcher.present():
            self.submit(event)
        while not stop.is_set():
            arrived = watcher.wait(poll_seconds)
            if arrived is not None:
                self.submit(arrived)
            self.answer_requests()

    def answer_requests(self) -> None:
        """What the kiosk asked of the service since the last look (DESIGN §6: the labels
        it cannot sign); a refusal is on the request's row, never the loop's end."""
        if self._requests is not None:
            self._requests.serve(self._actor)

    def settle(self, timeout: float | None = None) -> list[DockOutcome]:
        """Wait until every arrival handed to the pool so far is through; their outcomes."""
        with self._lock:
            futures = list(self._busy.values())
        return [future.result(timeout) for future in futures]

    def shutdown(self) -> None:
        """Let running offloads finish, then stop the workers."""
        self._pool.shutdown(wait=True)
