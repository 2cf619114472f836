"""Provides the image boot test's machine: qemu with OVMF and swtpm, its serial console, QMP.

Used by images/boot_test.py. The machine is a q35 with SMM and the Secure Boot OVMF whose
variables have Microsoft's keys enrolled (OVMF_VARS_4M.ms.fd), a TPM 2.0 from swtpm, the image
on the first virtio disk and an empty data disk on the second.
"""

from __future__ import annotations

import codecs
import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

PANIC = "Kernel panic - not syncing"
OVMF_CODE = Path("/usr/share/OVMF/OVMF_CODE_4M.ms.fd")
OVMF_VARS = Path("/usr/share/OVMF/OVMF_VARS_4M.ms.fd")
# The EFI's terminal on the serial port speaks ANSI: cursor moves and colours, no text.
ANSI = re.compile(r"\x1b\[[0-9;:=?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>78]")


class GuestPanic(RuntimeError):
    """The guest kernel panicked; under TCG that is occasionally the emulator, so boot again."""


def tool(name: str) -> str:
    """The absolute path of a host tool, or exit with the package to install."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if not found:
        sys.exit(
            f"boot_test: {name} is missing"
            " (apt-get install qemu-system-x86 ovmf swtpm swtpm-tools e2fsprogs mtools zstd)"
        )
    return found


def run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a host tool."""
    # S603: every argument vector here is built by this script, no shell.
    return subprocess.run(argv, check=True, text=True, capture_output=True)  # noqa: S603


class Serial:
    """The guest's serial console over qemu's stdio: a line buffer and a shell on it."""

    def __init__(self, process: subprocess.Popen[bytes], transcript: Path) -> None:
        if process.stdin is None or process.stdout is None:
            raise ValueError("qemu needs piped stdin and stdout")
        self._in = process.stdin
        self._out = process.stdout
        self._buffer = ""
        self._lock = threading.Condition()
        self._log = transcript.open("w", encoding="utf-8", errors="replace")
        threading.Thread(target=self._pump, daemon=True).start()
        self._count = 0
        self._closed = False

    def _pump(self) -> None:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        while chunk := self._out.read1(4096):
            text = ANSI.sub("", decoder.decode(chunk)).replace("\r", "")
            self._log.write(text)
            self._log.flush()
            with self._lock:
                self._buffer += text
                self._lock.notify_all()
        with self._lock:
            self._closed = True
            self._lock.notify_all()

    def wait_for(self, pattern: str, timeout: float) -> re.Match[str]:
        """Wait until the output (since the last match) matches pattern."""
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern, re.S)
        with self._lock:
            while True:
                found = regex.search(self._buffer)
                if found:
                    self._buffer = self._buffer[found.end() :]
                    return found
                if PANIC in self._buffer:
                    raise GuestPanic("the guest kernel panicked (see boot-test-console.log)")
                if self._closed:
                    raise TimeoutError("qemu exited")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no {pattern!r} on the serial console in {timeout:.0f} s")
                self._lock.wait(left)

    def seen(self, pattern: str) -> bool:
        """True when the output not yet consumed by wait_for matches pattern."""
        with self._lock:
            return re.search(pattern, self._buffer, re.S) is not None

    def send(self, text: str) -> None:
        """Type text into the console."""
        self._in.write(text.encode("utf-8"))
        self._in.flush()

    def shell(self, command: str, timeout: float = 120) -> tuple[int, str]:
        """Run command in the guest's shell; (exit status, output)."""
        self._count += 1
        start, end = f"@@S{self._count}@@", f"@@E{self._count}@@"
        # The markers are printed split in two so the echoed command line never matches.
        self.send(
            f"printf '%s%s\\n' '@@S{self._count}' '@@'; {command}; "
            f"printf '%s%s %s\\n' '@@E{self._count}' '@@' \"$?\"\n"
        )
        found = self.wait_for(re.escape(start) + r"\n(.*?)" + re.escape(end) + r" (\d+)\n", timeout)
        return int(found.group(2)), found.group(1).strip()


