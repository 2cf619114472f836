"""Provides the image boot test: three boots of the appliance in qemu, checked on the serial port.

Run as `make image-test` (or `.venv/bin/python images/boot_test.py`). The machine (boot_guest.py)
has Secure Boot on with Microsoft's keys, a TPM 2.0 (swtpm) and an empty data disk. The image
under test is a copy of images/build/*.img.zst with test-only changes: a root auto-login on the
serial console (debugfs), the first-boot screen mirrored there too, and the serial console on
the kernel command line of its grub.cfg (mtools). The shipped image has neither.

1. First boot: GRUB's menu shown for once; `e` asks for the superuser and is refused. The first
   boot makes the LUKS2 data volume bound to the TPM and the unit's keys and shows the recovery
   key; then every check of issue 4, Secure Boot, the volume, the keys, the kiosk on screen.
2. rescue.target on the command line: sulogin refuses (root is locked), no shell; the volume is
   unlocked by the TPM without a prompt.
3. The TPM wiped (a new mainboard): the boot asks for the recovery key; the test types it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from boot_guest import (
    OVMF_VARS,
    Disk,
    Guest,
    GuestPanic,
    Monitor,
    Report,
    ScreenWatch,
    Serial,
    Tpm,
    qemu_command,
)

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "images" / "build"
AUTOLOGIN = """[Service]
ExecStart=
ExecStart=-/sbin/agetty --autologin root --noclear --keep-baud 115200,57600,38400,9600 %I vt220
"""
FIRSTBOOT_MIRROR = """[Service]
Environment="BWC_FIRSTBOOT_CONSOLES=/dev/tty1 /dev/ttyS0"
"""
RECOVERY_KEY = r"\b([cbdefghijklnrtuv]{8}(?:-[cbdefghijklnrtuv]{8}){7})\b"
SHELL_PROMPT = r"root@[^\n]*[#$] "
VOLUME = "/dev/vdb"
CRYPTSETUP_UNIT = r"systemd-cryptsetup@bwc\\x2ddata.service"
# systemd-cryptsetup's question when the TPM will not unlock: a passphrase, or (trixie's
# systemd, which sees the systemd-recovery token) the recovery key.
UNLOCK_PROMPT = r"(?i)(passphrase|recovery key) for disk"


@dataclass
class Run:
    """What the boots of one test share: the disk copy, the data disk, the TPM, the firmware."""

    args: argparse.Namespace
    work: Path
    disk: Disk
    data: Path
    tpm: Tpm
    vars_fd: Path
    report: Report
    recovery_key: str = ""
    audit_key: str = ""


def prepare(args: argparse.Namespace, image: Path, work: Path, report: Report) -> Run:
    """The test's copy of the image, an empty data disk, a new TPM and firmware variables."""
    disk = Disk(image, work)
    disk.add_file("/etc/systemd/system/serial-getty@ttyS0.service.d/autologin.conf", AUTOLOGIN)
    disk.debugfs(
        "symlink /etc/systemd/system/multi-user.target.wants/serial-getty@ttyS0.service "
        "/usr/lib/systemd/system/serial-getty@.service\n"
    )
    disk.add_file("/etc/systemd/system/bwc-firstboot.service.d/test-mirror.conf", FIRSTBOOT_MIRROR)
    data = work / "data.img"
    with data.open("wb") as handle:
        handle.truncate(args.data_size_mb << 20)
    vars_fd = work / "OVMF_VARS.fd"
    shutil.copyfile(OVMF_VARS, vars_fd)
    return Run(args, work, disk, data, Tpm(work / "tpm"), vars_fd, report)


# Under TCG on a shared machine udev may start minutes into the boot: systemd's 90 s wait for
# a device (the serial port, the TPM) would give up first. A real box needs no such patience.
PATIENCE = " systemd.default_device_timeout_sec=900 systemd.default_timeout_start_sec=900"


def grub_for_test(shipped: str, *, menu: bool = False, extra: str = "") -> str:
    """The shipped grub.cfg with the serial console (and a visible menu, or more options)."""
    serial = "console=tty0 console=ttyS0,115200n8" + PATIENCE + extra
    text = shipped.replace("console=tty0", serial)
    if menu:
        text = text.replace("set timeout=0", "set timeout=20").replace(
            "set timeout_style=hidden", "set timeout_style=menu"
        )
    return text


