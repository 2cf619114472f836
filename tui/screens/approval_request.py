"""Provides one disclosure request for the bureau head's decision: its clips, then approve or
refuse (Art. 11, 13).

The kiosk plays no video: each clip is shown by its pictures, length, times, officer, flags and
class, in words. The decision is DisclosureService's: a bureau head other than the requester,
for exactly this item set, naming the privacy and trade-secret classes it lets out (Art. 3).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, SelectionList, Static

from appliance.domain.confidentiality import Classification
from appliance.domain.disclosure import REASON_LIMIT, Disclosure
from appliance.domain.records import Actor, Person
from appliance.i18n import explain
from appliance.services.approvals import ClipForDecision, RequestForDecision
from tui.messages import DisclosureDecided, RequestLoaded
from tui.screens.base import KioskScreen
from tui.text import day_time, plain, plain_lines
from tui.widgets.check_box import ShapeSelectionList
from tui.widgets.clip_pictures import ClipPictures
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar

_DECIDING = ("#approve", "#refuse", "#refuse-reason", "#named")


def person_words(screen: KioskScreen, person: Person | None, badge: str) -> dict[str, str]:
    """A person's name and role in words; a badge no longer on the books by its number."""
    if person is None:
        return {"name": screen.words("ui.approvals.unknown_person", badge=badge), "role": "—"}
    return {"name": person.name, "role": screen.words(f"role.{person.role}")}


class RequestScreen(KioskScreen):
    """A request's summary and clips; Approve (naming classes) or Refuse (with a reason)."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor, request_id: int) -> None:
        super().__init__()
        self.actor = actor
        self.request_id = request_id

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            title = self.words("ui.request.title", request=self.request_id)
            yield Static(plain(title), classes="screen-title")
            yield Static("", id="request-summary", markup=False)
            yield VerticalScroll(id="request-clips")
            yield Static(plain(self.words("ui.request.names")), id="named-prompt")
            with Horizontal(id="decision"):
                yield ShapeSelectionList(id="named")
                yield Input(
                    placeholder=self.words("ui.request.refuse_reason"),
                    id="refuse-reason",
                    max_length=REASON_LIMIT + 1,
                    select_on_focus=False,
                )
            yield Notice(id="request-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.request.approve"), variant="success", id="approve")
                yield Button(self.words("ui.request.refuse"), variant="error", id="refuse")
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        for selector in ("#named-prompt", "#named"):
            self.query_one(selector).display = False
        self.set_deciding(False)
        detail = partial(self.services.approvals.request, self.actor, self.request_id)
        self.calls.query("request", detail, RequestLoaded)

    def set_deciding(self, enabled: bool) -> None:
        """Offer the decision or not (until loaded, once decided, or never to the requester)."""
        for selector in _DECIDING:
            self.query_one(selector).disabled = not enabled

    def on_request_loaded(self, message: RequestLoaded) -> None:
        detail = message.detail
        self.query_one("#request-summary", Static).update(plain_lines(self.summary(detail)))
        clips = self.query_one("#request-clips", VerticalScroll)
        clips.remove_children()
        for entry in detail.clips:
            clips.mount(ClipPictures(self.kiosk.pictures, entry.pictures, self.clip_words(entry)))
        named = self.query_one("#named", SelectionList)
        named.clear_options()
        for cls in detail.nameable:
            named.add_option((plain(self.words(f"classification.{cls}")), cls.value))
        for selector in ("#named-prompt", "#named"):
            # Art. 3: only a set with privacy or trade-secret clips has a class to name.
            self.query_one(selector).display = bool(detail.nameable)
        if detail.blocked is not None:
            # Art. 13: why this person may not decide it, in the service's own words.
            self.notice.refuse(explain(detail.blocked, self.kiosk.language))
            self.query_one("#back", Button).focus()
            return
        self.set_deciding(True)
        self.query_one("#approve", Button).focus()

    def summary(self, detail: RequestForDecision) -> str:
        """Who asked, when, for whom, why, and until when an approval now would hold."""
        request = detail.pending.request
        settings = self.services.settings
        return self.words(
            "ui.request.summary",
            time=day_time(request.requested_at, settings),
            count=len(request.clip_ids),
            recipient=request.recipient,
            reason=request.reason,
            until=day_time(detail.pending.approval_until, settings),
            **person_words(self, detail.pending.requester, request.requested_by),
        )

    def clip_words(self, entry: ClipForDecision) -> str:
        """One clip in words: when, how long, which recorder, whose, its class and flags."""
        clip = entry.clip
        seconds = clip.media.duration_seconds
        flags = "".join(f" · {self.words('flag.' + flag.value)}" for flag in sorted(clip.flags))
        officer = (
            f"{entry.officer.name} ({entry.officer.badge})"
            if entry.officer is not None
            else (clip.holder_badge or self.words("ui.request.no_officer"))
        )
        return self.words(
            "ui.request.clip",
            clip=clip.id,
            time=day_time(clip.recorded_at or clip.archived_at, self.services.settings),
            seconds=f"{seconds:.0f}" if seconds else self.words("ui.pictures.unknown_length"),
            serial=clip.serial,
            officer=officer,
            classification=self.words(f"classification.{entry.classification}"),
            flags=flags,
        )

    @on(Button.Pressed, "#approve")
    def approve(self) -> None:
        """Approve exactly this request, naming the ticked classes; the service decides."""
        named = frozenset(
            Classification(value) for value in self.query_one("#named", SelectionList).selected
        )
        call = partial(self.services.disclosure.approve, self.actor, self.request_id, named)
        self.decide("approve", call)

    @on(Input.Submitted, "#refuse-reason")
    @on(Button.Pressed, "#refuse")
    def refuse(self) -> None:
        """Refuse with the typed reason (the service refuses an empty one, in words)."""
        reason = self.query_one("#refuse-reason", Input).value
        call = partial(self.services.disclosure.refuse, self.actor, self.request_id, reason)
        self.decide("refuse", call)

    def decide(self, name: str, call: Callable[[], Disclosure]) -> None:
        """Run the decision as a command: its widgets held until it settles (STYLE 10)."""
        hold = [self.query_one(selector) for selector in _DECIDING]
        if self.calls.command(name, call, DisclosureDecided, *hold):
            self.notice.inform(self.words("ui.busy"))

    def on_disclosure_decided(self, message: DisclosureDecided) -> None:
        request = message.request
        if request.expires_at is not None:
            expires = day_time(request.expires_at, self.services.settings)
            self.notice.inform(
                self.words("disclosure.approved", request=request.id, expires=expires)
            )
        else:
            self.notice.inform(self.words("disclosure.refused", request=request.id))
        # Decided once (Art. 13): nothing more to press here.
        self.set_deciding(False)
        self.query_one("#back", Button).focus()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the list of requests."""
        self.go_back()