class Monitor:
    """QMP on a unix socket: screendumps."""

    def __init__(self, path: Path) -> None:
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        for _ in range(100):
            try:
                self._socket.connect(str(path))
                break
            except OSError:
                time.sleep(0.1)
        self._file = self._socket.makefile("rwb")
        self._read()
        self.command("qmp_capabilities")

    def _read(self) -> dict[str, object]:
        while True:
            reply: dict[str, object] = json.loads(self._file.readline())
            if "event" not in reply:
                return reply

    def command(self, name: str, **arguments: object) -> dict[str, object]:
        """Execute a QMP command and return its reply."""
        message = {"execute": name, "arguments": arguments} if arguments else {"execute": name}
        self._file.write(json.dumps(message).encode() + b"\n")
        self._file.flush()
        return self._read()

    def press(self, key: str) -> None:
        """Press and release one key on the machine's keyboard (a QEMU key code: "ret")."""
        self.command("send-key", keys=[{"type": "qcode", "data": key}])

    def screendump(self, target: Path) -> Image.Image:
        """The current screen."""
        self.command("screendump", filename=str(target))
        with Image.open(target) as image:
            return image.convert("RGB")


def looks_like_the_ui(image: Image.Image) -> bool:
    """True once cage has the screen in graphics mode and the UI has drawn something on it.

    Text mode (boot messages) is 720x400; a blank terminal has one or two colours.
    """
    if image.size == (720, 400):
        return False
    colours = image.getcolors(maxcolors=1 << 16)
    return colours is None or len(colours) >= 6


class ScreenWatch:
    """Polls screendumps from power-on until the UI is on screen (or the time is up)."""

    def __init__(self, monitor: Monitor, dump: Path, powered_on: float, timeout: float) -> None:
        self._monitor = monitor
        self._dump = dump
        self._powered_on = powered_on
        self._deadline = powered_on + timeout
        self._up: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while time.monotonic() < self._deadline and not self._stop.is_set():
            try:
                screen = self._monitor.screendump(self._dump)
            except (OSError, ValueError):
                return  # qemu is gone
            if looks_like_the_ui(screen):
                self._up = time.monotonic() - self._powered_on
                return
            time.sleep(1)

    def stop(self) -> None:
        """Stop polling."""
        self._stop.set()

    def result(self, timeout: float) -> float | None:
        """Seconds from power-on to the UI, or None when it is not up within timeout."""
        self._thread.join(timeout)
        self._stop.set()
        self._thread.join()
        return self._up


@dataclass
class Report:
    """The result of each check."""

    results: list[tuple[str, bool, str]] = field(default_factory=list)

    def check(self, name: str, passed: bool, detail: str = "") -> None:
        """Record and print one check."""
        self.results.append((name, passed, detail))
        mark = "PASS" if passed else "FAIL"
        print(f"  [{mark}] {name}" + (f": {detail}" if detail else ""), flush=True)

    @property
    def passed(self) -> bool:
        """True when every check passed."""
        return all(passed for _, passed, _ in self.results)


class Disk:
    """The test's copy of the image: its ESP's grub.cfg and its root file system, edited offline."""

    def __init__(self, image_zst: Path, work: Path) -> None:
        self.path = work / "disk.img"
        self._work = work
        run([tool("zstd"), "-q", "-d", "-f", str(image_zst), "-o", str(self.path)])
        table = json.loads(run([tool("sfdisk"), "--json", str(self.path)]).stdout)["partitiontable"]
        sector = int(table.get("sectorsize", 512))
        starts = [int(part["start"]) * sector for part in table["partitions"]]
        self.esp_offset, self.root_offset = starts[0], starts[1]
        self.grub_cfg = self._mtools("mtype", "::/EFI/debian/grub.cfg").stdout

    def _mtools(self, command: str, *args: str) -> subprocess.CompletedProcess[str]:
        # S603: an argument vector, no shell; MTOOLS_SKIP_CHECK: the ESP is not a floppy.
        return subprocess.run(  # noqa: S603
            [tool(command), "-i", f"{self.path}@@{self.esp_offset}", *args],
            check=True,
            text=True,
            capture_output=True,
            env={"MTOOLS_SKIP_CHECK": "1", "PATH": "/usr/bin:/bin"},
        )

    def set_grub_cfg(self, text: str) -> None:
        """Write grub.cfg (both copies GRUB may read) on the ESP."""
        local = self._work / "grub.cfg"
        local.write_text(text, encoding="utf-8")
        for directory in ("debian", "BOOT"):
            self._mtools("mcopy", "-o", "-D", "o", str(local), f"::/EFI/{directory}/grub.cfg")

    def debugfs(self, commands: str) -> None:
        """Run debugfs commands (write mode) on the root file system."""
        script = self._work / "debugfs.cmds"
        script.write_text(commands, encoding="utf-8")
        run([tool("debugfs"), "-w", "-f", str(script), f"{self.path}?offset={self.root_offset}"])

    def add_file(self, target: str, content: str) -> None:
        """Add one file (mode 0644) to the root file system; its directory must not exist."""
        local = self._work / Path(target).name
        local.write_text(content, encoding="utf-8")
        local.chmod(0o644)
        self.debugfs(f"mkdir {Path(target).parent}\nwrite {local} {target}\n")


