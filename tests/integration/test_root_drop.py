"""A root-run `bwc` on a home of another user: it becomes the owner, or refuses (DESIGN §6).

Real processes, as root, on a home that belongs to `nobody` (as the box's belongs to `bwc`):
afterwards every file in the home still belongs to its owner, so the service can write it.
"""

from __future__ import annotations

import json
import os
import pwd
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance import config
from appliance.adapters.seal import is_immutable
from appliance.bootstrap import build_services
from appliance.domain.audit import AuditEvent
from tests.accounts import owners, run_bwc, shared_tmp, unseal_tree, why_not_as_others

pytestmark = pytest.mark.skipif(bool(why_not_as_others()), reason=why_not_as_others() or "ok")


@pytest.fixture
def nobody() -> pwd.struct_passwd:
    return pwd.getpwnam("nobody")


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    with shared_tmp("bwc-owner-") as base:
        yield base


@pytest.fixture
def home(shared: Path, nobody: pwd.struct_passwd) -> Path:
    """An empty home that belongs to nobody (kiosk_base makes /var/lib/bwc so for bwc)."""
    home = shared / "home"
    home.mkdir(mode=0o770)
    os.chown(home, nobody.pw_uid, nobody.pw_gid)
    return home


def events(home: Path) -> list[AuditEvent]:
    """The audit events, oldest first (read in this process, after the owners were checked)."""
    services = build_services(config.load(home, home / "kiosk.toml"))
    try:
        return list(reversed(services.store.audit_log.recent(1000)))
    finally:
        services.close()


def detail(event: AuditEvent) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(event.detail_json)
    return loaded


def test_root_run_commands_become_the_owner_and_leave_no_root_file(
    home: Path, nobody: pwd.struct_passwd
) -> None:
    """Every command worked, and every file in the home still belongs to nobody."""
    h = ("--home", str(home))
    init = run_bwc(*h, "init", "--unit-code", "U01", "--unit-name", "城关中队", "--language", "en")
    assert init.returncode == 0, init.stderr
    added = run_bwc(
        *h, "officer", "add", "--badge", "1001", "--name", "Zhang", "--role", "officer",
        stdin="123456\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    device = run_bwc(*h, "device", "add", "--serial", "DSJ-001", "--brand", "Hik", "--model", "M")
    assert device.returncode == 0, device.stderr
    label = home / "exports" / "badge-1001.png"
    assert run_bwc(*h, "label", "badge", "1001", "--out", str(label)).returncode == 0
    assert run_bwc(*h, "audit", "verify").returncode == 0
    listed = run_bwc(*h, "--json", "device", "list")
    assert '"DSJ-001"' in listed.stdout

    assert owners(home) == {(nobody.pw_uid, nobody.pw_gid)}
    # umask 007: what the process wrote is nobody's and its group's only.
    assert stat.S_IMODE(label.stat().st_mode) == 0o660
    # The actor is whoever ran the command (root), not the account it became.
    assert {e.actor for e in events(home) if e.actor.startswith("os:")} == {"os:root"}


def test_seal_keeps_root_for_the_flag_and_writes_the_home_as_its_owner(
    home: Path, shared: Path, nobody: pwd.struct_passwd
) -> None:
    """`bwc offload` as root runs as nobody (who cannot seal); `bwc seal` seals as root."""
    h = ("--home", str(home))
    init = run_bwc(*h, "init", "--unit-code", "U01", "--unit-name", "U", "--language", "en")
    assert init.returncode == 0, init.stderr
    card = shared / "card" / "DCIM" / "100MEDIA"
    card.mkdir(parents=True)
    for index in range(3):
        (card / f"VID_{index:04d}.MP4").write_bytes(os.urandom(4096 + index))
    source = str(card.parents[1])
    offload = run_bwc(*h, "offload", "--device", "DSJ-001", "--source", source, "--no-clear")
    assert offload.returncode == 0, offload.stderr
    archived = [p for p in (home / "archive" / "sha256").rglob("*") if p.is_file()]
    assert len(archived) == 3
    assert not any(is_immutable(p) for p in archived)

    try:
        sealed = run_bwc(*h, "--json", "seal")
        assert sealed.returncode == 0, sealed.stderr
        assert '"sealed": 3' in sealed.stdout
        assert all(is_immutable(p) for p in archived)
        assert owners(home) == {(nobody.pw_uid, nobody.pw_gid)}
        seals = [e for e in events(home) if e.action == "archive_seal"]
        # The job's own request could not seal (nobody has no CAP_LINUX_IMMUTABLE) and says
        # so; the sweep sealed all three. Counts, never one event per file.
        assert [(e.object_type, e.outcome, detail(e)["sealed"]) for e in seals] == [
            ("offload_job", "unsupported", 0),
            ("archive", "ok", 3),
        ]
        assert detail(seals[0])["reason"] == "no_privilege"
        assert seals[1].actor == "os:root"
    finally:
        unseal_tree(home)


def test_seal_refuses_a_user_who_is_not_root_in_one_audited_line(
    home: Path, nobody: pwd.struct_passwd
) -> None:
    h = ("--home", str(home))
    assert run_bwc(*h, "init", "--unit-code", "U01", "--unit-name", "U").returncode == 0

    refused = run_bwc(*h, "seal", user="nobody")

    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "sudo bwc seal" in refused.stderr
    last = events(home)[-1]
    assert (last.action, last.outcome, detail(last)["reason"]) == (
        "archive_seal",
        "refused",
        "seal_needs_root",
    )
    assert last.actor == "os:nobody"


def test_a_home_whose_owner_has_no_account_is_refused_before_anything_is_written(
    home: Path,
) -> None:
    h = ("--home", str(home))
    assert run_bwc(*h, "init", "--unit-code", "U01", "--unit-name", "U").returncode == 0
    stray_uid = 2_000_000_123
    for path in [home, *home.rglob("*")]:
        os.lchown(path, stray_uid, stray_uid)
    before = sorted((str(p), p.lstat().st_mtime_ns) for p in home.rglob("*"))

    refused = run_bwc(*h, "device", "add", "--serial", "S1", "--brand", "B", "--model", "M")

    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and str(stray_uid) in refused.stderr
    assert sorted((str(p), p.lstat().st_mtime_ns) for p in home.rglob("*")) == before
    assert owners(home) == {(stray_uid, stray_uid)}
