"""Provides the words of the kiosk's requests to the service (English, 简体中文)."""

from __future__ import annotations

REQUEST_MESSAGES: dict[str, tuple[str, str]] = {
    # DESIGN §6: the kiosk never holds the unit's key; the service signs labels for it.
    "cli.request_done": (
        "Label request {id}: written to {path}.",
        "标签申请 {id}：已写入 {path}。",
    ),
    "cli.request_refused": (
        "Label request {id} for {subject} refused:",
        "{subject} 的标签申请 {id} 被拒绝：",
    ),
    "cli.requests_none": ("No kiosk requests are waiting.", "没有待处理的终端申请。"),
    # Art. 12(2): the collector's hand-over, done by the service for the kiosk.
    "cli.request_handover_done": (
        "Hand-over request {id} ({step}) done.",
        "移交申请 {id}（{step}）已完成。",
    ),
    "cli.request_handover_refused": (
        "Hand-over request {id} ({step}) refused:",
        "移交申请 {id}（{step}）被拒绝：",
    ),
    "request_kind.handover_write": (
        "write the week's package to the drive",
        "将本周封存包写入存储设备",
    ),
    "request_kind.handover_receipt": ("the collector's receipt", "信息采集员回执"),
    "request_kind.handover_release": ("let the drive go", "弹出存储设备"),
    "request_kind.label_device": ("a recorder's label", "执法记录仪标签"),
    "request_kind.label_badge": ("a badge label", "工号标签"),
    "unknown_request": ("There is no request {request}.", "没有编号为 {request} 的申请。"),
    "request_no_key": (
        "This account cannot answer the kiosk's requests: run it as the service user (bwc),"
        " which holds the unit's keys.",
        "当前账户无法处理终端的申请：请以持有本单位密钥的服务账户（bwc）运行。",
    ),
    "request_requester_gone": (
        "Badge {badge}, who asked for it, is no longer in service.",
        "申请人工号 {badge} 已停用。",
    ),
    "request_label_unwritable": (
        "The label could not be written (the disk is full or read-only).",
        "标签无法写入（磁盘已满或只读）。",
    ),
}
