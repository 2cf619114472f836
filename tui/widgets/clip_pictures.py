"""Provides a clip's pictures on the kiosk: sixel in foot, words on a terminal without graphics.

textual-image picks the way to draw when it is first imported, by asking the terminal (a DA1
query: foot answers that it speaks sixel), which only works before Textual owns the terminal;
`detected_mode()` is therefore called by `bwc-kiosk` before the app starts. Everywhere else
(the tests, a terminal that says nothing) the kiosk shows words: the time, the length and the
recorder, so a clip is still told apart from its neighbours (issue 9 item 7).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from appliance.domain.footage import ArchivedClip
from appliance.i18n import t
from tui.text import day_time, human_bytes, plain_lines

if TYPE_CHECKING:
    from tui.app import KioskApp


class PictureMode(StrEnum):
    """How the kiosk draws a picture."""

    # Sixel (foot) or the kitty protocol, whichever the terminal said it speaks.
    GRAPHICS = "graphics"
    # Coloured half cells: any colour terminal, coarse (the Pilot tests draw with it).
    HALFCELL = "halfcell"
    # No picture, the words only.
    TEXT = "text"


def detected_mode() -> PictureMode:
    """GRAPHICS when the terminal speaks sixel or kitty graphics, else TEXT.

    Call before Textual starts (the import asks the terminal, see the module docstring).
    """
    from textual_image.renderable import Image, SixelImage, TGPImage

    return PictureMode.GRAPHICS if Image in (SixelImage, TGPImage) else PictureMode.TEXT


def clip_caption(screen: Screen[Any], clip: ArchivedClip) -> str:
    """The words that tell a clip apart: when it was recorded, how long, which recorder."""
    app = cast("KioskApp", screen.app)
    language = app.language
    seconds = clip.media.duration_seconds
    return t(
        "ui.pictures.caption",
        language,
        time=day_time(clip.recorded_at or clip.archived_at, app.services.settings),
        seconds=f"{seconds:.0f}" if seconds else t("ui.pictures.unknown_length", language),
        serial=clip.serial,
    )


def clip_line(screen: Screen[Any], clip: ArchivedClip, restricted: bool) -> str:
    """A clip as a line of a list: time, length, flags (before the long file name), name; or,
    restricted to the viewer (Art. 3), its day and size only."""
    app = cast("KioskApp", screen.app)
    language = app.language
    if restricted:
        # That it exists, its day and size; nothing of what it shows.
        return t("ui.filing.restricted", language, day=clip.day, size=human_bytes(clip.size))
    flags = "".join(f"[{t('flag.' + flag.value, language)}] " for flag in sorted(clip.flags))
    seconds = clip.media.duration_seconds
    return t(
        "ui.filing.clip",
        language,
        time=day_time(clip.recorded_at or clip.archived_at, app.services.settings),
        seconds=f"{seconds:.0f}" if seconds else "?",
        # The recorder's own file name, shown literally but escaped (DESIGN §3.5).
        name=clip.source_name,
        flags=flags,
    )


def _picture(path: Path, mode: PictureMode) -> Widget:
    if mode is PictureMode.GRAPHICS:
        from textual_image.widget import Image

        return Image(path, classes="picture")
    from textual_image.widget import HalfcellImage

    return HalfcellImage(path, classes="picture")


class ClipPictures(Horizontal):
    """A clip's pictures side by side, then its words; the words alone without graphics."""

    DEFAULT_CSS = """
    ClipPictures { height: auto; margin-bottom: 1; }
    ClipPictures .picture { width: 12; height: 4; margin-right: 1; }
    ClipPictures .caption { width: 1fr; height: auto; }
    """

    def __init__(
        self,
        mode: PictureMode,
        pictures: Sequence[Path] = (),
        caption: str = "",
        *,
        id: str | None = None,  # noqa: A002 (Textual's name)
    ) -> None:
        super().__init__(id=id)
        self.mode = mode
        self.caption = caption
        self.pictures = self._drawn(pictures)

    def _drawn(self, pictures: Sequence[Path]) -> tuple[Path, ...]:
        return tuple(pictures) if self.mode is not PictureMode.TEXT else ()

    def compose(self) -> ComposeResult:
        for path in self.pictures:
            yield _picture(path, self.mode)
        yield Static(plain_lines(self.caption), classes="caption", markup=False)

    def show(self, pictures: Sequence[Path], caption: str) -> None:
        """Show these pictures (if the terminal can) and the words that say the clip."""
        drawn = self._drawn(pictures)
        self.caption = caption
        words = self.query_one(".caption", Static)
        if drawn != self.pictures:
            self.pictures = drawn
            for old in self.query(".picture"):
                old.remove()
            for path in drawn:
                self.mount(_picture(path, self.mode), before=words)
        words.update(plain_lines(caption))
