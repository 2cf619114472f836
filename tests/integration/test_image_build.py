"""The image build's refusals, run by images/build.sh itself on temporary inventories and trees.

Issue 15: the build refuses without a GRUB superuser password from the inventory (item 2) and
refuses a tree holding a private key (item 4), before anything is built or packed. The real
script runs (`images/build.sh preflight`, `images/build.sh check-tree`); neither stage needs root
or the build tools.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.accounts import ROOT

BUILD_SH = ROOT / "images" / "build.sh"
EXAMPLE = ROOT / "inventory" / "example"
ANSIBLE_INVENTORY = Path(sys.executable).parent / "ansible-inventory"

pytestmark = pytest.mark.skipif(
    not ANSIBLE_INVENTORY.exists(), reason="ansible-inventory is not installed in the environment"
)


def build(stage: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(BUILD_SH), stage],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "HOME": "/nonexistent", **env},
        check=False,
    )


def grub_hash(password: str) -> str:
    """What grub-mkpasswd-pbkdf2 prints for password (PBKDF2-HMAC-SHA512, 64-byte salt)."""
    salt = hashlib.sha256(password.encode()).digest() * 2
    digest = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, 1000, 64)
    return f"grub.pbkdf2.sha512.1000.{salt.hex().upper()}.{digest.hex().upper()}"


def inventory(tmp_path: Path, hash_value: str | None) -> Path:
    """A copy of the example inventory with another GRUB password hash (None: without one)."""
    copy = tmp_path / "inventory"
    shutil.copytree(EXAMPLE, copy)
    group_vars = copy / "group_vars" / "kiosks" / "main.yml"
    lines = [
        line
        for line in group_vars.read_text(encoding="utf-8").splitlines()
        if not line.startswith("kiosk_boot_grub_password_hash:")
    ]
    assert len(lines) == len(group_vars.read_text(encoding="utf-8").splitlines()) - 1
    if hash_value is not None:
        # A JSON string is a YAML string.
        lines.append(f"kiosk_boot_grub_password_hash: {json.dumps(hash_value)}")
    group_vars.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return copy


def refusal(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_the_example_inventory_has_a_grub_password() -> None:
    result = build("preflight")
    assert result.returncode == 0, result.stderr
    assert "preflight: kiosk-ga-0101 has a GRUB password" in result.stdout


def test_a_build_without_a_grub_password_is_refused(tmp_path: Path) -> None:
    copy = inventory(tmp_path, None)
    line = refusal(build("preflight", IMAGE_INVENTORY=str(copy)))
    assert line.startswith("build.sh: no GRUB password: set kiosk_boot_grub_password_hash")


def test_an_empty_grub_password_is_refused(tmp_path: Path) -> None:
    copy = inventory(tmp_path, "")
    line = refusal(build("preflight", IMAGE_INVENTORY=str(copy)))
    assert "no GRUB password" in line


@pytest.mark.parametrize(
    "value",
    ["hunter2", "grub.pbkdf2.sha512.10000.abc", "grub.pbkdf2.sha512.10000.ABC.DEF\nset x=1"],
)
def test_a_grub_password_that_is_not_a_pbkdf2_hash_is_refused(tmp_path: Path, value: str) -> None:
    copy = inventory(tmp_path, value)
    line = refusal(build("preflight", IMAGE_INVENTORY=str(copy)))
    assert line == (
        "build.sh: kiosk_boot_grub_password_hash of kiosk-ga-0101"
        " is not a grub-mkpasswd-pbkdf2 hash"
    )


def test_a_pbkdf2_hash_of_the_bureau_is_accepted(tmp_path: Path) -> None:
    copy = inventory(tmp_path, grub_hash("the bureau's own"))
    result = build("preflight", IMAGE_INVENTORY=str(copy))
    assert result.returncode == 0, result.stderr


def tree(tmp_path: Path) -> Path:
    """A small tree shaped like an image: configuration, a data home with public keys only."""
    root = tmp_path / "tree"
    for directory in ("etc/ssh", "var/lib/bwc/keys", "opt/bwc/venv/lib", "usr/share/doc"):
        (root / directory).mkdir(parents=True)
    (root / "etc/ssh/sshd_config").write_text("PermitRootLogin no\n", encoding="ascii")
    (root / "etc/ssh/ssh_host_ed25519_key.pub").write_text("ssh-ed25519 AAAA\n", encoding="ascii")
    (root / "var/lib/bwc/keys/audit.pub").write_text("MCowBQYDK2VwAyEA\n", encoding="ascii")
    (root / "usr/share/doc/keys.txt").write_text("a document about keys\n", encoding="ascii")
    return root


def test_a_tree_without_private_keys_passes(tmp_path: Path) -> None:
    root = tree(tmp_path)
    result = build("check-tree", IMAGE_TREE=str(root))
    assert result.returncode == 0, result.stderr
    assert f"check-tree: no private key in {root}" in result.stdout


@pytest.mark.parametrize(
    ("path", "content"),
    [
        # The unit's keys made by a `bwc init` in the build: shared by every box of the image.
        ("var/lib/bwc/keys/audit.key", "raw key bytes"),
        ("etc/ssl/private/ssl-cert-snakeoil.key", "-----BEGIN PRIVATE KEY-----\n"),
        ("etc/ssh/ssh_host_ed25519_key", "-----BEGIN OPENSSH PRIVATE KEY-----\n"),
        ("root/client.pem", "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n"),
    ],
)
def test_a_tree_holding_a_private_key_is_refused(tmp_path: Path, path: str, content: str) -> None:
    root = tree(tmp_path)
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(content, encoding="ascii")
    line = refusal(build("check-tree", IMAGE_TREE=str(root)))
    prefix = "build.sh: private keys in the image tree (they would be on every box)"
    assert line == f"{prefix}: ./{path}"


def test_every_private_key_of_a_tree_is_named(tmp_path: Path) -> None:
    root = tree(tmp_path)
    (root / "var/lib/bwc/keys/audit.key").write_text("x", encoding="ascii")
    (root / "var/lib/bwc/keys/label.key").write_text("x", encoding="ascii")
    line = refusal(build("check-tree", IMAGE_TREE=str(root)))
    assert line.endswith("./var/lib/bwc/keys/audit.key ./var/lib/bwc/keys/label.key")
