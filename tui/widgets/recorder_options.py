"""Provides the list of recorders a fault or a loss is declared on, each with its holder."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from appliance.domain.records import RecorderStatus
from tui.text import plain


def fill_recorder_options(
    options: OptionList, rows: Sequence[RecorderStatus], words: Callable[..., str]
) -> bool:
    """Show one option per recorder (serial, brand, model, who holds it), the first
    highlighted; whether there was any."""
    options.clear_options()
    for row in rows:
        recorder = row.recorder
        holder = row.holder_name or row.holder_badge
        key = "ui.fault.option_held" if holder else "ui.fault.option"
        prompt = words(
            key, serial=recorder.serial, brand=recorder.brand, model=recorder.model, holder=holder
        )
        options.add_option(Option(plain(prompt), id=recorder.serial))
    if rows:
        options.highlighted = 0
    return bool(rows)
