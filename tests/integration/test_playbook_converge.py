"""The roles that touch the data home converge twice on a home holding sealed footage (STYLE 16).

`kiosk_base` (its directories only) and `kiosk_app` (configuration and `bwc init`; install and
systemd units off) are applied with `ansible-playbook -c local` to a throwaway home, config and
install prefix, owned by throwaway service and kiosk accounts. Between the two converges the
home receives archived clips (`bwc offload` run as root, so as the service user) that `bwc seal`
makes 0440 and immutable. The second converge must change nothing, and the roles' verify tasks
must pass on it, and fail when a private key is opened to the group as the old role did.

Not covered here (the full image converge, `make image`, covers them): package installs,
accounts made by kiosk_base, the hardening role, the wheelhouse install, and installing and
enabling the systemd units (no running systemd here). The privileged helpers' unit files and
the seal polkit rule are rendered by Ansible and checked on their own below.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from appliance.adapters.seal import SEAL_UNIT, is_immutable
from appliance.config import load as load_config
from tests.accounts import ROOT, owners, python_for_all, run_bwc, shared_tmp, why_not_as_others

SERVICE_USER = "bwcconvsvc"
KIOSK_USER = "bwcconvkiosk"
ANSIBLE_PLAYBOOK = Path(sys.executable).parent / "ansible-playbook"
ANSIBLE = Path(sys.executable).parent / "ansible"
PLAYBOOKS = ROOT / "playbooks"


def why_not() -> str:
    if not ANSIBLE_PLAYBOOK.exists():
        return "ansible-playbook is not installed in the environment"
    if shutil.which("useradd") is None:
        return "useradd is not installed"
    return why_not_as_others()


pytestmark = [pytest.mark.slow, pytest.mark.skipif(bool(why_not()), reason=why_not() or "ok")]

CONVERGE = """---
- name: Converge the data home
  hosts: kiosk
  gather_facts: false
  roles:
    - role: kiosk_base
    - role: kiosk_app
"""

VERIFY = """---
- name: Verify the data home
  hosts: kiosk
  gather_facts: false
  tasks:
    - name: Verify kiosk_base
      ansible.builtin.include_role:
        name: kiosk_base
        tasks_from: verify.yml
    - name: Verify kiosk_app
      ansible.builtin.include_role:
        name: kiosk_app
        tasks_from: verify.yml
