"""Provides the bureau archive's composition root: build_bureau(settings, …) -> Bureau.

Every adapter of the bureau is chosen here: the database engine (SQLite, or PostgreSQL when
bureau.toml names a `database_url`), the content-addressed archive, the package reader and
writer, the bureau's signing key. The CLI, the collector's screen and the tests share it.
"""

from __future__ import annotations

from dataclasses import dataclass

from appliance.bureau_config import BureauSettings
from appliance.ports import (
    Archive,
    Clock,
    KeyVerifier,
    PackageContents,
    PackageWriter,
    Signer,
)
from appliance.services.bureau_alarms import BureauAlarms
from appliance.services.bureau_clips import BureauClips
from appliance.services.bureau_context import BureauContext
from appliance.services.bureau_desk import BureauDesk
from appliance.services.bureau_export import BureauExports
from appliance.services.bureau_ingest import BureauIngest
from appliance.services.bureau_people import BureauPeople
from appliance.services.bureau_report import BureauReports
from appliance.services.bureau_units import BureauUnits
from appliance.services.bureau_verify import BureauVerify
from appliance.store.bureau.db import open_database
from appliance.store.bureau.repository import BureauStore

KEY_NAME = "bureau"


@dataclass
class Bureau:
    """The bureau archive's use cases over one home."""

    ctx: BureauContext
    people: BureauPeople
    units: BureauUnits
    ingest: BureauIngest
    clips: BureauClips
    exports: BureauExports
    reports: BureauReports
    verify: BureauVerify
    alarms: BureauAlarms
    desk: BureauDesk

    @property
    def settings(self) -> BureauSettings:
        """The bureau's settings."""
        return self.ctx.settings

    def close(self) -> None:
        """Close the database connection."""
        self.ctx.store.close()


def create_key(settings: BureauSettings) -> None:
    """Make the bureau's own key pair if absent (`bwc-bureau init`)."""
    from appliance.adapters.signer import FileSigner

    FileSigner(settings.keys_dir, KEY_NAME).create()


def build_bureau(
    settings: BureauSettings,
    *,
    clock: Clock | None = None,
    archive: Archive | None = None,
    signer: Signer | None = None,
    reader: PackageContents | None = None,
    writer: PackageWriter | None = None,
    verifier: KeyVerifier | None = None,
    create: bool = False,
) -> Bureau:
    """The bureau's services on settings.home; each port may be given, else the real one."""
    from appliance.adapter_choices import bureau_sealer
    from appliance.adapters.archive_fs import ArchiveFS
    from appliance.adapters.bag_reader import BagContents
    from appliance.adapters.bag_writer import BagWriter
    from appliance.adapters.clock import SystemClock
    from appliance.adapters.signer import Ed25519Verifier, FileSigner

    settings.staging_dir.mkdir(parents=True, exist_ok=True)
    store = BureauStore(open_database(settings, create=create))
    ctx = BureauContext(
        settings=settings,
        store=store,
        clock=clock or SystemClock(),
        signer=signer or FileSigner(settings.keys_dir, KEY_NAME),
        archive=archive
        or ArchiveFS(settings.archive_dir, settings.staging_dir, bureau_sealer(settings.seal)),
        reader=reader or BagContents(),
        writer=writer or BagWriter(),
        verifier=verifier or Ed25519Verifier(),
    )
    return Bureau(
        ctx=ctx,
        people=BureauPeople(ctx),
        units=BureauUnits(ctx),
        ingest=BureauIngest(ctx),
        clips=BureauClips(ctx),
        exports=BureauExports(ctx),
        reports=BureauReports(ctx),
        verify=BureauVerify(ctx),
        alarms=BureauAlarms(ctx),
        desk=BureauDesk(ctx),
    )
