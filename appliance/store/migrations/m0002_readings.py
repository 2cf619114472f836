"""Provides migration 2: recorder readings for the pre-shift check and the clock drift ledger."""

VERSION = 2

STATEMENTS = (
    # Art. 4: what a docked recorder reported of itself, newest last.
    """CREATE TABLE recorder_reading (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL,
        at TEXT NOT NULL,
        main_battery_percent INTEGER,
        spare_battery_percent INTEGER,
        free_bytes INTEGER,
        total_bytes INTEGER,
        bitrate_bps INTEGER,
        clock_offset_after_sync REAL)""",
    "CREATE INDEX recorder_reading_serial_at ON recorder_reading(serial, at)",
    # DESIGN §7: the offset of the device clock from ours, recorded *before* each sync, so
    # recorder timestamps can be corrected afterwards.
    """CREATE TABLE drift_ledger (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL,
        at TEXT NOT NULL,
        device_clock TEXT NOT NULL,
        offset_seconds REAL NOT NULL)""",
    "CREATE INDEX drift_ledger_serial_at ON drift_ledger(serial, at)",
)
