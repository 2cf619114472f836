"""Provides the findings' sentences (DESIGN §13, Art. 14-16), as (English, 简体中文).

One key per finding kind, `finding.<kind>[.<variant>]`; each names its article, so a report
line says which rule was broken and why it matters.
"""

from __future__ import annotations

FINDING_MESSAGES: dict[str, tuple[str, str]] = {
    "finding.F1": (
        "Art. 16(1): recorder {serial} came back from {badge}'s shift with no footage.",
        "第十六条第一项：执法记录仪 {serial} 由 {badge} 使用后归还，未有任何音视频资料。",
    ),
    "finding.F2": (
        "Art. 16(2): the footage of recorder {serial} has a gap before {missing}.",
        "第十六条第二项：执法记录仪 {serial} 的音视频资料在 {missing} 之前不连续。",
    ),
    "finding.F3.offload": (
        "Art. 12(1): recorder {serial}'s footage was offloaded {hours} h after its return"
        " (within 24 h is the rule).",
        "第十二条第一项：执法记录仪 {serial} 归还 {hours} 小时后才导出音视频资料"
        "（应在 24 小时内）。",
    ),
    "finding.F3.not_returned": (
        "Art. 12(1): recorder {serial}, signed out by {badge}, was not returned by the end of"
        " the day.",
        "第十二条第一项：{badge} 领用的执法记录仪 {serial} 当日未归还。",
    ),
    "finding.F4": (
        "Art. 2: clip {clip} ({name}) has pictures but no sound.",
        "第二条：音视频资料 {clip}（{name}）只有图像，没有声音。",
    ),
    "finding.F5": (
        "Art. 8: clip {clip} is not filed under a case {days} days after it was archived.",
        "第八条：音视频资料 {clip} 入库 {days} 天后仍未按案件归档。",
    ),
    "finding.F6.fixity_mismatch": (
        "Art. 16(3): archived content {content} no longer matches its hash: it was changed.",
        "第十六条第三项：存档内容 {content} 与其校验值不符，已被改动。",
    ),
    "finding.F6.archive_missing": (
        "Art. 16(3): archived content {content} is missing from the archive.",
        "第十六条第三项：存档内容 {content} 已从存储中缺失。",
    ),
    "finding.F6.archive_conflict": (
        "Art. 16(3): archived content {content} is in conflict with its record.",
        "第十六条第三项：存档内容 {content} 与其记录相冲突。",
    ),
    "finding.F6.quarantined": (
        "Art. 16(3): content {content} was found in the archive with no record, and held apart.",
        "第十六条第三项：存储中发现无记录的内容 {content}，已隔离。",
    ),
    "finding.F7.foreign_unit": (
        "Art. 9, 12(2): recorder {device}, not the unit's, was docked here.",
        "第九条、第十二条第二项：非本单位的执法记录仪 {device} 接入本机。",
    ),
    "finding.F8.failed": (
        "Art. 4: the pre-shift check of recorder {serial} failed ({items}).",
        "第四条：执法记录仪 {serial} 的使用前检查未通过（{items}）。",
    ),
    "finding.F8.skipped": (
        "Art. 4: recorder {serial} was signed out with no pre-shift check on record.",
        "第四条：执法记录仪 {serial} 领用时没有使用前检查记录。",
    ),
    "finding.F9.fault": (
        "Art. 5(8), 10: recorder {serial} was reported faulty ({part}).",
        "第五条第八项、第十条：执法记录仪 {serial} 报告故障（{part}）。",
    ),
    "finding.F9.lost": (
        "Art. 5(8), 10: recorder {serial} was lost (the unit head's finding: {finding}).",
        "第五条第八项、第十条：执法记录仪 {serial} 丢失（单位负责人认定：{finding}）。",
    ),
    "finding.F9.damaged": (
        "Art. 5(8), 10: recorder {serial} was damaged (the unit head's finding: {finding}).",
        "第五条第八项、第十条：执法记录仪 {serial} 损坏（单位负责人认定：{finding}）。",
    ),
    "finding.F10.disclosure": (
        "Art. 11, 13: disclosure request {request} was exported to {recipient}, approved by"
        " {approver}.",
        "第十一条、第十三条：调阅申请 {request} 已向 {recipient} 提供，批准人 {approver}。",
    ),
    "finding.F10.disc": (
        "Art. 11, 13: an evidence disc of case {case} was made by {by}.",
        "第十一条、第十三条：{by} 为案件 {case} 刻录了证据光盘。",
    ),
    "finding.F11.handover_late": (
        "Art. 12(2): the hand-over of week {week} is late.",
        "第十二条第二项：第 {week} 周的音视频资料未按时移交。",
    ),
}
