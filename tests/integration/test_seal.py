"""Write-once archive: clips sealed immutable after each job where the FS allows (DESIGN §11).

As root on a file system with FS_IMMUTABLE_FL (ext4, as the pytest tmp dir is here), a sealed
clip cannot be unlinked, renamed or opened for writing even by root; on one without it (ramfs)
the clip is archived all the same and the record says "not sealable here". A seal that fails is
an alarm, never a lost clip. Each test clears the flags it set, so the tmp dir can be removed.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.adapter_choices import configured_sealer
from appliance.adapters.clock import SettableClock
from appliance.adapters.mass_storage import MassStorageDriver
from appliance.adapters.seal import (
    CAP_LINUX_IMMUTABLE,
    HelperSealer,
    IoctlSealer,
    NoSealer,
    has_capability,
    is_immutable,
)
from appliance.bootstrap import Services, build_services
from appliance.config import Settings
from appliance.demo import DemoBadge, make_home
from appliance.domain.audit import AuditEvent
from appliance.domain.records import Actor
from appliance.ports import Sealer
from tests.accounts import bwc_argv, unseal_tree
from tests.conftest import DEMO_PINS


def why_not() -> str:
    if os.geteuid() != 0 or not has_capability(CAP_LINUX_IMMUTABLE):
        return "needs root (CAP_LINUX_IMMUTABLE) to seal files"
    return ""


pytestmark = pytest.mark.skipif(bool(why_not()), reason=why_not() or "ok")

SYSTEM = Actor("test:system", "system", "DEMO01")


@pytest.fixture
def sealed_home(tmp_path: Path) -> Iterator[Path]:
    """A home under tmp_path whose flags are cleared afterwards (else pytest cannot remove it)."""
    home = tmp_path / "home"
    yield home
    unseal_tree(home)
    # The clean-up works: what was immutable is now removable.
    shutil.rmtree(home)
    assert not home.exists()


def sealing_supported(directory: Path) -> bool:
    probe = directory / "probe"
    probe.write_bytes(b"")
    try:
        return is_immutable(probe) is not None
    finally:
        probe.unlink()


def card(root: Path, count: int) -> Path:
    clips = root / "DCIM" / "100MEDIA"
    clips.mkdir(parents=True)
    for index in range(count):
        (clips / f"VID_{index:04d}.MP4").write_bytes(os.urandom(3000 + index))
    return root


def services_with(home: Path, clock: SettableClock, sealer: Sealer) -> Services:
    seeded, _ = make_home(home, language="en", clock=clock, pins=DEMO_PINS)
    seeded.close()
    return build_services(seeded.settings, clock=clock, sealer=sealer)


def seal_events(services: Services) -> list[AuditEvent]:
    return [e for e in reversed(services.store.audit_log.recent(500)) if e.action == "archive_seal"]


def detail(event: AuditEvent) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(event.detail_json)
    return loaded


def archived_paths(services: Services) -> list[Path]:
    archive = services.offload.archive
    return [archive.path_for(sha256) for sha256 in archive.contents()]


def test_an_offload_seals_its_clips_and_not_even_root_can_change_them(
    sealed_home: Path, tmp_path: Path, clock: SettableClock
) -> None:
    if not sealing_supported(tmp_path):
        pytest.skip("the tmp file system has no immutable flag")
    services = services_with(sealed_home, clock, IoctlSealer())
    source = card(tmp_path / "card", 4)

    progress = services.offload.run(MassStorageDriver(source, "DSJ-A002"), clear=False)

    assert progress.state == "done" and progress.clips_new == 4
    paths = archived_paths(services)
    assert len(paths) == 4 and all(is_immutable(p) for p in paths)
    lsattr = subprocess.run(["lsattr", *map(str, paths)], capture_output=True, text=True)
    assert all(line.split()[0][4] == "i" for line in lsattr.stdout.splitlines())
    victim = paths[0]
    # Art. 11: nobody cuts or changes an original, root included.
    for attempt in (
        victim.unlink,
        lambda: open(victim, "r+b").close(),
        lambda: victim.chmod(0o640),
        lambda: victim.rename(victim.with_name("elsewhere")),
        lambda: os.link(victim, victim.with_name("second-name")),
    ):
        with pytest.raises(PermissionError) as raised:
            attempt()
        assert raised.value.errno == errno.EPERM
    (event,) = seal_events(services)
    assert (event.object_type, event.object_id, event.outcome) == ("offload_job", "1", "ok")
    assert (detail(event)["sealed"], detail(event)["already"]) == (4, 0)

    # The same card again: its clips are already archived and already sealed.
    again = services.offload.run(MassStorageDriver(source, "DSJ-A002"), clear=False)
    assert again.clips_existing == 4
    assert (
        detail(seal_events(services)[-1])["sealed"],
        detail(seal_events(services)[-1])["already"],
    ) == (0, 4)
    # Fixity, reconciliation and the audit verify read immutable files as any others.
    assert services.fixity.verify(SYSTEM).clean
    found = services.offload.reconcile()
    assert found.archive_scanned and not found.quarantined and not found.missing
    assert services.audit.verify(SYSTEM).clean


def test_without_the_flag_the_clip_is_archived_and_not_sealable_here(
    tmp_path: Path, clock: SettableClock
) -> None:
    """ramfs links files but has no immutable flag (tmpfs has had one since Linux 6.0)."""
    mount = tmp_path / "ramfs"
    mount.mkdir()
    subprocess.run(["mount", "-t", "ramfs", "ramfs", str(mount)], check=True)
    try:
        services = services_with(mount / "home", clock, IoctlSealer())
        progress = services.offload.run(
            MassStorageDriver(card(tmp_path / "card", 2), "DSJ-A002"), clear=False
        )
        assert progress.state == "done" and progress.clips_new == 2, progress.error
        assert all(is_immutable(p) is None for p in archived_paths(services))
        (event,) = seal_events(services)
        assert event.outcome == "unsupported"
        assert detail(event)["unsupported"] == 2
        assert detail(event)["reason"] == "not_supported_by_file_system"
        assert services.store.alarms.open_alarms("seal_failed") == []
        assert services.audit.verify(SYSTEM).clean
    finally:
        services.close()
        # Lazily: a worker thread's connection may hold the database open until collected.
        subprocess.run(["umount", "--lazy", str(mount)], check=True)


def test_a_seal_that_fails_is_an_alarm_and_never_a_lost_clip(
    sealed_home: Path, tmp_path: Path, clock: SettableClock
) -> None:
    if not sealing_supported(tmp_path):
        pytest.skip("the tmp file system has no immutable flag")
    asked: list[list[str]] = []

    def refusing_systemctl(argv: list[str]) -> tuple[int, str]:
        asked.append(argv)
        return 1, "Interactive authentication required."

    services = services_with(sealed_home, clock, HelperSealer(run=refusing_systemctl))
    progress = services.offload.run(
        MassStorageDriver(card(tmp_path / "card", 3), "DSJ-A002"), clear=False
    )

    assert progress.state == "done" and progress.clips_new == 3
    assert services.fixity.verify(SYSTEM).clean
    # One helper run for the whole job, not one per file.
    assert len(asked) == 1 and asked[0][:2] == ["systemctl", "start"]
    (event,) = seal_events(services)
    assert (event.outcome, detail(event)["failed"]) == ("failed", 3)
    assert "Interactive authentication required" in str(detail(event)["reason"])
    (alarm,) = services.store.alarms.open_alarms("seal_failed")
    assert (alarm.severity, alarm.subject, alarm.detail["failed"]) == (
        "warning",
        "offload_job 1",
        3,
    )
    assert services.audit.verify(SYSTEM).clean


def test_the_helper_request_runs_bwc_seal_and_the_flags_are_read_back(
    sealed_home: Path, tmp_path: Path, clock: SettableClock
) -> None:
    """The dock's HelperSealer, with the unit's ExecStart run directly in place of systemd."""
    if not sealing_supported(tmp_path):
        pytest.skip("the tmp file system has no immutable flag")
    instances: list[str] = []

    def bwc_seal_as_the_unit_would(argv: list[str]) -> tuple[int, str]:
        unit = argv[-1]
        assert unit.startswith("bwc-seal@") and unit.endswith(".service")
        instance = unit.removeprefix("bwc-seal@").removesuffix(".service")
        instances.append(instance)
        command, env = bwc_argv("--home", str(sealed_home), "seal", "--request", instance)
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        return done.returncode, done.stderr

    services = services_with(sealed_home, clock, HelperSealer(run=bwc_seal_as_the_unit_would))
    services.offload.run(MassStorageDriver(card(tmp_path / "card", 3), "DSJ-A002"), clear=False)

    assert all(is_immutable(p) for p in archived_paths(services))
    sweep, job = seal_events(services)
    assert (sweep.object_type, sweep.actor, detail(sweep)["sealed"]) == ("archive", "os:root", 3)
    assert detail(sweep)["request"] == instances[0]
    assert (job.object_type, job.outcome, detail(job)["sealed"]) == ("offload_job", "ok", 3)


def test_a_request_reads_only_the_directories_changed_since_its_files_were_linked(
    sealed_home: Path, tmp_path: Path, clock: SettableClock
) -> None:
    """The dock's request costs one fstat per directory; IT's full `bwc seal` reads them all."""
    if not sealing_supported(tmp_path):
        pytest.skip("the tmp file system has no immutable flag")
    services = services_with(sealed_home, clock, NoSealer("sealing_off"))
    services.offload.run(MassStorageDriver(card(tmp_path / "old", 3), "DSJ-A001"), clear=False)
    old = archived_paths(services)
    for path in old:  # linked long ago, and never sealed
        os.utime(path.parent, (1_600_000_000, 1_600_000_000))

    def bwc_seal(argv: list[str]) -> tuple[int, str]:
        request = argv[-1].removeprefix("bwc-seal@").removesuffix(".service")
        command, env = bwc_argv("--home", str(sealed_home), "seal", "--request", request)
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        return done.returncode, done.stderr

    helped = build_services(services.settings, clock=clock, sealer=HelperSealer(run=bwc_seal))
    helped.offload.run(MassStorageDriver(card(tmp_path / "new", 2), "DSJ-A002"), clear=False)

    new = [p for p in archived_paths(helped) if p not in old]
    assert len(new) == 2 and all(is_immutable(p) for p in new)
    untouched = [p for p in old if p.parent not in {n.parent for n in new}]
    assert untouched and not any(is_immutable(p) for p in untouched)
    sweep = seal_events(services)[-2]
    assert sweep.object_type == "archive" and isinstance(detail(sweep)["since"], int)
    command, env = bwc_argv("--home", str(sealed_home), "seal")
    assert subprocess.run(command, env=env, capture_output=True, check=False).returncode == 0
    assert all(is_immutable(p) for p in old)


def test_bwc_seal_walks_only_content_files_and_follows_no_link(
    sealed_home: Path, tmp_path: Path, clock: SettableClock
) -> None:
    if not sealing_supported(tmp_path):
        pytest.skip("the tmp file system has no immutable flag")
    services = services_with(sealed_home, clock, NoSealer("sealing_off"))
    services.offload.run(MassStorageDriver(card(tmp_path / "card", 2), "DSJ-A002"), clear=False)
    shard = archived_paths(services)[0].parent
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"not footage")
    (shard / ("a" * 64)).symlink_to(outside)
    os.mkfifo(shard / ("b" * 64))
    (shard / "notes.txt").write_bytes(b"not a content name")
    # A shard-named link to a directory outside: never entered.
    root = sealed_home / "archive" / "sha256"
    spare = next(f"{n:02x}" for n in range(256) if not (root / f"{n:02x}").exists())
    (root / spare).symlink_to(tmp_path)

    command, env = bwc_argv("--home", str(sealed_home), "--json", "seal")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=60)

    counts = json.loads(done.stdout)
    assert (counts["sealed"], counts["failed"]) == (2, 2)
    # The link is not followed, the FIFO does not block, other names are not touched.
    assert is_immutable(outside) is False
    assert is_immutable(shard / "notes.txt") is False
    assert done.returncode == 1  # something could not be sealed: an alarm for a person
    assert [a.kind for a in services.store.alarms.open_alarms("seal_failed")] == ["seal_failed"]


def test_the_sealer_follows_kiosk_toml(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, config_path=tmp_path / "kiosk.toml")
    assert isinstance(configured_sealer(settings), IoctlSealer)  # root holds the capability
    helper = configured_sealer(Settings(tmp_path, tmp_path / "k", seal="helper"))
    assert isinstance(helper, HelperSealer)
    off = configured_sealer(Settings(tmp_path, tmp_path / "k", seal="off"))
    assert isinstance(off, NoSealer) and off.reason == "sealing_off"
    # A demo home stays removable, whatever its kiosk.toml says.
    demo = configured_sealer(Settings(tmp_path, tmp_path / "k", seal="auto", demo=True))
    assert isinstance(demo, NoSealer)


def test_demo_homes_are_never_sealed(demo: tuple[Services, dict[str, DemoBadge]]) -> None:
    services, _ = demo
    assert 'seal = "off"' in services.settings.config_path.read_text()


def test_a_malformed_request_is_one_line_of_bad_input(
    sealed_home: Path, clock: SettableClock
) -> None:
    services = services_with(sealed_home, clock, NoSealer("sealing_off"))
    command, env = bwc_argv("--home", str(sealed_home), "seal", "--request", "../../etc")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr == "A seal request name is 1 to 32 lower-case letters, digits or '-'.\n"
    assert seal_events(services) == []
