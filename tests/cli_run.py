"""Provides the real `bwc` process for the failure tests, and the one-line checks on it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from appliance import config
from appliance.bootstrap import open_services
from appliance.domain.audit import AuditEvent
from appliance.domain.records import Actor

# Byte-code cached in a private prefix (start-up is most of a short command's time).
_PYCACHE = Path(os.environ.get("TMPDIR", "/tmp")) / f"bwc-test-pycache-{os.getuid()}"


def env() -> dict[str, str]:
    """The environment for `bwc`: no BWC_HOME from outside, byte-code cached, UTF-8."""
    kept = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "BWC_HOME")}
    return {**kept, "PYTHONPYCACHEPREFIX": str(_PYCACHE), "LANG": "C.UTF-8"}


def bwc(*argv: str, stdin: str | bytes | None = "", closed_stdin: bool = False) -> Result:
    """Run `python -m appliance argv…`; stdin None means an empty one, closed_stdin fd 0 shut."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    done = subprocess.run(
        [sys.executable, "-m", "appliance", *argv],
        input=None if closed_stdin else (data or b""),
        stdin=subprocess.DEVNULL if closed_stdin else None,
        capture_output=True,
        env=env(),
        check=False,
        timeout=120,
        # Standard input closed, not merely empty: the child starts with no fd 0.
        preexec_fn=(lambda: os.close(0)) if closed_stdin else None,
    )
    return Result(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


class Result:
    """What a `bwc` run gave back."""

    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr

    def failure(self, code: int) -> str:
        """Assert it failed with code and said so in exactly one line on stderr; that line."""
        assert self.code == code, (self.code, self.stdout, self.stderr)
        assert "Traceback" not in self.stderr and "Internal error" not in self.stderr
        lines = self.stderr.splitlines()
        assert len(lines) == 1 and self.stderr.endswith("\n"), self.stderr
        assert "\x1b" not in self.stderr
        return lines[0]

    def __repr__(self) -> str:
        return f"Result({self.code}, {self.stdout!r}, {self.stderr!r})"


def events(home: Path) -> list[AuditEvent]:
    """The home's audit log as it stands (read in this process, then closed)."""
    services = open_services(config.load(home, home / "kiosk.toml"))
    try:
        return list(services.store.audit_log.iterate())
    finally:
        services.close()


def verify_clean(home: Path) -> None:
    """Assert the chain, the state bound to it and the archive are all consistent."""
    services = open_services(config.load(home, home / "kiosk.toml"))
    try:
        result = services.audit.verify(Actor("test", "system", services.settings.unit_code))
        assert result.clean, result
    finally:
        services.close()
