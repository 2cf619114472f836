"""Provides the words of the kiosk's weekly hand-over screens (Art. 12(2)), (English, 简体中文)."""

from __future__ import annotations

HANDOVER_MESSAGES: dict[str, tuple[str, str]] = {
    "ui.handover.title": (
        "Weekly hand-over of week {week} (Art. 12(2))",
        "每周移交：{week} 周（第十二条第二项）",
    ),
    "ui.handover.due_line": (
        "{day} · {officer}: {count} clips, {size}",
        "{day} · {officer}：{count} 个视频，{size}",
    ),
    "ui.handover.due_line.one": (
        "{day} · {officer}: 1 clip, {size}",
        "{day} · {officer}：1 个视频，{size}",
    ),
    "ui.handover.due_total": (
        "In all {count} clips, {size}, not yet handed over.",
        "共 {count} 个视频（{size}）尚未移交。",
    ),
    "ui.handover.due_total.one": (
        "In all 1 clip, {size}, not yet handed over.",
        "共 1 个视频（{size}）尚未移交。",
    ),
    "ui.handover.due_none": (
        "Nothing is due: every clip up to week {week} has been handed over.",
        "没有待移交的视频：截至 {week} 周的视频均已移交。",
    ),
    "ui.handover.no_officer": ("no officer named", "未登记执法人员"),
    "ui.handover.dock_drive": (
        "Plug in the unit's registered hand-over drive.",
        "请插入本单位登记的移交存储设备。",
    ),
    "ui.handover.dock_then_write": (
        "Plug in the unit's registered hand-over drive, then press Write the package.",
        "请插入本单位登记的移交存储设备，然后按“写入封存包”。",
    ),
    "ui.handover.asked": (
        "The service is writing the package to the drive. Do not pull the drive.",
        "服务正在将封存包写入存储设备。请勿拔出存储设备。",
    ),
    "ui.handover.drive_ready": (
        "Drive {label} ({serial}) is ready: {free} free.",
        "存储设备 {label}（{serial}）已就绪：可用 {free}。",
    ),
    "ui.handover.writing": (
        "Writing the sealed package: {done} of {total}. Do not pull the drive.",
        "正在写入封存包：{done} / {total}。请勿拔出存储设备。",
    ),
    "ui.handover.verifying": (
        "Reading the package back from the drive to verify it …",
        "正在从存储设备读回封存包并核验……",
    ),
    "ui.handover.verified": (
        "Verified from the drive: {files} files, {size}, signed with the unit's key.",
        "已从存储设备核验：{files} 个文件，{size}，经本单位密钥签名。",
    ),
    "ui.handover.receipt_hint": (
        "Take the drive. Receipt: {receipt}",
        "请取走存储设备。回执：{receipt}",
    ),
    "ui.handover.received": (
        "Received: {count} clips of week {week} are handed over. The drive may be pulled.",
        "已接收：{week} 周的 {count} 个视频已移交。可以拔出存储设备。",
    ),
    "ui.handover.received.one": (
        "Received: 1 clip of week {week} is handed over. The drive may be pulled.",
        "已接收：{week} 周的 1 个视频已移交。可以拔出存储设备。",
    ),
    "ui.handover.write": ("Write the package", "写入封存包"),
    "ui.handover.receive": ("Receive (receipt)", "确认接收（回执）"),
    "ui.handover.demo_drive": ("Plug in the demo drive", "插入演示存储设备"),
}
