"""Provides the demo home: a seeded unit, people of every role and four recorders.

It is also the demo's composition root for the kiosk: `kiosk_demo()` hands `bwc-kiosk --demo`
the kiosk's services, the badges to show and the hands (the DemoHands port) in one value.
"""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from appliance import config_render
from appliance.adapter_choices import create_keys, handover_drive_folder
from appliance.adapters.demo_recorders import DEMO_DRIVE, SimulatorHands
from appliance.adapters.signer import FileSigner
from appliance.bootstrap import Services, build_kiosk_services, build_services
from appliance.config import HandoverDriveRule, Settings
from appliance.domain.records import Actor
from appliance.ports import Clock, DemoBadge, DemoHands

__all__ = ["DemoBadge", "DemoKiosk", "demo_hands", "kiosk_demo", "make_home", "seed"]

DEMO_UNIT = ("DEMO01", "演示执法中队 Demo Unit")

# (badge, name, role): one of every role, two officers so custody rules can be seen at work.
DEMO_PEOPLE: tuple[tuple[str, str, str], ...] = (
    ("1001", "张伟 Zhang Wei", "officer"),
    ("1002", "王芳 Wang Fang", "officer"),
    ("2001", "李强 Li Qiang", "unit_head"),
    ("3001", "刘洋 Liu Yang", "info_collector"),
    ("4001", "陈静 Chen Jing", "bureau_head"),
    ("5001", "赵敏 Zhao Min", "auditor"),
    ("9001", "孙磊 Sun Lei", "admin"),
)

# (serial, brand, model, clock drift in seconds, main battery %): B002's battery is low, so
# its own reading blocks the sign-out (Art. 4), and A001's clock has drifted.
DEMO_RECORDERS: tuple[tuple[str, str, str, float, int], ...] = (
    ("DSJ-A001", "Hikvision", "DS-MH2311", 37.0, 96),
    ("DSJ-A002", "Hikvision", "DS-MH2311", -3.0, 100),
    ("DSJ-B001", "Dahua", "MPT220", 0.0, 88),
    ("DSJ-B002", "Dahua", "MPT220", 125.0, 45),
)

# Art. 5(8), 9: a recorder the unit head sent for repair, and one of another unit, so a
# newcomer sees both: neither is offered for sign-out; the foreign one's footage is flagged.
DEMO_IN_REPAIR = ("DSJ-C001", "Hikvision", "DS-MH2311", "battery", "does not hold a charge")
DEMO_OTHER_UNIT = "DEMO02"
DEMO_FOREIGN_RECORDER = ("DSJ-X001", "Dahua", "MPT220")
# Art. 9: an officer of another unit, registered so the rule refusing them can be seen.
DEMO_VISITOR = ("8001", "周杰 Zhou Jie", "officer")


@dataclass(frozen=True)
class DemoKiosk:
    """What the demo's root gives the kiosk: its services, badges, hands and dock folder."""

    services: Services
    badges: list[DemoBadge]
    # The port only: the kiosk never sees which adapter moves the recorders.
    hands: DemoHands
    # The folder `bwc dock --simulator` watches beside the kiosk (DESIGN §1).
    dock_dir: Path


