"""Provides the words of the unit head's day and its report (Art. 14), as (English, 简体中文)."""

from __future__ import annotations

REPORT_MESSAGES: dict[str, tuple[str, str]] = {
    # What the unit head does about each finding (Art. 14: corrects what is wrong).
    "finding_next.F1": (
        "Ask the officer why nothing was recorded; note it on the session.",
        "向执法人员了解未摄录的原因并记录。",
    ),
    "finding_next.F2": (
        "Check the recorder's numbering and clock; ask whether footage was deleted.",
        "检查记录仪的文件编号和时钟，核实是否有删除。",
    ),
    "finding_next.F3": (
        "Have the recorder returned and docked at once; remind the officer of the 24 hours.",
        "督促立即归还并导出，提醒 24 小时内导出的规定。",
    ),
    "finding_next.F4": (
        "Check the recorder's microphone; report a fault if it does not record sound.",
        "检查记录仪麦克风；不能录音的，报告故障。",
    ),
    "finding_next.F5": (
        "Have the officer file the clip under its case at the kiosk.",
        "督促执法人员在采集站按案件归档。",
    ),
    "finding_next.F6": (
        "Critical: tell IT and the audit office; the hand-over copy is the evidence now.",
        "严重：立即报告信息技术人员和督察部门，以移交副本为准。",
    ),
    "finding_next.F7": (
        "Find out whose recorder it is and return it to its unit (Art. 9).",
        "查明记录仪所属单位并予以归还（第九条）。",
    ),
    "finding_next.F8": (
        "Have the recorder checked again before it goes out; report a fault if it fails.",
        "再次检查后方可领用；检查不通过的，报告故障。",
    ),
    "finding_next.F9": (
        "Follow the repair or the loss through; decide who answers for it (Art. 10).",
        "跟进维修或丢失处理，认定责任（第十条）。",
    ),
    "finding_next.F10": (
        "Keep the approval and the record form with the case file.",
        "将审批材料和记录表随案卷保存。",
    ),
    "finding_next.F11": (
        "Have the information collector hand the week over now.",
        "督促信息采集员立即移交。",
    ),
    # The daily report's PDF.
    "report.daily_title": (
        "Daily report on body-worn recorders",
        "执法记录仪使用情况日报",
    ),
    "report.daily_subtitle": ("{unit} ({code}) · {day}", "{unit}（{code}）· {day}"),
    "report.daily_summary": (
        "{recorders} recorders, {sessions} custody sessions, {findings} findings,"
        " {alarms} open alarms.",
        "执法记录仪 {recorders} 台，领用 {sessions} 次，发现问题 {findings} 项，"
        "未处理告警 {alarms} 条。",
    ),
    "report.recorders": ("Recorders", "执法记录仪"),
    "report.sessions": ("Custody and footage of the day", "当日领用与音视频资料"),
    "report.findings": ("Findings and next steps", "发现的问题及处理"),
    "report.alarms": ("Open alarms", "未处理告警"),
    "report.none": ("None.", "无。"),
    "report.on_shelf": ("on the shelf", "在库"),
    "report.still_out": ("still out", "未归还"),
    "report.col.serial": ("Recorder", "记录仪"),
    "report.col.device": ("Brand and model", "品牌型号"),
    "report.col.holder": ("Holder", "使用人"),
    "report.col.since": ("Since", "起始"),
    "report.col.out": ("Out", "领用"),
    "report.col.back": ("Back", "归还"),
    "report.col.clips": ("Clips", "视频"),
    "report.col.length": ("Length", "时长"),
    "report.col.size": ("Size", "大小"),
    "report.col.kind": ("Kind", "类别"),
    "report.col.at": ("When", "时间"),
    "report.col.finding": ("Finding", "问题"),
    "report.col.next": ("Next step", "处理"),
    "report.col.severity": ("Severity", "级别"),
    "report.col.what": ("What", "内容"),
    "report.col.about": ("About", "对象"),
    "report.checkpoint": ("Checkpoint of the audit log", "审计日志检查点"),
    "report.checkpoint_note": (
        "Signed with the unit's key as this report was written: `bwc audit verify --checkpoint`"
        " proves that the log still extends it.",
        "本报告生成时以本单位密钥签名；可用 bwc audit verify --checkpoint"
        " 核验审计日志仍延续此检查点。",
    ),
    "report.sign_head": ("Checked by the unit head:", "单位负责人审核："),
    "report.footer": (
        "Made by the kiosk at {at} (Art. 14).",
        "本报告由采集站于 {at} 生成（第十四条）。",
    ),
    # `bwc report daily`.
    "report.written": (
        "Daily report of {day} written to {path}: {sessions} custody sessions, {findings}"
        " findings, {alarms} open alarms.",
        "{day} 日报已写入 {path}：领用 {sessions} 次，发现问题 {findings} 项，"
        "未处理告警 {alarms} 条。",
    ),
    "report.out_exists": (
        "{path} exists already: a report is never written over another.",
        "{path} 已存在：报告不会覆盖已有文件。",
    ),
    "report.out_missing": ("The folder {path} does not exist.", "文件夹 {path} 不存在。"),
    "report.form_failed": (
        "The report could not be rendered ({detail}); nothing was written.",
        "报告未能生成（{detail}），未写入任何内容。",
    ),
    "report.bad_day": (
        "{day} is not a day: write it as YYYY-MM-DD.",
        "{day} 不是有效日期：请写作 YYYY-MM-DD。",
    ),
    "event.report_written": ("report written", "生成报告"),
    "event.audit_report_read": ("audit report read", "查阅督察报告"),
    # The audit office's report of a period (Art. 15, 16).
    "report.audit_title": ("Audit report on body-worn recorders", "执法记录仪使用情况督察报告"),
    "report.audit_subtitle": (
        "{unit} ({code}) · {first} to {last}",
        "{unit}（{code}）· {first} 至 {last}",
    ),
    "report.audit_summary": (
        "{findings} findings, about {officers} officers, over {weeks} weeks.",
        "共发现问题 {findings} 项，涉及执法人员 {officers} 人，跨 {weeks} 周。",
    ),
    "report.by_kind": ("Findings by kind", "按类别统计"),
    "report.by_officer": ("Findings by officer", "按执法人员统计"),
    "report.by_week": ("Findings by week", "按周统计"),
    "report.nobody": ("no officer", "不涉及执法人员"),
    "report.fixity": ("Fixity samples re-hashed", "存档抽样校验"),
    "report.col.checked": ("Re-hashed", "校验数"),
    "report.col.mismatched": ("Changed", "不符"),
    "report.col.missing": ("Missing", "缺失"),
    "report.chain": ("The audit chain", "审计链"),
    "report.chain_state": (
        "{size} events; head {head}",
        "共 {size} 条；链头 {head}",
    ),
    "report.findings_all": ("Every finding", "全部问题"),
    "report.audit_footer": (
        "Made by the kiosk at {at} for the audit office (Art. 15).",
        "本报告由采集站于 {at} 为督察部门生成（第十五条）。",
    ),
    "report.audit_written": (
        "Audit report of {first} to {last} written to {path}: {findings} findings.",
        "{first} 至 {last} 的督察报告已写入 {path}：发现问题 {findings} 项。",
    ),
    "report.bad_period": (
        "The period ends ({last}) before it begins ({first}).",
        "时段的结束日期（{last}）早于开始日期（{first}）。",
    ),
    "report.period_too_long": (
        "A report covers at most {days} days: write one for each year.",
        "一份报告最多涵盖 {days} 天：请按年分别生成。",
    ),
    # Each finding kind in a few words (the charts' labels).
    "finding_kind.F1": ("no footage", "未摄录"),
    "finding_kind.F2": ("gap in footage", "资料不连续"),
    "finding_kind.F3": ("late offload or return", "未按时导出或归还"),
    "finding_kind.F4": ("no sound", "无声音"),
    "finding_kind.F5": ("not filed", "未归档"),
    "finding_kind.F6": ("evidence changed or gone", "存档被改动或缺失"),
    "finding_kind.F7": ("another unit's recorder", "非本单位记录仪"),
    "finding_kind.F8": ("check failed or skipped", "使用前检查未通过"),
    "finding_kind.F9": ("fault, loss or damage", "故障、丢失或损坏"),
    "finding_kind.F10": ("footage released", "资料对外提供"),
    "finding_kind.F11": ("late hand-over", "未按时移交"),
}
