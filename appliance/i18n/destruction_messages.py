"""Provides the words of the printed destruction list as (English, 简体中文) (Art. 12(3))."""

from __future__ import annotations

# The labels of `destruction_list.typ` (DESIGN §11), filled by services/destruction_form.py.
DESTRUCTION_MESSAGES: dict[str, tuple[str, str]] = {
    "destruction.title": ("Destruction list", "销毁清单"),
    "destruction.subtitle": (
        "Unit: {unit} ({code}) · deletion by the retention rule (Art. 12(3))",
        "单位：{unit}（{code}）· 依保存期限规则删除（第十二条第三项）",
    ),
    "destruction.note": (
        "Each clip below was deleted by the rule: its retention period had passed, no hold "
        "covered it, it was not evidence and it had been handed over. Its tombstone keeps the "
        "hash and the rule's inputs.",
        "下列视频均依规则删除：保存期限已过，无延长保存，非证据，且已移交。删除记录保留其哈希值及判定依据。",
    ),
    "destruction.dry_note": (
        "Dry run: nothing was deleted. The clips below are those the rule would delete now.",
        "试运行：未删除任何内容。下列视频为按规则此时可删除的视频。",
    ),
    "destruction.run": ("Run", "清理批次"),
    "destruction.kind": ("Kind", "类型"),
    "destruction.kind_deleted": ("deletion", "删除"),
    "destruction.kind_dry": ("dry run (nothing deleted)", "试运行（未删除）"),
    "destruction.clock": ("Clock (now)", "系统时间"),
    "destruction.newest_event": ("Newest audit event", "最新审计事件时间"),
    "destruction.days": ("Retention period", "保存期限"),
    "destruction.days_value": ("{days} days", "{days} 天"),
    "destruction.judged": ("Clips judged", "判定视频数"),
    "destruction.listed": ("Clips deleted", "删除视频数"),
    "destruction.listed_dry": ("Clips that would be deleted", "可删除视频数"),
    "destruction.rows": ("Clips deleted", "已删除的视频"),
    "destruction.rows_dry": ("Clips the rule would delete", "按规则可删除的视频"),
    "destruction.col.clip": ("Clip", "视频编号"),
    "destruction.col.file": ("Recorder / file", "执法记录仪 / 文件"),
    "destruction.col.size": ("Size", "大小"),
    "destruction.col.why": ("Why", "删除原因"),
    "destruction.col.archived_at": ("Archived at", "归档时间"),
    "destruction.col.kept_until": ("Kept until", "保存至"),
    "destruction.col.handed_over": ("Handed over", "已移交"),
    "destruction.why.retention_expired": (
        "retention period passed (Art. 12(3))",
        "保存期限已过（第十二条第三项）",
    ),
    "destruction.bytes": ("{size} bytes", "{size} 字节"),
    "destruction.yes": ("yes", "是"),
    "destruction.no": ("no", "否"),
    "destruction.none": ("none", "无"),
    "destruction.finished": (
        "Files removed that an interrupted run had left",
        "补充移除的文件（上次清理中断时遗留）",
    ),
    "destruction.failed": (
        "Files that could not be removed (their seal stays; an alarm is raised for each)",
        "未能移除的文件（防篡改保护未解除；已逐一发出告警）",
    ),
    "destruction.checkpoint": (
        "Checkpoint: the audit chain head when the list was made",
        "检查点：生成本清单时的审计日志链头",
    ),
    "destruction.head_seq": ("Chain head (seq)", "链头序号"),
    "destruction.head_hash": ("Chain head (hash)", "链头哈希值"),
    "destruction.sign_checked": ("Checked by", "核对人签名"),
    "destruction.sign_leader": ("Unit leader's signature", "本单位领导签字"),
    "destruction.date": ("Date", "日期"),
    "destruction.footer": (
        "Destruction list {run}, made by the kiosk at {at}",
        "销毁清单 {run}，由采集站于 {at} 生成",
    ),
    # What `bwc retention run` says of the PDF, after its line on the run.
    "cli.retention_pdf": ("Printed destruction list: {path}.", "销毁清单（PDF）：{path}。"),
    "cli.retention_pdf_nothing_listed": (
        "No PDF printed: this run lists no clip and no file.",
        "本次清理未列出任何视频或文件，未生成 PDF。",
    ),
    "cli.retention_pdf_render_failed": (
        "The destruction list PDF could not be made; the JSON and text lists are written and "
        "an alarm is raised.",
        "销毁清单 PDF 未能生成；JSON 和文本清单已写入，并已发出告警。",
    ),
}
