"""Provides a DataTable's columns set to fit: each as wide as its label and its widest cell.

Set by the screen, not measured by the table as rows come: under load the table drew its
header at the labels' widths or the cells' by the moment of the refresh (the unit snapshot's
flake, and the idle board's before it).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable


def fit_columns(
    table: DataTable[object], columns: Sequence[tuple[str, Text]], rows: Sequence[Sequence[object]]
) -> None:
    """Empty the table and add the columns (key, label), each as wide as it must be."""
    table.clear(columns=True)
    for number, (key, label) in enumerate(columns):
        width = max([label.cell_len, *(_cell_width(row[number]) for row in rows)])
        table.add_column(label, key=key, width=width)


def _cell_width(cell: object) -> int:
    return cell.cell_len if isinstance(cell, Text) else cell_len(str(cell))