class Tpm:
    """A software TPM 2.0 (swtpm) whose state lives in one directory; wiped means a new one."""

    def __init__(self, state: Path) -> None:
        self.state = state
        self.socket = state / "swtpm.sock"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start swtpm; it ends when qemu disconnects."""
        self.state.mkdir(parents=True, exist_ok=True)
        # S603: an argument vector, no shell.
        self._process = subprocess.Popen(  # noqa: S603
            [
                tool("swtpm"),
                "socket",
                "--tpm2",
                "--terminate",
                "--tpmstate",
                f"dir={self.state}",
                "--ctrl",
                f"type=unixio,path={self.socket}",
                "--log",
                f"file={self.state / 'swtpm.log'},level=1",
            ],  # fmt: skip
        )
        for _ in range(100):
            if self.socket.exists():
                return
            time.sleep(0.1)
        raise RuntimeError("swtpm did not open its socket")

    def stop(self) -> None:
        """Stop swtpm if qemu has not ended it."""
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=30)

    def wipe(self) -> None:
        """Forget every key the TPM held (a new mainboard)."""
        self.stop()
        shutil.rmtree(self.state, ignore_errors=True)


def qemu_command(
    memory: str, disk: Path, data: Path, vars_fd: Path, tpm: Tpm, qmp: Path
) -> list[str]:
    """The machine: Secure Boot OVMF, SMM, the TPM, the image and the data disk, serial on stdio."""
    return [
        tool("qemu-system-x86_64"),
        # Nehalem: x86-64-v2 without the 5-level paging and PKU of "max", which TCG handles badly.
        "-accel", "tcg", "-machine", "q35,smm=on", "-cpu", "Nehalem", "-smp", "2", "-m", memory,
        # The Secure Boot firmware must run in SMM, with its variable store only writable there.
        "-global", "driver=cfi.pflash01,property=secure,value=on",
        "-drive", f"if=pflash,format=raw,unit=0,readonly=on,file={OVMF_CODE}",
        "-drive", f"if=pflash,format=raw,unit=1,file={vars_fd}",
        "-chardev", f"socket,id=chrtpm,path={tpm.socket}",
        "-tpmdev", "emulator,id=tpm0,chardev=chrtpm", "-device", "tpm-tis,tpmdev=tpm0",
        "-drive", f"file={disk},format=raw,if=virtio",
        "-drive", f"file={data},format=raw,if=virtio",
        "-vga", "std", "-display", "none",
        "-device", "qemu-xhci", "-device", "usb-kbd",
        "-nic", "user,model=virtio-net-pci",
        "-chardev", "stdio,id=console,signal=off", "-serial", "chardev:console",
        "-qmp", f"unix:{qmp},server=on,wait=off",
        "-monitor", "none", "-no-reboot",
    ]  # fmt: skip


@dataclass
class Guest:
    """One powered-on machine: qemu, its console, its monitor."""

    process: subprocess.Popen[bytes]
    console: Serial
    monitor: Monitor
    powered_on: float
    extras: dict[str, str] = field(default_factory=dict)

    def stop(self) -> None:
        """Power off hard if the guest has not powered itself off."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
