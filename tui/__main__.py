"""Provides the bwc-kiosk command: the kiosk UI on a home, or on a throwaway demo home."""

from __future__ import annotations

import argparse
import ctypes
import logging
import logging.handlers
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from appliance.demo import DemoKiosk

JOURNAL_SOCKET = Path("/dev/log")
PR_SET_PDEATHSIG = 1


def demo_language(env: Mapping[str, str]) -> str:
    """The demo speaks the user's language: Chinese for a zh locale, English otherwise."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


def _scrub_textual_environment() -> None:
    # STYLE 13: TEXTUAL_* variables switch on devtools, screenshots, key replay and signals
    # (TEXTUAL_ALLOW_SIGNALS would let Ctrl+C and Ctrl+Z through); the kiosk takes none.
    for name in [key for key in os.environ if key.startswith("TEXTUAL")]:
        del os.environ[name]


def log_to(home: Path) -> None:
    """Send log records to home/kiosk.log, else to the journal; never to the kiosk's screen.

    DESIGN §3.5: a traceback must never reach the terminal the kiosk draws on.
    """
    handler: logging.Handler
    try:
        handler = logging.FileHandler(home / "kiosk.log", encoding="utf-8")
    except OSError:
        if JOURNAL_SOCKET.exists():
            handler = logging.handlers.SysLogHandler(address=str(JOURNAL_SOCKET))
        else:
            handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)


def _die_with_parent() -> None:
    """In the child: receive SIGTERM when the kiosk dies, however it dies (Linux prctl)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@contextmanager
def demo_dock(home: Path, dock_dir: Path) -> Iterator[None]:
    """Run `bwc dock --simulator` beside the demo kiosk, logging to the home; stop it after."""
    log = (home / "dock.log").open("ab")
    command = [sys.executable, "-m", "appliance", "--home", str(home), "dock"]
    process = subprocess.Popen(  # noqa: S603 -- our own interpreter and module, fixed arguments
        [*command, "--simulator", str(dock_dir)],
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
        preexec_fn=_die_with_parent,  # prctl only: safe between fork and exec
    )
    try:
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def run_demo(demo: DemoKiosk, keep: bool, show: Callable[[], None]) -> Path:
    """Show the demo with its dock service beside it; then remove its home unless kept.

    Returns the home (gone unless `keep`). A throwaway home leaves nothing in /tmp: its
    archive is never sealed, so it can be removed whole.
    """
    home = demo.services.settings.home
    try:
        # As on the box, the dock service is its own process (DESIGN §1).
        with demo_dock(home, demo.dock_dir):
            show()
    finally:
        demo.services.close()
        if not keep:
            shutil.rmtree(home, ignore_errors=True)
    return home


def main(argv: Sequence[str] | None = None) -> int:
    """Run the kiosk until the demo is quit (the box's kiosk runs until power-off)."""
    parser = argparse.ArgumentParser(prog="bwc-kiosk", description="The bwc kiosk UI.")
    parser.add_argument("--home", help="the data home (else BWC_HOME, else /etc/bwc/kiosk.toml)")
    parser.add_argument("--demo", action="store_true", help="run on a throwaway demo home")
    parser.add_argument(
        "--keep", action="store_true", help="with --demo: keep the demo home when the demo ends"
    )
    args = parser.parse_args(argv)
    _scrub_textual_environment()
    # Textual reads its environment when imported, so it is imported only now.
    from appliance import config, privileges
    from appliance.bootstrap import build_kiosk_services
    from appliance.demo import kiosk_demo
    from appliance.domain.errors import Refusal
    from appliance.i18n import explain
    from tui.app import create_app
    from tui.widgets.clip_pictures import detected_mode

    # Asked of the terminal now: once Textual runs, it reads the terminal's answers itself.
    pictures = detected_mode()
    # DESIGN §6: nothing the kiosk creates (its log, the database's WAL) is world-readable.
    privileges.set_umask()
    if args.demo:
        # The demo's root builds the home and gives the app its hands through the port.
        demo = kiosk_demo(demo_language(os.environ))
        log_to(demo.services.settings.home)
        home = run_demo(
            demo,
            args.keep,
            lambda: create_app(
                demo.services, demo.badges, hands=demo.hands, pictures=pictures
            ).run(),
        )
        if args.keep:
            print(f"bwc-kiosk demo home kept: {home}\ncheck it: bwc --home {home} audit verify")
        else:
            print("bwc-kiosk demo home removed (make demo KEEP=1 keeps it).")
        return 0
    try:
        home, config_path = config.locate(args.home)
        # As `bwc` does: run as root on the service user's home, become its owner first.
        owner = privileges.foreign_owner(home)
        if owner is not None:
            privileges.become(owner)
        settings = config.load(home, config_path)
        services = build_kiosk_services(settings)
        services.registry.unit()
    except Refusal as refusal:
        language = demo_language(os.environ)
        print(f"bwc-kiosk: {explain(refusal, language)}", file=sys.stderr)
        return 2
    log_to(settings.home)
    create_app(services, pictures=pictures).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
