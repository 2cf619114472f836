"""Provides the words of a disclosure's export at the kiosk (Art. 11, 13), (English, 简体中文)."""

from __future__ import annotations

EXPORT_MESSAGES: dict[str, tuple[str, str]] = {
    # The refusals of an export onto the registered drive.
    "disclosure.drive_too_small": (
        "The drive {serial} has {free} bytes free; this disclosure needs {needed}."
        " Nothing was written, and the approval still stands.",
        "存储设备 {serial} 仅剩 {free} 字节；本次对外提供需要 {needed} 字节。"
        "未写入任何内容，批准仍然有效。",
    ),
    "disclosure.signed_by_service": (
        "The package of request {request} is sealed with the unit's key, which this kiosk does"
        " not hold. Nothing was written; ask IT to export it with bwc disclosure export.",
        "申请 {request} 的封存包须以本单位密钥签名，本终端不持有该密钥。未写入任何内容；"
        "请信息技术人员使用 bwc disclosure export 导出。",
    ),
    "disclosure.no_drive": (
        "No registered drive is docked: plug it in and press Export once more."
        " The approval still stands.",
        "未插入登记的存储设备：请插入后再次按“导出”。批准仍然有效。",
    ),
    "disclosure.drive_failed": (
        "The drive failed during the export: {error}. Check the drive; the request's state"
        " is in the list of disclosures.",
        "导出过程中存储设备出错：{error}。请检查存储设备；申请状态见对外提供列表。",
    ),
    # `bwc label serve`, answering the kiosk's export.
    "cli.request_disclosure_done": (
        "Disclosure export request {id} (request {request}) done: package {package},"
        " {files} files, {bytes} bytes, verified from drive {drive}.",
        "对外提供导出申请 {id}（申请 {request}）已完成：封存包 {package}，{files} 个文件，"
        "{bytes} 字节，已从存储设备 {drive} 核验。",
    ),
    "cli.request_disclosure_refused": (
        "Disclosure export request {id} (request {subject}) refused:",
        "对外提供导出申请 {id}（申请 {subject}）被拒绝：",
    ),
    "request_kind.disclosure_export": (
        "export an approved disclosure to the drive",
        "将已批准的对外提供导出至存储设备",
    ),
    # The kiosk's screen.
    "ui.home.export_disclosure": ("Export a disclosure", "导出对外提供"),
    "ui.export.title": (
        "Export an approved disclosure (Art. 11, 13)",
        "导出已批准的对外提供（第十一条、第十三条）",
    ),
    "ui.export.prompt": (
        "Choose a request, plug in the unit's registered drive, then press Export.",
        "请选择申请，插入本单位登记的存储设备，然后按“导出”。",
    ),
    "ui.export.none": (
        "No approved disclosure waits to be exported: every approval is used or has expired.",
        "没有待导出的已批准对外提供：批准均已使用或已过期。",
    ),
    "ui.export.option": (
        "No. {request} · to {recipient} · {count} clips, {size}\n"
        "   approved by {approver}, usable once until {until}",
        "第 {request} 号 · 提供给 {recipient} · {count} 个视频，{size}\n"
        "   审批人 {approver}，{until} 前可使用一次",
    ),
    "ui.export.option.one": (
        "No. {request} · to {recipient} · 1 clip, {size}\n"
        "   approved by {approver}, usable once until {until}",
        "第 {request} 号 · 提供给 {recipient} · 1 个视频，{size}\n"
        "   审批人 {approver}，{until} 前可使用一次",
    ),
    "ui.export.approver_gone": ("a bureau head no longer registered", "已注销的局领导"),
    "ui.export.dock_drive": (
        "Plug in the unit's registered drive.",
        "请插入本单位登记的存储设备。",
    ),
    "ui.export.dock_then_export": (
        "Plug in the unit's registered drive, choose a request, then press Export.",
        "请插入本单位登记的存储设备，选择申请后按“导出”。",
    ),
    "ui.export.drive_ready": (
        "Drive {label} ({serial}) is ready: {free} free.",
        "存储设备 {label}（{serial}）已就绪：可用 {free}。",
    ),
    "ui.export.asked": (
        "The service is writing request {request} to the drive. Do not pull the drive.",
        "服务正在将申请 {request} 写入存储设备。请勿拔出存储设备。",
    ),
    "ui.export.writing": (
        "Writing the sealed package of request {request}: {done} of {total}."
        " Do not pull the drive.",
        "正在写入申请 {request} 的封存包：{done} / {total}。请勿拔出存储设备。",
    ),
    "ui.export.verifying": (
        "Reading the package back from the drive to verify it …",
        "正在从存储设备读回封存包并核验……",
    ),
    "ui.export.done": (
        "Request {request} exported to drive {drive}: {files} files, {size}, verified from the"
        " drive and signed with the unit's key. The approval is used. The drive may be pulled.",
        "申请 {request} 已导出至存储设备 {drive}：{files} 个文件，{size}，已从存储设备核验，"
        "经本单位密钥签名。批准已使用。可以拔出存储设备。",
    ),
    "ui.export.export": ("Export", "导出"),
}