def power_on(run: Run, name: str) -> Guest:
    """Start swtpm and qemu; the console transcript goes to images/build/boot-test-NAME.log."""
    run.tpm.start()
    qmp = run.work / "qmp.sock"
    qmp.unlink(missing_ok=True)
    command = qemu_command(run.args.memory, run.disk.path, run.data, run.vars_fd, run.tpm, qmp)
    powered_on = time.monotonic()
    # S603: the argument vector of qemu_command, no shell.
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # noqa: S603
    console = Serial(process, BUILD / f"boot-test-{name}.log")
    return Guest(process, console, Monitor(qmp), powered_on)


def log_in(guest: Guest, timeout: float) -> None:
    """Wait for the test's auto-login on the serial console and make its shell quiet."""
    # Its first prompt may have scrolled by while the boot printed other things: Enter
    # brings a new one.
    deadline = time.monotonic() + timeout
    while True:
        try:
            guest.console.wait_for(SHELL_PROMPT, timeout=min(20.0, deadline - time.monotonic()))
            break
        except TimeoutError:
            if time.monotonic() >= deadline or guest.process.poll() is not None:
                raise
            guest.console.send("\n")
    booted = time.monotonic() - guest.powered_on
    print(f"  serial console up {booted:.0f} s after power-on", flush=True)
    guest.console.send("stty -echo; export SYSTEMD_COLORS=0 TERM=dumb PS1=''\n")
    guest.console.shell("true")


def power_off(guest: Guest) -> None:
    """Shut the guest down cleanly."""
    guest.console.send("systemctl poweroff\n")
    guest.process.wait(timeout=180)


def expected_usb_ids() -> list[str]:
    """The allow-list the image was built with (the converged tree's rules file)."""
    rules = (BUILD / "rootfs" / "etc" / "usbguard" / "rules.conf").read_text(encoding="utf-8")
    return re.findall(r"^allow id (\S+)", rules, re.M)


def checks(console: Serial, report: Report) -> None:
    """Every check of issue 4 on the first boot, typed into the serial console."""
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


# A card of one clip (random bytes: archived byte-exact, flagged unreadable), in a folder the
# service user owns, offloaded as that user: the dock's own path, with no dock.
CARD = "/srv/boot-test-card"
OFFLOAD = (
    f"install -d -o bwc -g bwc {CARD}/DCIM"
    f" && head -c 65536 /dev/urandom > {CARD}/DCIM/0001.MP4 && chown bwc:bwc {CARD}/DCIM/0001.MP4"
    f" && runuser -u bwc -- bwc --lang en offload --device DSJ-T001 --source {CARD}"
)


def write_once(console: Serial, report: Report) -> None:
    """Issue 11 item 3 (Art. 11): an archived clip is sealed by bwc-seal@ and immutable.

    The service user offloads a clip; the dock's sealer asks the helper; `lsattr` shows the
    `i` flag; the service user cannot append to it, remove it or clear the flag.
    """
    status, said = console.shell(OFFLOAD, timeout=300)
    # The offload's own line (systemctl may warn first about the root shell's runtime dir).
    line = next((x for x in said.splitlines() if "DSJ-T001" in x), said[-200:])
    report.check("a clip offloaded as the service user", status == 0, line)
    _, clip = console.shell("find /var/lib/bwc/archive/sha256 -type f | head -n 1")
    _, flags = console.shell(f"lsattr {clip}") if clip else (1, "")
    report.check(
        "lsattr of the archived clip shows i (immutable)",
        bool(clip) and "i" in flags.split(" ")[0],
        flags,
    )
    _, helper = console.shell(
        "journalctl -b --no-pager -o cat -u 'bwc-seal@*' | grep -c 'Finished' || true"
    )
    report.check(
        "the seal helper bwc-seal@ ran for the offload",
        helper.isdigit() and int(helper) >= 1,
        f"{helper} finished runs of bwc-seal@",
    )
    tries = (
        ("append", f"sh -c 'echo x >> {clip}'"),
        ("remove", f"rm -f {clip}"),
        ("clear the flag", f"chattr -i {clip}"),
    )
    for what, command in tries:
        status, said = console.shell(f"runuser -u bwc -- {command} 2>&1; echo rc=$?")
        refused = not said.rstrip().endswith("rc=0")
        report.check(
            f"the service user cannot {what} it",
            bool(clip) and refused,
            said.splitlines()[0] if said else "",
        )


