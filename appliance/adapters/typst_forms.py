"""Provides the FormRenderer adapter: `.typ` templates in the package, compiled by typst.

DESIGN §9: forms are typst templates with CJK fonts from fontconfig. The values travel as one
JSON string in `sys.inputs`, never spliced into the source: a file name or a recorder's
metadata is text on the page, whatever characters it holds (DESIGN §3.5). The template's own
folder is typst's root, so a template can read nothing else on the box.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from appliance.ports import FormError

TEMPLATES = Path(__file__).parent / "forms"


class TypstForms:
    """Compiles `forms/<template>.typ` to PDF with the values as its one input."""

    def __init__(self, templates: Path = TEMPLATES) -> None:
        self._templates = templates

    def render(self, template: str, values: dict[str, object], at: datetime) -> bytes:
        """The PDF; its date is `at` (the box's clock), so a render is repeatable."""
        # Only here: the typst binding is large, and most `bwc` commands print no form.
        import typst

        source = self._templates / f"{template}.typ"
        if not source.is_file():
            raise FormError(f"no template {template}")
        data = json.dumps(values, ensure_ascii=False)
        try:
            pdf = typst.compile(
                str(source),
                root=str(self._templates),
                sys_inputs={"data": data},
                timestamp=int(at.timestamp()),
            )
        except (typst.TypstError, RuntimeError, ValueError) as exc:
            raise FormError(str(exc)[:400]) from None
        if not isinstance(pdf, bytes):
            raise FormError("the renderer gave no PDF")
        return pdf
