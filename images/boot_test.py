"""Provides the image boot test: boot the appliance in qemu and check it through the serial port.

Run as `make image-test` (or `.venv/bin/python images/boot_test.py`). The image under test is a
copy of images/build/*.img.zst with one test-only change written by debugfs: a root auto-login
on the serial console, the port the checks are typed into. The shipped image has no getty at all.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "images" / "build"
PARTITION_OFFSET = 1 << 20
PANIC = "Kernel panic - not syncing"
AUTOLOGIN = """[Service]
ExecStart=
ExecStart=-/sbin/agetty --autologin root --noclear --keep-baud 115200,57600,38400,9600 %I vt220
"""


class GuestPanic(RuntimeError):
    """The guest kernel panicked; under TCG that is occasionally the emulator, so boot again."""


def tool(name: str) -> str:
    """The absolute path of a host tool, or exit with the package to install."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if not found:
        sys.exit(f"boot_test: {name} is missing (apt-get install qemu-system-x86 e2fsprogs zstd)")
    return found


def run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a host tool."""
    # S603: every argument vector here is built by this script, no shell.
    return subprocess.run(argv, check=True, text=True, capture_output=True)  # noqa: S603


def prepare_disk(image_zst: Path, work: Path) -> Path:
    """Decompress the image and add the test-only serial auto-login."""
    disk = work / "disk.img"
    run([tool("zstd"), "-q", "-d", "-f", str(image_zst), "-o", str(disk)])
    dropin = work / "autologin.conf"
    dropin.write_text(AUTOLOGIN, encoding="ascii")
    dropin.chmod(0o644)
    unit_dir = "/etc/systemd/system/serial-getty@ttyS0.service.d"
    commands = work / "debugfs.cmds"
    commands.write_text(
        f"mkdir {unit_dir}\n"
        f"write {dropin} {unit_dir}/autologin.conf\n"
        "symlink /etc/systemd/system/multi-user.target.wants/serial-getty@ttyS0.service "
        "/usr/lib/systemd/system/serial-getty@.service\n",
        encoding="ascii",
    )
    run([tool("debugfs"), "-w", "-f", str(commands), f"{disk}?offset={PARTITION_OFFSET}"])
    return disk


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
            text = decoder.decode(chunk).replace("\r", "")
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


def expected_usb_ids() -> list[str]:
    """The allow-list the image was built with (the converged tree's rules file)."""
    rules = (BUILD / "rootfs" / "etc" / "usbguard" / "rules.conf").read_text(encoding="utf-8")
    return re.findall(r"^allow id (\S+)", rules, re.M)


def checks(console: Serial, report: Report) -> None:
    """Every check of issue 4, typed into the serial console."""
    status, state = console.shell("systemctl is-system-running --wait", timeout=600)
    report.check("system running", state == "running", state)
    if state != "running":
        _, failed = console.shell("systemctl --failed --no-legend --plain | cut -d' ' -f1")
        report.check("no failed units", not failed, " ".join(failed.split()))
    for unit in ("bwc-kiosk.service", "bwc-dock.service"):
        _, active = console.shell(f"systemctl is-active {unit}")
        report.check(f"{unit} active", active == "active", active)
    _, gettys = console.shell(
        "systemctl list-units --no-legend --plain --state=active 'getty@*' 'autovt@*'"
        " | cut -d' ' -f1; pgrep -a agetty | grep -E 'tty[1-6]( |$)' || true"
    )
    report.check("no getty on tty1-6", not gettys, " ".join(gettys.split()) or "none")
    _, sysrq = console.shell("cat /proc/sys/kernel/sysrq")
    report.check("SysRq is 0", sysrq == "0", sysrq)
    _, cad = console.shell("systemctl is-enabled ctrl-alt-del.target")
    report.check("Ctrl+Alt+Del masked", cad == "masked", cad)
    _, usbguard = console.shell("systemctl is-active usbguard.service")
    _, rules = console.shell("usbguard list-rules")
    missing = [usb_id for usb_id in expected_usb_ids() if f"allow id {usb_id}" not in rules]
    report.check(
        "usbguard active with the allow-list",
        usbguard == "active" and not missing and bool(rules),
        f"{usbguard}, {len(rules.splitlines())} rules"
        + (f", missing {missing}" if missing else ""),
    )
    _, devices = console.shell("usbguard list-devices")
    report.check(
        "usbguard allowed the listed QEMU keyboard",
        bool(re.search(r"allow id 0627:0001", devices)),
        " | ".join(line.split(" serial")[0] for line in devices.splitlines()),
    )
    status, ruleset = console.shell("nft list ruleset")
    report.check(
        "nftables loaded (inbound policy drop)",
        status == 0 and "table inet kiosk" in ruleset and "policy drop" in ruleset,
        f"{len(ruleset.splitlines())} lines",
    )
    status, audit = console.shell("bwc audit verify")
    report.check("bwc audit verify clean", status == 0, audit.splitlines()[0] if audit else "")
    _, exposure = console.shell(
        "systemd-analyze security --no-pager bwc-kiosk.service | grep 'Overall exposure'"
    )
    level = re.search(r": ([0-9.]+)", exposure)
    report.check(
        "bwc-kiosk.service exposure <= 2.0",
        bool(level) and float(level.group(1)) <= 2.0 if level else False,
        exposure.split("for ")[-1],
    )
    _, ssh = console.shell(
        "systemctl is-active ssh.service; ls /etc/ssh/ssh_host_ed25519_key; "
        "ip -brief -4 address show scope global | wc -l"
    )
    report.check(
        "ssh active with host keys made on this boot, network up",
        ssh.split() == ["active", "/etc/ssh/ssh_host_ed25519_key", "1"],
        " ".join(ssh.split()),
    )
    _, user = console.shell("ps -o user=,args= -C cage,foot | head -n 2")
    report.check(
        "cage and foot run as kiosk",
        bool(user) and all(line.startswith("kiosk") for line in user.splitlines()),
        " | ".join(line[:70] for line in user.splitlines()),
    )


def boot(args: argparse.Namespace, image: Path, work: Path, report: Report) -> None:
    """One power-on: boot, check, save the screen, power off."""
    disk = prepare_disk(image, work)
    qmp = work / "qmp.sock"
    qemu = [
        tool("qemu-system-x86_64"),
        # Nehalem: x86-64-v2 without the 5-level paging and PKU of "max", which TCG handles badly.
        "-accel", "tcg", "-machine", "pc", "-cpu", "Nehalem", "-smp", "2", "-m", args.memory,
        "-drive", f"file={disk},format=raw,if=virtio",
        "-vga", "std", "-display", "none",
        "-device", "qemu-xhci", "-device", "usb-kbd",
        "-nic", "user,model=virtio-net-pci",
        "-chardev", "stdio,id=console,signal=off", "-serial", "chardev:console",
        "-qmp", f"unix:{qmp},server=on,wait=off",
        "-monitor", "none", "-no-reboot",
    ]  # fmt: skip
    powered_on = time.monotonic()
    # S603: the argument vector above, no shell.
    process = subprocess.Popen(qemu, stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # noqa: S603
    watch: ScreenWatch | None = None
    try:
        console = Serial(process, BUILD / "boot-test-console.log")
        monitor = Monitor(qmp)
        dump = work / "screen.ppm"
        watch = ScreenWatch(monitor, dump, powered_on, args.boot_timeout + args.ui_timeout)
        console.wait_for(r"root@[^\n]*[#$] ", timeout=args.boot_timeout)
        booted = time.monotonic() - powered_on
        print(f"  serial console up {booted:.0f} s after power-on", flush=True)
        console.send("stty -echo; export SYSTEMD_COLORS=0 TERM=dumb PS1=''\n")
        console.shell("true")
        kiosk_up = watch.result(args.ui_timeout)
        report.check(
            "kiosk UI on screen",
            kiosk_up is not None,
            f"{kiosk_up:.0f} s after power-on" if kiosk_up else "not within the timeout",
        )
        _, times = console.shell("systemd-analyze time | head -n 1")
        _, started = console.shell(
            "systemctl show -P ActiveEnterTimestampMonotonic bwc-kiosk.service"
        )
        checks(console, report)
        if not report.passed:
            _, journal = console.shell(
                "journalctl -b --no-pager -o cat -n 60 -u bwc-kiosk.service -u bwc-dock.service"
            )
            print("  journal of the kiosk and the dock:\n    " + journal.replace("\n", "\n    "))
        # Let the UI settle, then keep the idle screen as evidence.
        time.sleep(5)
        screen = monitor.screendump(dump)
        screen.save(BUILD / "idle-screen.png")
        print(f"  screen {screen.size[0]}x{screen.size[1]} -> images/build/idle-screen.png")
        print(f"  systemd: {times}")
        if started.isdigit():
            print(f"  bwc-kiosk.service active {int(started) / 1e6:.1f} s after kernel start")
        if kiosk_up is not None:
            print(f"power-on to kiosk up: {kiosk_up:.0f} s (qemu TCG, software emulation)")
        console.send("systemctl poweroff\n")
        process.wait(timeout=120)
    except (TimeoutError, subprocess.TimeoutExpired) as error:
        report.check("boot test completed", False, str(error))
    finally:
        if watch is not None:
            watch.stop()
        if process.poll() is None:
            process.kill()
            process.wait()


def main() -> int:
    """Boot the image, run the checks, save the idle screen; 0 when every check passed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--image", type=Path, help="the .img.zst (default: images/build/*.img.zst)")
    parser.add_argument("--memory", default="2048", help="guest memory in MiB")
    parser.add_argument("--boot-timeout", type=float, default=600, help="seconds to a shell")
    parser.add_argument("--ui-timeout", type=float, default=300, help="seconds to the UI")
    args = parser.parse_args()
    images = sorted(BUILD.glob("*.img.zst"))
    image = args.image or (images[-1] if images else None)
    if image is None:
        sys.exit("boot_test: no images/build/*.img.zst: run make image")

    report = Report()
    print(f"boot test of {image.name}", flush=True)
    for attempt in (1, 2):
        work = Path(tempfile.mkdtemp(prefix="boot-test-", dir=BUILD))
        try:
            boot(args, image, work, report)
            break
        except GuestPanic as panic:
            print(f"  boot {attempt}: {panic}", flush=True)
            report = Report()
        finally:
            shutil.rmtree(work, ignore_errors=True)
    else:
        report.check("guest booted", False, "the kernel panicked twice")
    print("image-test: " + ("every check passed" if report.passed else "FAILED"), flush=True)
    return 0 if report.passed else 1


if __name__ == "__main__":
    os.umask(0o022)
    sys.exit(main())