def grub_refuses_editing(guest: Guest, report: Report, timeout: float) -> None:
    """Issue 15 item 2: `e` on the menu asks for the superuser; a wrong password is refused."""
    console = guest.console
    console.wait_for(r"Press\s+enter\s+to\s+boot", timeout=timeout)
    console.send("e")
    console.wait_for(r"Enter username:", timeout=60)
    console.send("bwc-it\r")
    console.wait_for(r"Enter password:", timeout=60)
    console.send("not-the-password\r")
    console.wait_for(r"access denied", timeout=60)
    editor = console.seen(r"Minimum Emacs-like screen editing")
    report.check(
        "GRUB: editing the entry needs the superuser's password",
        not editor,
        "e -> user and password asked, wrong password -> access denied, no editor",
    )
    # Back on the menu: the entry itself is unrestricted.
    console.wait_for(r"Press\s+enter\s+to\s+boot", timeout=60)
    console.send("\r")


def first_boot_screen(run: Run, guest: Guest) -> None:
    """The first-boot screen: the recovery key and the public keys, until Enter is pressed."""
    console = guest.console
    console.wait_for(r"RECOVERY KEY", timeout=run.args.boot_timeout)
    found = console.wait_for(RECOVERY_KEY, timeout=60)
    run.recovery_key = found.group(1)
    shown = console.wait_for(r"public keys.*?audit +key id ([0-9a-f]{16})", timeout=60)
    run.audit_key = shown.group(1)
    console.wait_for(r"Press Enter when the recovery key is written down", timeout=60)
    screen = guest.monitor.screendump(run.work / "screen.ppm")
    screen.save(BUILD / "firstboot-screen.png")
    print("  first-boot screen -> images/build/firstboot-screen.png", flush=True)
    run.report.check(
        "first-boot screen shows the recovery key and the public keys",
        True,
        f"audit key id {run.audit_key}",
    )
    guest.monitor.press("ret")


def luks_summary(dump: str) -> tuple[bool, str]:
    """Whether the volume is what issue 15 asks for, and a one-line summary of luksDump."""
    version = re.search(r"^Version:\s*(\d+)", dump, re.M)
    cipher = re.search(r"^\s*cipher:\s*(\S+)", dump, re.M)
    key_bits = set(re.findall(r"^\s*Key:\s*(\d+) bits", dump, re.M))
    keyslots = re.findall(r"^\s+(\d+): luks2\n(?:[ \t]+.*\n)*?\s*PBKDF:\s*(\S+)", dump, re.M)
    tokens = re.findall(r"^\s+\d+: (systemd-\S+)", dump, re.M)
    pcrs = re.search(r"tpm2-hash-pcrs:\s*(\S+)", dump)
    ok = (
        bool(version and version.group(1) == "2")
        and bool(cipher and cipher.group(1) == "aes-xts-plain64")
        and key_bits == {"512"}
        and len(keyslots) == 2
        and any(pbkdf == "argon2id" for _, pbkdf in keyslots)
        and sorted(tokens) == ["systemd-recovery", "systemd-tpm2"]
        and bool(pcrs and pcrs.group(1) == "7")
    )
    summary = (
        f"LUKS{version.group(1) if version else '?'}, {cipher.group(1) if cipher else '?'}, "
        f"{'/'.join(sorted(key_bits)) or '?'}-bit key; keyslots "
        + ", ".join(f"{slot} {pbkdf}" for slot, pbkdf in keyslots)
        + f"; tokens {', '.join(tokens) or 'none'}; TPM2 PCRs {pcrs.group(1) if pcrs else '?'}"
    )
    return ok, summary


