"""Provides the kiosk's words for the devices screens as (English, 简体中文) (issue 12 item 4)."""

from __future__ import annotations

KIOSK_DEVICES_MESSAGES: dict[str, tuple[str, str]] = {
    # The list of every recorder registered here (DESIGN §6: the admin manages devices).
    "ui.devices.title": ("Recorders registered at this kiosk", "本终端登记的记录仪"),
    # The command is not named in Chinese: its word "device" would read as an identifier.
    "ui.devices.intro": (
        "A label is signed and written by the service; the kiosk says where it is.",
        "标签由服务签发并写出，终端显示其位置。",
    ),
    "ui.devices.label": ("Label", "标签"),
    "ui.devices.option": (
        "{serial} {brand} {model} · unit {unit} · {state}",
        "{serial} {brand} {model} · 单位 {unit} · {state}",
    ),
    "ui.devices.option_held": (
        "{serial} {brand} {model} · unit {unit} · {state}: {holder}",
        "{serial} {brand} {model} · 单位 {unit} · {state}：{holder}",
    ),
    "ui.devices.none": (
        "No recorder is registered yet: add the first one.",
        "尚未登记记录仪，请新增。",
    ),
    "ui.devices.add": ("Add", "新增"),
    "ui.devices.retire": ("Retire", "报废"),
    "ui.devices.history": ("History", "履历"),
    "ui.devices.pick": ("Choose a recorder first.", "请先选择记录仪。"),
    # DESIGN §6: a recorder leaves service for good only by two people.
    "ui.devices.retire_title": (
        "Retire recorder {serial} ({brand} {model}) for good",
        "报废记录仪 {serial}（{brand} {model}）",
    ),
    "ui.devices.retired": (
        "Recorder {serial} is retired, confirmed by {second}.",
        "记录仪 {serial} 已报废，确认人：{second}。",
    ),
    # Registering a recorder.
    "ui.device_add.title": ("Register a recorder", "登记记录仪"),
    "ui.device_add.serial": ("serial, as on its label", "序列号（与标签一致）"),
    "ui.device_add.brand": ("brand", "品牌"),
    "ui.device_add.model": ("model", "型号"),
    "ui.device_add.unit": ("unit code (empty: this unit)", "单位代码（留空：本单位）"),
    "ui.device_add.add": ("Register the recorder", "登记"),
    "ui.device_add.done": (
        "Recorder {serial} ({brand} {model}) is registered and in the pool.",
        "记录仪 {serial}（{brand} {model}）已登记入库。",
    ),
    # Art. 9: another unit's recorder is registered so the dock knows it, never to lend it.
    "ui.device_add.done_other": (
        "Recorder {serial} ({brand} {model}) is registered as unit {unit}'s: it is never "
        "signed out here (Art. 9).",
        "记录仪 {serial}（{brand} {model}）已登记为单位 {unit} 的设备：本终端不予领用（第九条）。",
    ),
    # A recorder's life, one line per event.
    "ui.device_history.title": (
        "History of recorder {serial} ({brand} {model})",
        "记录仪 {serial}（{brand} {model}）履历",
    ),
    "ui.device_history.none": (
        "Nothing has happened to this recorder yet.",
        "该记录仪尚无领用、故障或导出记录。",
    ),
}
