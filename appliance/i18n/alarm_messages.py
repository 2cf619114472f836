"""Provides the words of alarms seen to: the list, the acknowledgement, its refusals (Art. 14)."""

from __future__ import annotations

ALARM_MESSAGES: dict[str, tuple[str, str]] = {
    "action.acknowledge_alarm": ("acknowledge an alarm", "确认告警"),
    "cli.col.alarm": ("alarm", "告警"),
    "cli.col.raised": ("raised", "发生时间"),
    "cli.col.severity": ("severity", "级别"),
    "cli.col.kind": ("what", "内容"),
    "cli.col.about": ("about", "对象"),
    "cli.col.acknowledged_by": ("acknowledged by", "确认人"),
    "cli.col.note": ("what was done", "处理情况"),
    "severity.critical": ("critical", "严重"),
    "severity.warning": ("warning", "警告"),
    "alarm.unknown": ("There is no alarm {alarm}.", "没有编号为 {alarm} 的告警。"),
    "alarm.already_acknowledged": (
        "Alarm {alarm} was already acknowledged by {by} at {at}.",
        "告警 {alarm} 已由 {by} 于 {at} 确认。",
    ),
    "alarm.bad_note": (
        "Say what was done, in 1 to {limit} characters.",
        "请用 1 至 {limit} 个字符说明所做的处理。",
    ),
    "alarm.acknowledged": (
        "Alarm {alarm} acknowledged: {note}",
        "告警 {alarm} 已确认：{note}",
    ),
    "alarm.none_open": ("No alarm is waiting.", "没有待处理的告警。"),
    "alarm.none_ever": ("No alarm has been raised.", "尚未发生告警。"),
    "alarm.state_open": ("open", "待处理"),
    "alarm.state_acknowledged": ("acknowledged", "已确认"),
    # The kiosk's alarm screen.
    "ui.alarms.title": ("Alarms", "告警"),
    "ui.alarms.none": ("No alarm is waiting.", "没有待处理的告警。"),
    "ui.alarms.col_when": ("Raised", "发生时间"),
    "ui.alarms.col_severity": ("Severity", "级别"),
    "ui.alarms.col_what": ("What", "内容"),
    "ui.alarms.col_subject": ("About", "对象"),
    "ui.alarms.col_state": ("State", "状态"),
    "ui.alarms.note": ("What was done", "处理情况"),
    "ui.alarms.note_placeholder": (
        "e.g. recorder returned to its unit; file restored from the hand-over copy",
        "例如：记录仪已归还其单位；文件已从移交副本恢复",
    ),
    "ui.alarms.ack": ("Acknowledge", "确认"),
    "ui.alarms.choose": (
        "Choose an open alarm, say what was done, then Acknowledge.",
        "请选择一条待处理的告警，说明所做的处理，然后确认。",
    ),
    "ui.alarms.seen_to": (
        "Acknowledged by {by} at {at}: {note}",
        "已由 {by} 于 {at} 确认：{note}",
    ),
    "ui.alarms.done": ("Alarm acknowledged.", "告警已确认。"),
}