def boot_chain_checks(run: Run, console: Serial, report: Report) -> None:
    """Secure Boot, the data volume and the keys born on this box (issue 15)."""
    _, secure_boot = console.shell("mokutil --sb-state")
    report.check(
        "Secure Boot enabled (mokutil --sb-state)", secure_boot == "SecureBoot enabled", secure_boot
    )
    _, dump = console.shell(f"cryptsetup luksDump {VOLUME}")
    ok, summary = luks_summary(dump)
    report.check(
        "data volume: LUKS2 argon2id aes-xts-plain64 512-bit, TPM2 PCR 7 + recovery", ok, summary
    )
    _, mount = console.shell("findmnt -no SOURCE,FSTYPE,OPTIONS /var/lib/bwc")
    report.check(
        "the data home is the unlocked volume (nosuid,nodev,noexec)",
        mount.startswith("/dev/mapper/bwc-data ext4")
        and all(flag in mount.split()[-1].split(",") for flag in ("nosuid", "nodev", "noexec")),
        mount,
    )
    _, keys = console.shell(
        "stat -c '%n %a %U' /var/lib/bwc/keys/audit.key /var/lib/bwc/keys/label.key"
    )
    report.check(
        "the unit's private keys were made on this box, 0400 bwc",
        keys.splitlines()
        == [f"/var/lib/bwc/keys/{name}.key 400 bwc" for name in ("audit", "label")],
        " | ".join(keys.splitlines()),
    )
    _, exported = console.shell("cat /var/lib/bwc/exports/*-public-keys.txt")
    report.check(
        "the public keys are in exports/ for the audit office, as on the screen",
        bool(run.audit_key) and f"audit  key id {run.audit_key}" in exported,
        exported.splitlines()[0] if exported else "no file",
    )
    status, _ = console.shell("test -e /run/bwc-firstboot/recovery-key")
    report.check("the recovery key is kept nowhere on the box", status == 1, f"test -e: {status}")


def rescue_boot(run: Run) -> None:
    """rescue.target: sulogin refuses the locked root; then the TPM unlocks without a prompt."""
    run.disk.set_grub_cfg(grub_for_test(run.disk.grub_cfg, extra=" systemd.unit=rescue.target"))
    guest = power_on(run, "rescue")
    report = run.report
    try:
        guest.console.wait_for(r"root account is locked", timeout=run.args.boot_timeout)
        refused = not guest.console.seen(r"Give root password|Login incorrect|sh-\d|# $")
        report.check(
            "rescue.target: no shell (the root account is locked)", refused, "sulogin refused"
        )
        guest.console.send("\r")
        log_in(guest, run.args.boot_timeout)
        volume_unlocked(run, guest.console, "rescue", prompted=False)
        power_off(guest)
    finally:
        guest.stop()


def wiped_tpm_boot(run: Run) -> None:
    """A new TPM (mainboard replaced): the boot asks for the recovery key, the test types it."""
    run.tpm.wipe()
    run.disk.set_grub_cfg(grub_for_test(run.disk.grub_cfg))
    guest = power_on(run, "wiped-tpm")
    try:
        guest.console.wait_for(UNLOCK_PROMPT, timeout=run.args.boot_timeout)
        run.report.check("wiped TPM: the boot asks for the recovery key", True, "passphrase prompt")
        guest.console.send(run.recovery_key + "\r")
        log_in(guest, run.args.boot_timeout)
        volume_unlocked(run, guest.console, "wiped-tpm", prompted=True)
        power_off(guest)
    finally:
        guest.stop()


def volume_unlocked(run: Run, console: Serial, name: str, *, prompted: bool) -> None:
    """The volume is open, the unit's data is intact and its keys are the first boot's."""
    report = run.report
    _, active = console.shell(f"systemctl is-active {CRYPTSETUP_UNIT}")
    _, journal = console.shell(f"journalctl -b -o cat --no-pager -u {CRYPTSETUP_UNIT} | tail -n 3")
    transcript = (BUILD / f"boot-test-{name}.log").read_text(encoding="utf-8", errors="replace")
    asked = bool(re.search(UNLOCK_PROMPT, transcript))
    how = "recovery key typed" if prompted else "TPM, no prompt"
    report.check(
        f"{name}: volume unlocked ({how})",
        active == "active" and asked == prompted,
        f"{active}; " + " | ".join(journal.splitlines()),
    )
    status, audit = console.shell("bwc audit verify")
    _, pub = console.shell(
        "/opt/bwc/venv/bin/python -c 'import sys; from appliance.domain.audit import key_id;"
        ' print(key_id(open("/var/lib/bwc/keys/audit.pub").read()))\''
    )
    report.check(
        f"{name}: bwc audit verify clean, same unit keys as the first boot",
        status == 0 and pub == run.audit_key,
        f"{audit.splitlines()[0] if audit else ''}; audit key id {pub}",
    )


