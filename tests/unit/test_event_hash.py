"""The fast canonical form of an event's fields is exactly canonical_json's (DESIGN §5)."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.domain.audit import canonical_json, event_hash

# Every kind of character an attacker or a recorder can put in a field: controls, quotes,
# backslashes, bidi marks, CJK, astral characters and the lone surrogates that
# surrogateescape makes of invalid UTF-8.
_TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs"])
    | st.sampled_from([chr(c) for c in range(0xDC80, 0xDD00)]),
    max_size=24,
)


@settings(max_examples=800, deadline=None)
@given(
    prev=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    seq=st.integers(min_value=0, max_value=2**62),
    fields=st.lists(_TEXT, min_size=8, max_size=8),
)
def test_event_hash_is_sha256_of_the_canonical_fields(
    prev: str, seq: int, fields: list[str]
) -> None:
    at, actor, role, action, object_type, object_id, outcome, detail = fields
    canonical = canonical_json(
        {
            "seq": seq,
            "at": at,
            "actor": actor,
            "role": role,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "outcome": outcome,
            "detail": detail,
        }
    )
    expected = hashlib.sha256((prev + canonical).encode("utf-8", "surrogateescape")).hexdigest()
    assert event_hash(prev, seq, *fields) == expected