"""


def _account(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=60)


def _drop(user: str) -> None:
    subprocess.run(["userdel", user], capture_output=True, check=False, timeout=60)
    subprocess.run(["groupdel", user], capture_output=True, check=False, timeout=60)


@pytest.fixture
def accounts() -> Iterator[None]:
    """The service user and the kiosk user (in the service group), as kiosk_base makes them."""
    for user in (KIOSK_USER, SERVICE_USER):
        _drop(user)
    common = ["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent"]
    common += ["--shell", "/usr/sbin/nologin"]
    _account("useradd", *common, SERVICE_USER)
    _account("useradd", *common, "--groups", SERVICE_USER, KIOSK_USER)
    try:
        yield
    finally:
        for user in (KIOSK_USER, SERVICE_USER):
            _drop(user)


@pytest.fixture
def box(accounts: None) -> Iterator[Path]:
    with shared_tmp("bwc-converge-") as base:
        yield base


def fake_prefix(base: Path) -> Path:
    """An install prefix whose venv/bin/bwc runs this worktree (the wheelhouse install is off)."""
    found = python_for_all()
    assert found is not None
    command, env = found
    script = base / "opt" / "venv" / "bin" / "bwc"
    script.parent.mkdir(parents=True)
    exports = "".join(f"export {name}={value}\n" for name, value in env.items())
    script.write_text(f'#!/bin/sh\n{exports}exec {command[0]} -m appliance "$@"\n')
    script.chmod(0o755)
    for directory in (base / "opt", base / "opt" / "venv", script.parent):
        directory.chmod(0o755)
    return base / "opt"


def inventory(base: Path) -> tuple[Path, Path]:
    """The inventory and the variables: every path in base, every switch that would touch
    this host off."""
    home = base / "var-lib-bwc"
    config_dir = base / "etc-bwc"
    variables = {
        "kiosk_base_packages_enabled": False,
        "kiosk_base_users_enabled": False,
        "kiosk_base_timezone_enabled": False,
        "kiosk_base_home": str(home),
        "kiosk_base_config_dir": str(config_dir),
        "kiosk_base_service_user": SERVICE_USER,
        "kiosk_base_kiosk_user": KIOSK_USER,
        "kiosk_app_install_enabled": False,
        "kiosk_app_units_enabled": False,
        # bwc-firstboot.service is a systemd unit of the box, like the units above.
        "kiosk_app_firstboot_enabled": False,
        "kiosk_app_start_services": False,
        "kiosk_app_prefix": str(fake_prefix(base)),
        "kiosk_app_home": str(home),
        "kiosk_app_config_path": str(config_dir / "kiosk.toml"),
        "kiosk_app_service_user": SERVICE_USER,
        "kiosk_app_kiosk_user": KIOSK_USER,
        "kiosk_app_unit_code": "GA-0101",
        "kiosk_app_unit_name": "示例市公安局示例派出所",
        "kiosk_app_language": "en",
        # No systemd here to start bwc-seal@: the footage is sealed with `bwc seal` below.
        "kiosk_app_seal": "auto",
        # Art. 12(4): the record form's CUPS queue, into kiosk.toml's [disc].
        "kiosk_app_disc_printer": "form-printer",
    }
    hosts = base / "hosts.yml"
    hosts.write_text(
        json.dumps(
            {
                "all": {
                    "hosts": {
                        "kiosk": {
                            "ansible_connection": "local",
                            "ansible_python_interpreter": sys.executable,
                        }
                    }
                }
            }
        )
    )
    extra = base / "vars.json"
    extra.write_text(json.dumps(variables))
    return hosts, extra


def play(base: Path, text: str, hosts: Path, extra: Path) -> tuple[int, dict[str, int], str]:
    """Run a playbook; its exit code, the recap counts of the one host, and the output."""
    playbook = base / ("verify.yml" if text == VERIFY else "converge.yml")
    playbook.write_text(text)
    env = {
        **os.environ,
        "ANSIBLE_CONFIG": str(PLAYBOOKS / "ansible.cfg"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_LOCAL_TEMP": str(base / "ansible-local"),
        "ANSIBLE_REMOTE_TEMP": str(base / "ansible-remote"),
    }
    done = subprocess.run(
        [str(ANSIBLE_PLAYBOOK), "-i", str(hosts), "-e", f"@{extra}", str(playbook)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    recap = re.search(r"^kiosk\s+:\s+(.*)$", done.stdout, re.MULTILINE)
    counts = dict(re.findall(r"(\w+)=(\d+)", recap.group(1))) if recap else {}
    return done.returncode, {k: int(v) for k, v in counts.items()}, done.stdout + done.stderr


def test_converging_twice_on_a_home_with_sealed_footage_changes_nothing_and_verifies(
    box: Path,
) -> None:
    hosts, extra = inventory(box)
    home = box / "var-lib-bwc"
    config = {"BWC_CONFIG": str(box / "etc-bwc" / "kiosk.toml")}

    code, first, output = play(box, CONVERGE, hosts, extra)
    assert code == 0 and first["failed"] == 0 and first["changed"] > 0, output
    assert (home / "bwc.db").exists()
    rendered = load_config(home, box / "etc-bwc" / "kiosk.toml")
    assert (rendered.disc_burner, rendered.disc_printer) == ("/dev/bwc-burner", "form-printer")

    card = box / "card" / "DCIM" / "100MEDIA"
    card.mkdir(parents=True)
    for index in range(4):
        (card / f"VID_{index:04d}.MP4").write_bytes(os.urandom(5000 + index))
    source = str(card.parents[1])
    offload = run_bwc("offload", "--device", "DSJ-X1", "--source", source, "--no-clear", env=config)
    assert offload.returncode == 0, offload.stdout + offload.stderr
    sealed = run_bwc("--json", "seal", env=config)
    assert sealed.returncode == 0, sealed.stderr
    footage = [p for p in (home / "archive" / "sha256").rglob("*") if p.is_file()]
    assert len(footage) == 4
    assert all(is_immutable(p) for p in footage)
    assert all(p.stat().st_mode & 0o777 == 0o440 for p in footage)

    code, second, output = play(box, CONVERGE, hosts, extra)
    assert code == 0 and second["failed"] == 0, output
    assert second["changed"] == 0, output

    code, verified, output = play(box, VERIFY, hosts, extra)
    assert code == 0 and verified["failed"] == 0, output
    service = pwd_ids(SERVICE_USER)
    assert owners(home) == {service}

    # The verify can fail: the old role's group-readable label key is caught, and the next
    # converge puts it back to 0400.
    (home / "keys" / "label.key").chmod(0o440)
    code, _, output = play(box, VERIFY, hosts, extra)
    assert code != 0 and "label.key" in output
    code, repaired, output = play(box, CONVERGE, hosts, extra)
    assert code == 0 and repaired["changed"] == 1, output
    assert (home / "keys" / "label.key").stat().st_mode & 0o777 == 0o400


def pwd_ids(user: str) -> tuple[int, int]:
    account = pwd.getpwnam(user)
    return account.pw_uid, account.pw_gid


def test_the_helper_units_render_and_pass_systemd_analyze(tmp_path: Path) -> None:
    """bwc-seal@ and bwc-mount@ as the role renders them; any systemd warning fails the test."""
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    hosts, _ = inventory_for_render(tmp_path)
    templates = PLAYBOOKS / "roles" / "kiosk_app" / "templates"
    rendered = {}
    for name, source in (
        ("bwc-seal@.service", "etc/systemd/system/bwc-seal@.service.j2"),
        ("bwc-mount@.service", "etc/systemd/system/bwc-mount@.service.j2"),
        ("50-bwc-seal.rules", "etc/polkit-1/rules.d/50-bwc-seal.rules.j2"),
    ):
        defaults = PLAYBOOKS / "roles" / "kiosk_app" / "defaults" / "main.yml"
        rendered[name] = render(
            ("kiosk", hosts), templates / source, tmp_path / name,
            f"@{defaults}", f"kiosk_app_prefix={tmp_path / 'opt'}",
        )  # fmt: skip
    executable = tmp_path / "opt" / "venv" / "bin" / "bwc"
    executable.parent.mkdir(parents=True)
    executable.write_text("#!/bin/sh\n")
    executable.chmod(0o755)
    units = [str(tmp_path / "bwc-seal@.service"), str(tmp_path / "bwc-mount@.service")]
    verified = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *units], capture_output=True, text=True
    )
    assert (verified.returncode, verified.stderr) == (0, "")
    seal = rendered["bwc-seal@.service"]
    assert "CapabilityBoundingSet=CAP_LINUX_IMMUTABLE CAP_DAC_READ_SEARCH" in seal
    assert "ProtectSystem=strict" in seal and "ReadWritePaths=/var/lib/bwc" in seal
    assert "bwc seal --request %i" in seal
    # The polkit rule admits exactly the instances the dock asks for: start, a hex token.
    pattern = re.search(r"/\^(.*)\$/\.test", rendered["50-bwc-seal.rules"])
    assert pattern is not None
    unit = re.compile(pattern.group(1))  # JavaScript and Python read this regex alike
    assert unit.fullmatch(f"{SEAL_UNIT}@0123456789abcdef.service")
    # DESIGN §11: the one way back, one content named by its hash, never a path.
    assert unit.fullmatch(f"{SEAL_UNIT}@unseal-{'ab' * 32}.service")
    for other in (
        "bwc-seal@../x.service",
        "bwc-mount@sdb1.service",
        "bwc-seal@.service",
        f"bwc-seal@unseal-{'ab' * 31}.service",
        f"bwc-seal@unseal-{'AB' * 32}.service",
        f"bwc-seal@unseal-{'ab' * 32}x.service",
    ):
        assert not unit.fullmatch(other), other
    assert '=== "start"' in rendered["50-bwc-seal.rules"]


def render(host: tuple[str, Path], source: Path, target: Path, *extra_vars: str) -> str:
    """A role's template as Ansible renders it for the host of that inventory, with these
    extra variables (-e each); the text it wrote."""
    name, inventory = host
    extra = [arg for value in extra_vars for arg in ("-e", value)]
    done = subprocess.run(
        [str(ANSIBLE), name, "-i", str(inventory), "-m", "ansible.builtin.template"]
        + ["-a", f"src={source} dest={target}", *extra],
        capture_output=True,
        text=True,
        env={**os.environ, "ANSIBLE_CONFIG": str(PLAYBOOKS / "ansible.cfg")},
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return target.read_text()


def inventory_for_render(base: Path) -> tuple[Path, None]:
    hosts = base / "hosts.yml"
    local = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
    hosts.write_text(json.dumps({"all": {"hosts": {"kiosk": local}}}))
    return hosts, None


def test_the_example_units_burner_is_allowed_and_given_to_the_service_user(tmp_path: Path) -> None:
    """Art. 12(4), issue 11: USBGuard lets the unit's burner in, and udev gives its optical
    drive to the service user alone (who burns) as /dev/bwc-burner: not to the service group,
    which the kiosk user is in.

    Rendered from the example inventory as a box gets it; the other removable media keep
    their rule (no automounter), and the burner is no longer among the plain peripherals.
    """
    inventory = ROOT / "inventory" / "example"
    templates = PLAYBOOKS / "roles" / "kiosk_hardening" / "templates"
    rendered = {}
    for name, source in (
        ("media.rules", "etc/udev/rules.d/80-kiosk-media.rules.j2"),
        ("rules.conf", "etc/usbguard/rules.conf.j2"),
    ):
        rendered[name] = render(
            ("kiosk-ga-0101", inventory), templates / source, tmp_path / name,
            "ansible_connection=local", f"ansible_python_interpreter={sys.executable}",
            "kiosk_hardening_burner_owner=bwc", "kiosk_hardening_usbguard_allow_hubs=true",
        )  # fmt: skip
    [burner] = [line for line in rendered["media.rules"].splitlines() if "SYMLINK" in line]
    assert burner == (
        'SUBSYSTEM=="block", KERNEL=="sr[0-9]*", ENV{ID_VENDOR_ID}=="0e8d", '
        'ENV{ID_MODEL_ID}=="1887", OWNER="bwc", MODE="0600", SYMLINK+="bwc-burner"'
    )
    assert 'ENV{ID_CDROM}=="1", ENV{UDISKS_IGNORE}="1"' in rendered["media.rules"]
    allowed = rendered["rules.conf"].splitlines()
    at = allowed.index("allow id 0e8d:1887")
    assert allowed[at - 1] == "# evidence-disc burner optical burner"
    assert allowed.count("allow id 0e8d:1887") == 1


def test_the_report_and_retention_timers_are_enabled_and_their_units_verify(
    tmp_path: Path,
) -> None:
    """Art. 14 and 12(3): the playbook enables bwc-daily-report and bwc-retention; each timer
    and its job, as the role renders them, pass systemd-analyze verify without a warning."""
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    defaults = PLAYBOOKS / "roles" / "kiosk_app" / "defaults" / "main.yml"
    timers = {
        item["name"]: item for item in yaml.safe_load(defaults.read_text())["kiosk_app_timers"]
    }
    assert {name: timers[name]["enabled"] for name in ("bwc-daily-report", "bwc-retention")} == {
        "bwc-daily-report": True,
        "bwc-retention": True,
    }
    assert timers["bwc-daily-report"]["command"] == "report daily"
    hosts, _ = inventory_for_render(tmp_path)
    templates = PLAYBOOKS / "roles" / "kiosk_app" / "templates" / "etc" / "systemd" / "system"
    units = []
    for name in ("bwc-daily-report", "bwc-retention"):
        item = tmp_path / f"{name}.json"
        item.write_text(json.dumps({"item": timers[name]}))
        for kind in ("service", "timer"):
            target = tmp_path / f"{name}.{kind}"
            render(
                ("kiosk", hosts), templates / f"bwc-job.{kind}.j2", target,
                f"@{defaults}", f"@{item}", f"kiosk_app_prefix={tmp_path / 'opt'}",
            )  # fmt: skip
            units.append(str(target))
    executable = tmp_path / "opt" / "venv" / "bin" / "bwc"
    executable.parent.mkdir(parents=True)
    executable.write_text("#!/bin/sh\n")
    executable.chmod(0o755)
    verified = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *units], capture_output=True, text=True
    )
    assert (verified.returncode, verified.stderr) == (0, "")
    service = (tmp_path / "bwc-daily-report.service").read_text()
    assert f"ExecStart={tmp_path / 'opt'}/venv/bin/bwc report daily" in service
    assert "OnCalendar=*-*-* 23:55:00" in (tmp_path / "bwc-daily-report.timer").read_text()
