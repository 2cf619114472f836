"""Scanner input: signed QR labels, RFID numbers, and fuzzing (DESIGN §3.5)."""

from __future__ import annotations

import base64
import os

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from appliance.adapters.signer import verify_with
from appliance.domain.errors import BadInput
from appliance.domain.scan import (
    BADGE_PATTERN,
    SERIAL_PATTERN,
    UNIT_PATTERN,
    CodeKind,
    label_payload,
    label_text,
    parse_scan,
)

KEY = Ed25519PrivateKey.generate()
OTHER_KEY = Ed25519PrivateKey.generate()


def verify(message: bytes, signature: bytes) -> bool:
    return verify_with(KEY.public_key(), message, signature)


def label(kind: CodeKind, value: str, unit: str = "U01", key: Ed25519PrivateKey = KEY) -> str:
    payload = label_payload(kind, unit, value)
    return label_text(payload, key.sign(payload.encode("ascii")))


def refused(raw: str, expect: CodeKind | None = None) -> str:
    with pytest.raises(BadInput) as bad:
        parse_scan(raw, "U01", verify, expect)
    return bad.value.reason


def test_signed_badge_and_device_labels_are_accepted() -> None:
    badge = parse_scan(label(CodeKind.BADGE, "1001"), "U01", verify)
    assert (badge.kind, badge.value, badge.signed) == (CodeKind.BADGE, "1001", True)
    device = parse_scan(label(CodeKind.DEVICE, "DSJ-A.001"), "U01", verify, CodeKind.DEVICE)
    assert (device.kind, device.value) == (CodeKind.DEVICE, "DSJ-A.001")


def test_plain_rfid_and_typed_serial() -> None:
    assert parse_scan("0012345678\r\n", "U01", verify).value == "0012345678"
    assert parse_scan("DSJ-A001", "U01", verify, CodeKind.DEVICE).value == "DSJ-A001"


def test_forged_and_edited_labels_are_refused() -> None:
    assert refused(label(CodeKind.BADGE, "1001", key=OTHER_KEY)) == "forged_code"
    good = label(CodeKind.BADGE, "1001")
    assert refused(good.replace(".1001.", ".1002.")) == "forged_code"
    assert refused(label(CodeKind.BADGE, "1001", unit="U02")) == "label_other_unit"
    # A badge label offered where a recorder is expected is not a recorder.
    assert refused(good, CodeKind.DEVICE) == "invalid_code"


def test_every_single_character_edit_of_a_label_is_refused() -> None:
    good = label(CodeKind.DEVICE, "DSJ-A001")
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_."
    for index, char in enumerate(good):
        replacement = alphabet[(alphabet.find(char) + 1) % len(alphabet)]
        edited = good[:index] + replacement + good[index + 1 :]
        if edited == good:
            continue
        try:
            code = parse_scan(edited, "U01", verify)
        except BadInput:
            continue
        # Only a different base64 spelling of the very same signature bits may pass.
        assert code.value == "DSJ-A001"
        assert base64.urlsafe_b64decode(
            edited.rsplit(".", 1)[1] + "=="
        ) == base64.urlsafe_b64decode(good.rsplit(".", 1)[1] + "==")


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "\x1b[2J1001",
        "10\x0001",
        "1001\x07",
        "１００１",
        "张三",
        "A" * 300,
        "BWC1.B.U01.1001.short",
        "BWC1.X.U01.1001." + "A" * 86,
        "; rm -rf /",
        "../../etc/passwd",
    ],
)
def test_hostile_input_is_an_invalid_code(raw: str) -> None:
    # Garbage is "not a code", never "a forged label of this unit" (that names a real alarm).
    assert refused(raw) == "invalid_code"


EXAMPLES = int(os.environ.get("BWC_SCAN_EXAMPLES", "2500"))
VALID = {label(CodeKind.BADGE, "1001"): CodeKind.BADGE}
VALID[label(CodeKind.DEVICE, "DSJ-A001")] = CodeKind.DEVICE
NAMED = {CodeKind.BADGE: "1001", CodeKind.DEVICE: "DSJ-A001"}


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(max_size=400),
        st.binary(max_size=300).map(lambda raw: raw.decode("latin-1")),
        st.sampled_from(sorted(VALID)).flatmap(
            lambda good: st.tuples(st.integers(0, len(good) - 1), st.characters(codec="utf-8")).map(
                lambda edit: good[: edit[0]] + edit[1] + good[edit[0] + 1 :]
            )
        ),
        st.sampled_from(sorted(VALID)).map(lambda good: f"\r\n {good}\r\n"),
    ),
    st.sampled_from([None, CodeKind.BADGE, CodeKind.DEVICE]),
)
@example(sorted(VALID)[0], None)
@example(sorted(VALID)[1], CodeKind.DEVICE)
def test_fuzzed_scanner_input(raw: str, expect: CodeKind | None) -> None:
    """No exception but BadInput escapes; what is accepted is a clean code; labels pass."""
    text = raw.strip("\r\n ")
    kind = VALID.get(text)
    must_accept = kind is not None and expect in (None, kind)
    try:
        code = parse_scan(raw, "U01", verify, expect)
    except BadInput as bad:
        event(f"refused: {bad.reason}")
        assert not must_accept, f"a valid label was refused: {bad.reason}"
        return
    event("accepted signed" if code.signed else "accepted plain")
    assert text.isascii() and text.isprintable() and len(text) <= 256
    assert code.value.isascii() and code.value.isprintable()
    if must_accept and kind is not None:
        assert (code.kind, code.value, code.signed) == (kind, NAMED[kind], True)
    if code.signed:
        assert code.value in {"1001", "DSJ-A001"}


def _values(kind: CodeKind) -> st.SearchStrategy[str]:
    return st.from_regex(
        BADGE_PATTERN if kind is CodeKind.BADGE else SERIAL_PATTERN, fullmatch=True
    )


WRONG_WAYS = ("other_key", "other_unit", "wrong_kind", "none")


@settings(max_examples=max(50, EXAMPLES // 5), deadline=None)
@given(
    st.sampled_from([CodeKind.BADGE, CodeKind.DEVICE]).flatmap(
        lambda kind: st.tuples(st.just(kind), _values(kind))
    ),
    st.sampled_from(WRONG_WAYS),
    st.from_regex(UNIT_PATTERN, fullmatch=True).filter(lambda unit: unit != "U01"),
    st.booleans(),
)
def test_signed_labels_that_are_wrong_for_this_kiosk(
    named: tuple[CodeKind, str], wrong: str, other_unit: str, name_the_kind: bool
) -> None:
    """Well-formed, validly signed labels: each way of being wrong has its own reason."""
    kind, value = named
    other_kind = CodeKind.DEVICE if kind is CodeKind.BADGE else CodeKind.BADGE
    expect = other_kind if wrong == "wrong_kind" else (kind if name_the_kind else None)
    raw = label(
        kind,
        value,
        unit=other_unit if wrong == "other_unit" else "U01",
        key=OTHER_KEY if wrong == "other_key" else KEY,
    )
    want = {
        "other_key": "forged_code",
        "other_unit": "label_other_unit",
        "wrong_kind": "invalid_code",
    }.get(wrong)
    event(wrong)
    if want is None:
        code = parse_scan(raw, "U01", verify, expect)
        assert (code.kind, code.value, code.signed) == (kind, value, True)
        return
    assert refused(raw, expect) == want
