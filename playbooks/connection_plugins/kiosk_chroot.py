"""Provides the kiosk_chroot connection: run play tasks inside an image tree on the build host."""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Any

from ansible.errors import AnsibleConnectionFailure, AnsibleFileNotFound
from ansible.plugins.connection import ConnectionBase

DOCUMENTATION = """
name: kiosk_chroot
short_description: Apply a play to a root file system tree with chroot(8)
description:
  - Runs every command as root inside a directory on the controller with C(chroot).
  - The image build (images/build.sh) uses it to converge the appliance image; it needs root.
author: bwc-kiosk
options:
  chroot_path:
    description: The root directory of the tree.
    type: path
    required: true
    vars:
      - name: kiosk_chroot_path
"""

# The tree has its own /bin/sh; commands never run through the build host's shell.
_SHELL = "/bin/sh"
_CHUNK = 1 << 16


class Connection(ConnectionBase):
    """A connection whose 'remote host' is a directory tree on the controller."""

    transport = "kiosk_chroot"
    has_pipelining = True
    has_tty = False
    default_user = "root"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._root = ""
        self._chroot = shutil.which("chroot") or "/usr/sbin/chroot"

    def _connect(self) -> Connection:
        if not self._connected:
            root = os.path.realpath(str(self.get_option("chroot_path")))
            if os.geteuid() != 0:
                raise AnsibleConnectionFailure("kiosk_chroot needs root on the build host")
            if not os.access(os.path.join(root, _SHELL.lstrip("/")), os.X_OK):
                raise AnsibleConnectionFailure(f"{root} has no {_SHELL}: not a root tree")
            self._root = root
            self._connected = True
        return self

    def _run(self, argv: list[str], stdin: Any = None) -> subprocess.CompletedProcess[bytes]:
        command = [self._chroot, self._root, *argv]
        # S603: an argument vector built here, never a shell string from the host.
        return subprocess.run(command, stdin=stdin, capture_output=True, check=False)  # noqa: S603

    def exec_command(
        self, cmd: str, in_data: bytes | None = None, sudoable: bool = True
    ) -> tuple[int, bytes, bytes]:
        super().exec_command(cmd, in_data=in_data, sudoable=sudoable)
        self._connect()
        command = [self._chroot, self._root, _SHELL, "-c", cmd]
        # S603: the command string is interpreted by the tree's shell, as ssh would on a host.
        process = subprocess.run(  # noqa: S603
            command,
            input=in_data,
            stdin=None if in_data is not None else subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
        return process.returncode, process.stdout, process.stderr

    def put_file(self, in_path: str, out_path: str) -> None:
        super().put_file(in_path, out_path)
        self._connect()
        if not os.path.isfile(in_path):
            raise AnsibleFileNotFound(f"no such file to copy: {in_path}")
        # dd runs inside the tree, so symlinks in out_path resolve against the tree, not the host.
        with open(in_path, "rb") as source:
            done = self._run(["dd", f"of={out_path}", f"bs={_CHUNK}", "status=none"], source)
        if done.returncode != 0:
            raise AnsibleConnectionFailure(f"cannot write {out_path}: {done.stderr!r}")

    def fetch_file(self, in_path: str, out_path: str) -> None:
        super().fetch_file(in_path, out_path)
        self._connect()
        done = self._run(["dd", f"if={in_path}", f"bs={_CHUNK}", "status=none"])
        if done.returncode != 0:
            raise AnsibleConnectionFailure(f"cannot read {in_path}: {done.stderr!r}")
        with open(out_path, "wb") as target:
            target.write(done.stdout)

    def close(self) -> None:
        self._connected = False
