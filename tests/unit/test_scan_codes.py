"""Scanner input: signed QR labels, RFID numbers, and fuzzing (DESIGN §3.5)."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appliance.adapters.signer import verify_with
from appliance.domain.errors import BadInput
from appliance.domain.scan import CodeKind, label_payload, label_text, parse_scan

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
    assert refused(raw) in {"invalid_code", "forged_code"}


VALID = {label(CodeKind.BADGE, "1001"), label(CodeKind.DEVICE, "DSJ-A001")}


@settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(max_size=400),
        st.binary(max_size=300).map(lambda raw: raw.decode("latin-1")),
        st.sampled_from(sorted(VALID)).flatmap(
            lambda good: st.tuples(st.integers(0, len(good) - 1), st.characters(codec="utf-8")).map(
                lambda edit: good[: edit[0]] + edit[1] + good[edit[0] + 1 :]
            )
        ),
    ),
    st.sampled_from([None, CodeKind.BADGE, CodeKind.DEVICE]),
)
def test_fuzzed_scanner_input(raw: str, expect: CodeKind | None) -> None:
    """No exception but BadInput escapes; what is accepted is a clean code."""
    try:
        code = parse_scan(raw, "U01", verify, expect)
    except BadInput:
        return
    text = raw.strip("\r\n ")
    assert text.isascii() and text.isprintable() and len(text) <= 256
    assert code.value.isascii() and code.value.isprintable()
    if code.signed:
        assert code.value in {"1001", "DSJ-A001"}