def explain_first_boot(guest: Guest, timeout: float) -> None:
    """Print why the first boot did not reach its screen: the units' journal and a trace."""
    log_in(guest, timeout)
    _, journal = guest.console.shell(
        "journalctl -b --no-pager -o cat -u bwc-data-volume.service -u bwc-firstboot.service"
        " | tail -n 30; systemctl status --no-pager bwc-data-volume.service | tail -n 12"
    )
    print("  journal of the first boot:\n    " + journal.replace("\n", "\n    "), flush=True)
    _, trace = guest.console.shell("sh -x /usr/local/sbin/bwc-data-volume 2>&1 | tail -n 25", 900)
    print("  the data volume script, traced:\n    " + trace.replace("\n", "\n    "), flush=True)


def first_boot(run: Run) -> None:
    """Power on a new box: GRUB locked, first boot, every check, the kiosk on screen."""
    args, report = run.args, run.report
    run.disk.set_grub_cfg(grub_for_test(run.disk.grub_cfg, menu=True))
    guest = power_on(run, "first")
    watch: ScreenWatch | None = None
    try:
        grub_refuses_editing(guest, report, args.boot_timeout)
        try:
            first_boot_screen(run, guest)
        except TimeoutError:
            explain_first_boot(guest, args.boot_timeout)
            raise
        watch = ScreenWatch(
            guest.monitor,
            run.work / "watch.ppm",
            guest.powered_on,
            args.boot_timeout + args.ui_timeout,
        )
        log_in(guest, args.boot_timeout)
        kiosk_up = watch.result(args.ui_timeout)
        report.check(
            "kiosk UI on screen",
            kiosk_up is not None,
            f"{kiosk_up:.0f} s after power-on" if kiosk_up else "not within the timeout",
        )
        console = guest.console
        _, times = console.shell("systemd-analyze time | head -n 1")
        checks(console, report)
        write_once(console, report)
        boot_chain_checks(run, console, report)
        if not report.passed:
            _, journal = console.shell(
                "journalctl -b --no-pager -o cat -n 60 -u bwc-kiosk.service -u bwc-dock.service"
                " -u bwc-data-volume.service -u bwc-firstboot.service"
            )
            print("  journal:\n    " + journal.replace("\n", "\n    "))
        # Let the UI settle, then keep the idle screen as evidence.
        time.sleep(5)
        screen = guest.monitor.screendump(run.work / "screen.ppm")
        screen.save(BUILD / "idle-screen.png")
        print(f"  screen {screen.size[0]}x{screen.size[1]} -> images/build/idle-screen.png")
        print(f"  systemd: {times}")
        if kiosk_up is not None:
            print(f"power-on to kiosk up: {kiosk_up:.0f} s (qemu TCG, software emulation)")
        power_off(guest)
    finally:
        if watch is not None:
            watch.stop()
        guest.stop()


def main() -> int:
    """Boot the image three times, run the checks; 0 when every check passed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--image", type=Path, help="the .img.zst (default: images/build/*.img.zst)")
    parser.add_argument("--memory", default="2048", help="guest memory in MiB")
    parser.add_argument("--data-size-mb", type=int, default=1024, help="the data disk's size")
    parser.add_argument("--boot-timeout", type=float, default=600, help="seconds to each step")
    parser.add_argument("--ui-timeout", type=float, default=300, help="seconds to the UI")
    args = parser.parse_args()
    images = sorted(BUILD.glob("*.img.zst"))
    image = args.image or (images[-1] if images else None)
    if image is None:
        sys.exit("boot_test: no images/build/*.img.zst: run make image")

    report = Report()
    print(f"boot test of {image.name}", flush=True)
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="boot-test-", dir=BUILD))
    try:
        run = prepare(args, image, work, report)
        for boot in (first_boot, rescue_boot, wiped_tpm_boot):
            print(f"{boot.__doc__.splitlines()[0] if boot.__doc__ else boot.__name__}", flush=True)
            boot_started = time.monotonic()
            try:
                boot(run)
            except GuestPanic as panic:
                report.check(f"{boot.__name__}: guest booted", False, str(panic))
            except (TimeoutError, subprocess.TimeoutExpired) as error:
                report.check(f"{boot.__name__} completed", False, str(error))
            finally:
                run.tpm.stop()
            print(f"  {boot.__name__}: {time.monotonic() - boot_started:.0f} s", flush=True)
            if not report.passed:
                break
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"image-test: {time.monotonic() - started:.0f} s", flush=True)
    print("image-test: " + ("every check passed" if report.passed else "FAILED"), flush=True)
    return 0 if report.passed else 1


if __name__ == "__main__":
    os.umask(0o022)
    sys.exit(main())
