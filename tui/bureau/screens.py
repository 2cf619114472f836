"""Provides the desk's two screens: sign-in with badge and PIN, and the desk itself (issue 14).

Thin screens (STYLE 10): every read and every command runs in a thread worker that posts its
outcome; untrusted text (names, file names, badge codes) is shown as plain Text, never markup.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Static

from appliance.bureau_root import Bureau
from appliance.domain.errors import Refusal
from appliance.domain.records import Actor
from appliance.i18n import explain, t
from appliance.quantities import human_bytes
from appliance.safe_text import printable
from tui.bureau.messages import ClipsFound, DeskRefused, IngestDone, SignedIn, ViewLoaded


def _plain(value: object) -> Text:
    """Untrusted text as one plain line: escapes shown escaped, no markup read."""
    return Text(printable(str(value), limit=200))


class SignInScreen(Screen[None]):
    """Badge and PIN; a refusal is one line on the screen."""

    def __init__(self, bureau: Bureau, language: str) -> None:
        super().__init__()
        self.bureau = bureau
        self.language = language

    def compose(self) -> ComposeResult:
        say = self.language
        with Vertical(classes="body"):
            yield Static(
                _plain(t("ui.bureau.title", say, name=self.bureau.settings.name)),
                classes="screen-title",
            )
            yield Static(t("ui.bureau.sign_in_prompt", say), classes="prompt")
            yield Input(placeholder=t("ui.bureau.badge", say), id="badge")
            yield Input(placeholder=t("ui.bureau.pin", say), password=True, id="pin")
            yield Button(t("ui.bureau.sign_in", say), id="sign-in", variant="primary")
            yield Static("", id="line")

    @on(Button.Pressed, "#sign-in")
    @on(Input.Submitted, "#pin")
    def sign_in(self) -> None:
        badge = self.query_one("#badge", Input).value.strip()
        pin = self.query_one("#pin", Input).value.strip()
        self.query_one("#sign-in", Button).disabled = True
        self._sign_in(badge, pin)

    @work(thread=True, group="sign-in", exclusive=False)
    def _sign_in(self, badge: str, pin: str) -> None:
        try:
            actor = self.bureau.people.sign_in(badge, pin)
        except Refusal as refusal:
            self.post_message(DeskRefused(explain(refusal, self.language)))
            return
        self.post_message(SignedIn(actor))

    def on_desk_refused(self, message: DeskRefused) -> None:
        self.query_one("#line", Static).update(_plain(message.line))
        self.query_one("#pin", Input).value = ""
        self.query_one("#sign-in", Button).disabled = False

    def on_signed_in(self, message: SignedIn) -> None:
        self.query_one("#badge", Input).value = ""
        self.query_one("#pin", Input).value = ""
        self.query_one("#line", Static).update("")
        self.query_one("#sign-in", Button).disabled = False
        self.app.push_screen(DeskScreen(self.bureau, self.language, message.actor))


UNIT_COLUMNS = ("unit", "name", "key", "held", "packages")
PACKAGE_COLUMNS = ("package", "unit", "period", "clips", "new_clips", "size", "received")
ALARM_COLUMNS = ("alarm", "when", "unit", "what", "seq", "package")
CLIP_COLUMNS = ("clip", "unit", "day", "officer", "recorder", "name", "cases", "size")


class DeskScreen(Screen[None]):
    """The collector's desk: units, packages, alarms, the ingest of a drive, the clip search."""

    BINDINGS = [Binding("escape", "sign_off", show=False)]

    def __init__(self, bureau: Bureau, language: str, actor: Actor) -> None:
        super().__init__()
        self.bureau = bureau
        self.language = language
        self.actor = actor

    def _words(self, key: str, **params: object) -> str:
        return t(key, self.language, **params)

    def compose(self) -> ComposeResult:
        say = self._words
        with VerticalScroll(classes="body"):
            yield Static(
                _plain(say("ui.bureau.signed_in", name=self.actor.name, badge=self.actor.actor_id)),
                classes="screen-title",
            )
            yield Static(say("ui.bureau.ingest_prompt"), classes="prompt")
            with Horizontal(classes="desk-row"):
                yield Input(placeholder=say("ui.bureau.drive"), id="drive")
                yield Button(say("ui.bureau.ingest"), id="ingest", variant="primary")
            yield Static("", id="outcome")
            yield Static(say("ui.bureau.units"), classes="section")
            yield DataTable(id="units", cursor_type="row")
            yield Static(say("ui.bureau.packages"), classes="section")
            yield DataTable(id="packages", cursor_type="row")
            yield Static(say("ui.bureau.alarms"), classes="section")
            yield Static("", id="no-alarms")
            yield DataTable(id="alarms", cursor_type="row")
            yield Static(say("ui.bureau.search"), classes="section")
            with Horizontal(classes="desk-row"):
                yield Input(placeholder=say("ui.bureau.unit"), id="q-unit")
                yield Input(placeholder=say("ui.bureau.officer"), id="q-officer")
                yield Input(placeholder=say("ui.bureau.case"), id="q-case")
                yield Input(placeholder=say("ui.bureau.day"), id="q-day")
                yield Button(say("ui.bureau.find"), id="find")
            yield Static("", id="found")
            yield DataTable(id="clips", cursor_type="row")
            yield Button(say("ui.bureau.sign_off"), id="sign-off")

    def on_mount(self) -> None:
        for table_id, columns in (
            ("#units", UNIT_COLUMNS),
            ("#packages", PACKAGE_COLUMNS),
            ("#alarms", ALARM_COLUMNS),
            ("#clips", CLIP_COLUMNS),
        ):
            table = self.query_one(table_id, DataTable)
            table.add_columns(*(t(f"cli.col.{c}", self.language) for c in columns))
        self.reload()

    @work(thread=True, group="view", exclusive=True)
    def reload(self) -> None:
        """Read the units, packages and alarms again."""
        self.post_message(ViewLoaded(self.bureau.desk.view()))

    def on_view_loaded(self, message: ViewLoaded) -> None:
        view = message.view
        units = self.query_one("#units", DataTable)
        units.clear()
        for u in view.units:
            units.add_row(*(_plain(v) for v in (u.code, u.name, u.key, u.events_held, u.packages)))
        packages = self.query_one("#packages", DataTable)
        packages.clear()
        zone = self.bureau.settings.zone()
        for p in view.packages:
            when = p.ingested_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
            row = (p.id, p.unit, p.period, p.clips, p.new_clips, human_bytes(p.bytes), when)
            packages.add_row(*(_plain(v) for v in row))
        alarms = self.query_one("#alarms", DataTable)
        alarms.clear()
        for a in view.alarms:
            when = a.at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
            what = self._words(f"bureau.alarm.{a.kind}")
            cells = (a.id, when, a.unit, what, "" if a.seq is None else a.seq, a.package)
            alarms.add_row(*(_plain(v) for v in cells))
        none = "" if view.alarms else self._words("bureau.no_alarms")
        self.query_one("#no-alarms", Static).update(none)

    @on(Button.Pressed, "#ingest")
    @on(Input.Submitted, "#drive")
    def ingest(self) -> None:
        path = self.query_one("#drive", Input).value.strip()
        if not path:
            self.query_one("#outcome", Static).update(self._words("ui.bureau.no_drive"))
            return
        self.query_one("#ingest", Button).disabled = True
        self.query_one("#outcome", Static).update(self._words("ui.bureau.ingesting"))
        self._ingest(Path(path))

    @work(thread=True, group="ingest", exclusive=False)
    def _ingest(self, source: Path) -> None:
        say = self._words
        try:
            outcomes = self.bureau.ingest.ingest(self.actor, source)
        except Refusal as refusal:
            self.post_message(IngestDone([explain(refusal, self.language)]))
            return
        lines = []
        for o in outcomes:
            if o.status == "ingested":
                lines.append(
                    say(
                        "bureau.ingested",
                        name=o.name,
                        unit=o.unit,
                        period=o.period,
                        count=o.clips,
                        new=o.new_clips,
                        size=human_bytes(o.bytes),
                    )
                )
            elif o.status == "held":
                lines.append(say("bureau.already_held", name=o.name, unit=o.unit, period=o.period))
            elif o.refusal is not None:
                lines.append(
                    say("bureau.refused", name=o.name, why=explain(o.refusal, self.language))
                )
        self.post_message(IngestDone(lines))

    def on_ingest_done(self, message: IngestDone) -> None:
        self.query_one("#outcome", Static).update(Text("\n".join(message.lines)))
        self.query_one("#ingest", Button).disabled = False
        self.reload()

    @on(Button.Pressed, "#find")
    def find(self) -> None:
        values = {
            name: self.query_one(f"#q-{name}", Input).value.strip() or None
            for name in ("unit", "officer", "case", "day")
        }
        self._find(values)

    @work(thread=True, group="find", exclusive=True)
    def _find(self, values: dict[str, str | None]) -> None:
        try:
            found = self.bureau.clips.find(
                self.actor,
                values["unit"],
                values["officer"],
                values["case"],
                values["day"],
                values["day"],
            )
        except Refusal as refusal:
            self.post_message(DeskRefused(explain(refusal, self.language)))
            return
        self.post_message(ClipsFound(found))

    def on_desk_refused(self, message: DeskRefused) -> None:
        self.query_one("#found", Static).update(_plain(message.line))

    def on_clips_found(self, message: ClipsFound) -> None:
        table = self.query_one("#clips", DataTable)
        table.clear()
        restricted = self._words("bureau.restricted")
        for shown in message.clips:
            c = shown.clip
            cells = (
                c.id,
                c.unit,
                c.day,
                c.officer or "",
                restricted if shown.restricted else c.recorder,
                restricted if shown.restricted else c.original_name,
                "" if shown.restricted else ", ".join(c.cases),
                human_bytes(c.size),
            )
            table.add_row(*(_plain(v) for v in cells))
        said = self._words("ui.bureau.found", count=len(message.clips))
        self.query_one("#found", Static).update(
            said if message.clips else self._words("bureau.no_clips_found")
        )

    @on(Button.Pressed, "#sign-off")
    def action_sign_off(self) -> None:
        self.app.pop_screen()
