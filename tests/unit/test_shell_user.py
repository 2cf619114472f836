"""Who acts from a shell is the kernel's word, never the environment's (DESIGN §6)."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import pytest

from appliance.cli.output import os_actor
from appliance.shell_user import (
    UNSET_LOGINUID,
    ancestor_uids,
    answering_uid,
    read_login_uid,
    shell_user,
    uid_name,
)

FORGED_ENV = {
    "LOGNAME": "mallory",
    "USER": "mallory",
    "USERNAME": "mallory",
    "SUDO_USER": "mallory",
    "SUDO_UID": "4242",
}
NOBODY = pwd.getpwnam("nobody").pw_uid
NOGROUP = pwd.getpwnam("nobody").pw_gid


def fake_proc(root: Path, login_uid: int, chain: list[tuple[int, int, int]]) -> Path:
    """A /proc with `self` and the given (pid, ppid, real uid) processes, nearest first."""
    (root / "self").mkdir(parents=True)
    (root / "self" / "loginuid").write_text(str(login_uid))
    first_parent = chain[0][0] if chain else 0
    (root / "self" / "status").write_text(f"Name:\tbwc\nPPid:\t{first_parent}\nUid:\t0\t0\t0\t0\n")
    for pid, ppid, uid in chain:
        (root / str(pid)).mkdir()
        status = f"Name:\tx\nPPid:\t{ppid}\nUid:\t{uid}\t0\t0\t0\n"
        (root / str(pid) / "status").write_text(status)
    return root


def test_a_process_not_running_as_root_answers_for_itself() -> None:
    assert answering_uid(1000, 2000, [3000]) == 1000


def test_root_with_a_login_names_who_logged_in() -> None:
    """Logged in as 1000 (pam_loginuid), then sudo or su: 1000 answers, whatever the env."""
    assert answering_uid(0, 1000, [0, 0, 1000]) == 1000
    assert answering_uid(0, 0, [1000]) == 0  # logged in as root itself


def test_root_without_a_login_names_the_nearest_other_uid_above_it() -> None:
    """No login session (a container): the shell that ran the set-uid sudo answers."""
    assert answering_uid(0, None, [0, 0, 1000, 2000]) == 1000
    assert answering_uid(0, None, [0, 0]) == 0
    assert answering_uid(0, None, []) == 0


def test_proc_is_read_for_the_login_uid_and_the_ancestry(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path / "a", UNSET_LOGINUID, [(40, 30, 0), (30, 20, 0), (20, 1, NOBODY)])
    assert read_login_uid(proc) is None
    assert list(ancestor_uids(proc)) == [0, 0, NOBODY]
    assert shell_user(lambda: 0, proc) == "nobody"
    logged_in = fake_proc(tmp_path / "b", 0, [(40, 1, NOBODY)])
    assert read_login_uid(logged_in) == 0
    assert shell_user(lambda: 0, logged_in) == "root"


def test_unreadable_proc_falls_back_to_root(tmp_path: Path) -> None:
    assert read_login_uid(tmp_path / "none") is None
    assert list(ancestor_uids(tmp_path / "none")) == []
    assert shell_user(lambda: 0, tmp_path / "none") == "root"


def test_a_uid_without_a_name_is_its_number() -> None:
    unnamed = next(uid for uid in range(54321, 60000) if not _has_name(uid))
    assert uid_name(unnamed) == str(unnamed)


def _has_name(uid: int) -> bool:
    try:
        pwd.getpwuid(uid)
    except KeyError:
        return False
    return True


@pytest.mark.skipif(os.getuid() != 0, reason="needs root to become nobody")
def test_forged_environment_changes_nothing_as_root_or_as_nobody(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """LOGNAME, USER, USERNAME, SUDO_USER are ignored; a child that drops to nobody is nobody."""
    for name, value in FORGED_ENV.items():
        monkeypatch.setenv(name, value)
    assert os_actor("U01").actor_id == "os:root"
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover -- runs in the forked child
        try:
            os.close(read_end)
            os.setgid(NOGROUP)
            os.setuid(NOBODY)
            os.write(write_end, os_actor("U01").actor_id.encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        answer = pipe.read().decode()
    os.waitpid(child, 0)
    assert answer == "os:nobody"
