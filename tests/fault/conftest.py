"""Makes the generated footage fixtures available to the fault tests."""

from __future__ import annotations

from tests.footage import footage_card, generated_clips

__all__ = ["footage_card", "generated_clips"]
