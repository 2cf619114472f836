"""Provides the bwc-bureau-desk command: the collector's desk on a bureau home (issue 14)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from appliance import bureau_config
from appliance.domain.errors import Refusal
from appliance.i18n import explain


def main(argv: Sequence[str] | None = None) -> int:
    """Open the bureau home (--home, BWC_BUREAU_HOME) and run the desk; bad input is one line."""
    parser = argparse.ArgumentParser(prog="bwc-bureau-desk", description="the collector's desk")
    parser.add_argument("--home", default=None, help="the bureau home")
    parser.add_argument("--lang", choices=bureau_config.LANGUAGES, default=None)
    args = parser.parse_args(argv)
    language = args.lang or "zh_CN"
    try:
        home = bureau_config.locate(args.home)
        settings = bureau_config.load(home)
        language = args.lang or settings.language
        from appliance.bureau_root import build_bureau

        bureau = build_bureau(settings)
    except Refusal as refusal:
        print(explain(refusal, language), file=sys.stderr)
        return 2
    from tui.bureau.app import BureauDeskApp

    try:
        BureauDeskApp(bureau, language).run()
    finally:
        bureau.close()
    return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