def seed(services: Services, pins: dict[str, str] | None = None) -> list[DemoBadge]:
    """Register the demo people (fresh random PINs unless given) and recorders.

    The demo follows the two-person rule like any unit (DESIGN §6): the unit head comes first,
    alone (the bootstrap), and confirms everyone privileged after.
    """
    unit = services.settings.unit_code
    admin = Actor("demo:seed", "admin", unit)
    chosen = {
        badge: (pins or {}).get(badge) or f"{secrets.randbelow(10**6):06d}"
        for badge, _, _ in DEMO_PEOPLE
    }
    head = next(person for person in DEMO_PEOPLE if person[2] == "unit_head")
    services.registry.add_person(admin, head[0], head[1], head[2], chosen[head[0]])
    confirmer = services.auth.sign_in(head[0], chosen[head[0]])
    for badge, name, role in DEMO_PEOPLE:
        if badge != head[0]:
            second = confirmer if role != "officer" else None
            services.registry.add_person(admin, badge, name, role, chosen[badge], second)
    for serial, brand, model, _, _ in DEMO_RECORDERS:
        services.registry.add_recorder(admin, serial, brand, model)
    serial, brand, model, part, note = DEMO_IN_REPAIR
    services.registry.add_recorder(admin, serial, brand, model)
    services.lifecycle.report_fault(confirmer, serial, part, note)
    services.registry.add_recorder(admin, *DEMO_FOREIGN_RECORDER, DEMO_OTHER_UNIT)
    visitor_pin = (pins or {}).get(DEMO_VISITOR[0]) or f"{secrets.randbelow(10**6):06d}"
    services.registry.add_person(admin, *DEMO_VISITOR, visitor_pin, unit_code=DEMO_OTHER_UNIT)
    badges = [DemoBadge(badge, name, role, chosen[badge]) for badge, name, role in DEMO_PEOPLE]
    return [*badges, DemoBadge(*DEMO_VISITOR, visitor_pin)]


def demo_settings(root: Path, language: str) -> Settings:
    """The settings of a demo home at root: its unit, its drive, no seal (a throwaway)."""
    return Settings(
        home=root,
        config_path=root / "kiosk.toml",
        unit_code=DEMO_UNIT[0],
        unit_name=DEMO_UNIT[1],
        language=language,
        seal="off",
        handover_drives=(HandoverDriveRule(*DEMO_DRIVE),),
        demo=True,
    )


def make_home(
    home: Path | None = None,
    language: str = "zh_CN",
    clock: Clock | None = None,
    pins: dict[str, str] | None = None,
) -> tuple[Services, list[DemoBadge]]:
    """Build a throwaway demo home (a fresh temporary directory unless given) and seed it.

    The home is 0750 like any other (DESIGN §6), and its archive is never sealed immutable, so
    the demo can be thrown away (`[archive] seal = "off"`).
    """
    root = home or Path(tempfile.mkdtemp(prefix="bwc-demo-"))
    if home is None:
        root.chmod(0o750)
    settings = demo_settings(root, language)
    services = build_services(settings, clock=clock)
    create_keys(settings)
    services.registry.init_unit(Actor("demo:seed", "admin", DEMO_UNIT[0]), *DEMO_UNIT)
    config_render.save(settings.config_path, config_render.render(settings))
    hands = demo_hands(services)
    for serial, brand, model, drift, battery in DEMO_RECORDERS:
        hands.create(serial, brand, model, drift, main_battery_percent=battery)
    hands.create(*DEMO_IN_REPAIR[:3], 0.0, main_battery_percent=12)
    hands.create(*DEMO_FOREIGN_RECORDER, 0.0, main_battery_percent=90)
    return services, seed(services, pins)


def demo_hands(services: Services) -> SimulatorHands:
    """The hands that dock and undock the demo home's simulator recorders."""
    settings = services.settings
    return SimulatorHands(
        settings.home, services.ctx.clock, drive_dir=handover_drive_folder(settings)
    )


def kiosk_demo(language: str) -> DemoKiosk:
    """A fresh demo home, seeded, with the services the kiosk runs on.

    The demo seeds its home as `bwc init` would; the kiosk then holds the public keys, as on
    the box (DESIGN §6), except one: the demo is kiosk and service in one throwaway home, so
    it seals the collector's hand-over with the home's own audit key, which on the box only
    the service holds.
    """
    seeded, badges = make_home(language=language)
    services = build_kiosk_services(
        seeded.settings, audit_signer=FileSigner(seeded.settings.keys_dir, "audit")
    )
    seeded.close()
    hands = demo_hands(services)
    return DemoKiosk(services, badges, hands, hands.dock_dir)
