"""Provides the unit head's evidence disc of a case at the kiosk (Art. 12(4), DESIGN §12).

The services decide every step (discs, disc_requests); this screen shows them in order: the
cases → one case's clips → the place (and who recorded, when the box cannot tell) → a blank disc
in the burner → sealed, imaged, read back, burnt, read back from the disc, the form printed →
done, with what to do with the form.

Two modes, as the hand-over's: the demo makes the disc itself; on the box the kiosk holds no key
and may not open the burner (DESIGN §6), so it asks the service and follows the request row, its
steps and its answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from appliance.domain.records import Actor
from appliance.domain.requests import KioskRequest, RequestState
from appliance.services.disc_requests import KioskDisc, answer_params
from appliance.services.discs import STEPS, CaseForDisc, DiscPreview
from tui.messages import ServiceRefused, ShowDone
from tui.screens.base import KioskScreen
from tui.screens.request_follow import FollowsRequest, RequestAnswer
from tui.text import human_bytes, plain, plain_lines
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar

# The clips a case's preview names one by one; the rest are counted.
PREVIEW_CLIPS = 2


@dataclass
class CasesLoaded(Message):
    """The cases a disc may be made of."""

    cases: list[CaseForDisc]


@dataclass
class PreviewLoaded(Message):
    """What a disc of the case chosen would hold."""

    preview: DiscPreview


@dataclass
class BurnerLooked(Message):
    """Whether a burner is attached."""

    ready: bool


@dataclass
class DiscStep(Message):
    """The step under way (its index in STEPS); a newer one replaces an older one."""

    done: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, DiscStep)


@dataclass
class DiscMade(Message):
    """The disc is burnt and read back, its form sent to the printer (the demo's mode)."""

    disc: KioskDisc


@dataclass
class DiscAsked(Message):
    """The disc is queued for the service (on the box)."""

    request: KioskRequest


class DiscScreen(FollowsRequest, KioskScreen):
    """A unit head's cases; the one chosen goes onto an evidence disc."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor
        self.cases: dict[str, CaseForDisc] = {}
        self.preview: DiscPreview | None = None
        # The case being burnt, until it is done or refused.
        self.burning: str | None = None

    @property
    def direct(self) -> bool:
        """Whether this kiosk makes the disc itself (the demo) or asks the service."""
        return self.services.requests.disc.direct

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.disc.title")), classes="screen-title")
            yield Static(plain(self.words("ui.disc.prompt")), id="disc-prompt")
            yield OptionList(id="disc-cases")
            yield Static("", id="disc-clips")
            with Horizontal(classes="life-fields"):
                yield Input(placeholder=self.words("ui.disc.place"), id="disc-place")
                yield Input(placeholder=self.words("ui.disc.recorded_by"), id="disc-recorded-by")
            yield Static("", id="disc-burner")
            yield ProgressBar(total=len(STEPS), show_eta=False, id="disc-bar")
            yield Notice(id="disc-notice")
            with Horizontal(classes="buttons"):
                yield Button(
                    self.words("ui.disc.make"), variant="primary", id="make", disabled=True
                )
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self.query_one("#disc-bar", ProgressBar).display = False
        self.query_one("#back", Button).focus()
        self.load()

    def load(self) -> None:
        """Ask afresh for the cases, and whether a burner is attached."""
        self.calls.query("cases", partial(self.services.discs.cases, self.actor), CasesLoaded)
        self.calls.query("burner", self.services.requests.disc.burner_ready, BurnerLooked)

    def on_cases_loaded(self, message: CasesLoaded) -> None:
        self.cases = {case.case_number: case for case in message.cases}
        options = self.query_one("#disc-cases", OptionList)
        options.clear_options()
        for case in message.cases:
            options.add_option(Option(plain(self.case_text(case)), id=case.case_number))
        if message.cases:
            options.highlighted = 0
            options.focus()
        else:
            options.add_option(Option(plain(self.words("ui.disc.none")), disabled=True))
            self.query_one("#back", Button).focus()
        self.enable_make()

    def case_text(self, case: CaseForDisc) -> str:
        """One case in words: its number, clips, size and the discs made of it before."""
        line = self.words(
            "ui.disc.case", case=case.case_number, count=case.clips, size=human_bytes(case.bytes)
        )
        if case.discs:
            line += self.words("ui.disc.case_discs", count=case.discs)
        return line

    @on(OptionList.OptionHighlighted, "#disc-cases")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """A case highlighted: its clips are shown."""
        number = event.option.id
        if number is None or number not in self.cases:
            return
        preview = partial(self.services.discs.preview, self.actor, number)
        self.calls.query("preview", preview, PreviewLoaded)

    @on(OptionList.OptionSelected, "#disc-cases")
    def picked(self) -> None:
        """Enter on a case moves to the place."""
        self.query_one("#disc-place", Input).focus()

    def on_preview_loaded(self, message: PreviewLoaded) -> None:
        preview = message.preview
        if preview.case_number != self.chosen():
            return
        self.preview = preview
        lines = [self.words("ui.disc.clips", count=len(preview.clips))]
        for clip in preview.clips[:PREVIEW_CLIPS]:
            badge = clip.holder_badge
            holder = preview.names.get(badge, badge) if badge else self.words("ui.disc.no_holder")
            lines.append(
                self.words(
                    "ui.disc.clip",
                    clip=clip.id,
                    day=clip.day,
                    name=holder,
                    # The form names the file as the recorder did; here its name is enough.
                    file=clip.source_name.rsplit("/", 1)[-1],
                    size=human_bytes(clip.size),
                )
            )
        more = len(preview.clips) - PREVIEW_CLIPS
        if more > 0:
            lines.append(self.words("ui.disc.more", count=more))
        if preview.left_out:
            lines.append(self.words("ui.disc.left_out", count=len(preview.left_out)))
        self.query_one("#disc-clips", Static).update(plain_lines("\n".join(lines)))
        recorded = self.query_one("#disc-recorded-by", Input)
        if preview.recorded_by is not None:
            recorded.placeholder = self.words(
                "ui.disc.recorded_by_default", name=preview.recorded_by
            )
        else:
            recorded.placeholder = self.words("ui.disc.recorded_by_needed")
        self.enable_make()

    def on_burner_looked(self, message: BurnerLooked) -> None:
        key = "ui.disc.burner_ready" if message.ready else "ui.disc.no_burner"
        self.query_one("#disc-burner", Static).update(plain(self.words(key)))

    def chosen(self) -> str | None:
        """The case highlighted in the list, if there is one."""
        highlighted = self.query_one("#disc-cases", OptionList).highlighted_option
        if highlighted is None or highlighted.id not in self.cases:
            return None
        return highlighted.id

    def enable_make(self) -> None:
        """Make disc is offered once a case is there (the service says what else is missing)."""
        if self.burning is None and not self.calls.busy:
            self.query_one("#make", Button).disabled = self.chosen() is None

    @on(Input.Submitted, "#disc-place")
    def next_field(self) -> None:
        """Enter on the place moves on to who recorded."""
        self.query_one("#disc-recorded-by", Input).focus()

    @on(Input.Submitted, "#disc-recorded-by")
    @on(Button.Pressed, "#make")
    def make(self) -> None:
        """Make the chosen case's disc: here (the demo) or by the service (the box)."""
        case = self.chosen()
        if case is None or self.burning is not None:
            return
        place = self.query_one("#disc-place", Input).value
        recorded = self.query_one("#disc-recorded-by", Input).value
        hold = (
            self.query_one("#make", Button),
            self.query_one("#disc-cases", OptionList),
            *self.query(Input),
        )
        discs, language = self.services.requests.disc, self.kiosk.language
        if not self.direct:
            ask = partial(discs.ask, self.actor, case, place or None, recorded or None, language)
            if self.calls.command("disc", ask, DiscAsked, *hold):
                self.start_bar(case)
            return

        def step(name: str) -> None:
            self.post_message(DiscStep(STEPS.index(name)))

        call = partial(
            discs.make, self.actor, case, place or None, recorded or None, language, step
        )
        if self.calls.command("disc", call, DiscMade, *hold):
            self.start_bar(case)

    def start_bar(self, case: str) -> None:
        """The steps shown from the first; the list and fields held still meanwhile."""
        self.burning = case
        self.notice.clear()
        bar = self.query_one("#disc-bar", ProgressBar)
        bar.update(total=len(STEPS), progress=0)
        bar.display = True
        self.show_step(0)

    def show_step(self, done: int) -> None:
        if self.burning is None:
            return
        step = STEPS[min(done, len(STEPS) - 1)]
        line = self.words(
            "ui.disc.step",
            case=self.burning,
            step=self.words(f"ui.disc.step.{step}"),
            number=min(done, len(STEPS) - 1) + 1,
            steps=len(STEPS),
        )
        self.query_one("#disc-burner", Static).update(plain(line))

    def on_disc_step(self, message: DiscStep) -> None:
        if self.burning is None:
            return
        self.query_one("#disc-bar", ProgressBar).update(progress=message.done)
        self.show_step(message.done)

    def on_disc_made(self, message: DiscMade) -> None:
        self.show_done(answer_params(message.disc))

    def show_done(self, made: dict[str, str]) -> None:
        """Burnt, read back from the disc, the form printed: the screen is done."""
        self.burning = None
        line = self.words(
            "ui.disc.done",
            case=made.get("case", ""),
            clips=made.get("clips", "0"),
            files=made.get("files", "0"),
            sha=made.get("image_sha256", "")[:16],
        )
        form = made.get("form", "")
        if made.get("job"):
            line += " " + self.words("ui.disc.printed", printer=made.get("printer", ""))
        elif made.get("not_printed") == "print.no_printer":
            line += " " + self.words("ui.disc.print_yourself", form=form)
        else:
            why = self.words(made.get("not_printed") or "print.print_failed")
            line += " " + self.words("ui.disc.not_printed", why=why, form=form)
        if made.get("left_out"):
            line += " " + self.words("ui.disc.done_left_out", clips=made["left_out"])
        self.app.post_message(ShowDone(self, line))

    # On the box: the service's answer, read back from the request row.
    def on_disc_asked(self, message: DiscAsked) -> None:
        self.follow(message.request)
        # The command gave its widgets back: they stay off until the service answers.
        for widget in (self.query_one("#make", Button), self.query_one("#disc-cases", OptionList)):
            widget.disabled = True
        for field in self.query(Input):
            field.disabled = True
        self.notice.inform(self.words("ui.disc.asked", case=message.request.subject))

    def on_request_answer(self, message: RequestAnswer) -> None:
        request = self.answered(message, DiscStep)
        if request is None:
            return
        self.notice.clear()
        if request.state is RequestState.REFUSED:
            why = self.words(request.reason, **{"badge": request.requested_by, **request.params})
            self.stop_burning()
            self.notice.refuse(why)
            return
        self.show_done(dict(request.params))

    @on(ServiceRefused)
    def refused(self) -> None:
        """A refused disc leaves nothing: the cases are read afresh, and a new try starts."""
        self.stop_burning()

    def stop_burning(self) -> None:
        """Back to the cases: the bar hidden, the burner line and the list afresh."""
        self.burning = None
        self.query_one("#disc-bar", ProgressBar).display = False
        self.query_one("#disc-cases", OptionList).disabled = False
        for field in self.query(Input):
            field.disabled = False
        self.load()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu; a disc this kiosk is making is never left half done (the
        service's goes on without the screen)."""
        self.go_back()
