"""Provides the dock and filing screens' words as (English, 简体中文)."""

from __future__ import annotations

DOCK_MESSAGES: dict[str, tuple[str, str]] = {
    "ui.dock.title": ("Footage of recorder {serial}", "记录仪 {serial} 的视音频"),
    "ui.dock.waiting": (
        "Put recorder {serial} in the dock: its footage is offloaded and verified (Art. 12(1)).",
        "请将记录仪 {serial} 插入采集座：视音频将被导出并校验（第十二条第一项）。",
    ),
    "ui.dock.state": ("Offload: {state}", "导出：{state}"),
    "ui.dock.current": ("Clip {done} of {total}: {name}", "第 {done}/{total} 个文件：{name}"),
    "ui.dock.figures": (
        "{done} of {total} · {rate}/s · about {left} left",
        "{done} / {total} · {rate}/秒 · 约剩 {left}",
    ),
    "ui.dock.summary": (
        "Archived {new} new, {existing} already in the archive, {failed} failed; "
        "{cleared} cleared from the recorder.",
        "新归档 {new} 个，已在档案中 {existing} 个，失败 {failed} 个；"
        "已从记录仪清除 {cleared} 个。",
    ),
    "ui.dock.skipped": (
        "{count} entries on the card were not footage and stay on the recorder.",
        "存储卡上有 {count} 项不是视音频文件，仍留在记录仪上。",
    ),
    "ui.dock.skipped.one": (
        "1 entry on the card was not footage and stays on the recorder.",
        "存储卡上有 1 项不是视音频文件，仍留在记录仪上。",
    ),
    "ui.dock.flags": ("Flagged: {flags}", "标记：{flags}"),
    "ui.dock.no_flags": ("No clip was flagged.", "没有被标记的文件。"),
    "ui.dock.failed": (
        "The offload stopped: {error}. Nothing was deleted from the recorder; dock it again.",
        "导出中止：{error}。记录仪上的文件均未删除，请重新插入。",
    ),
    "ui.dock.unidentified": (
        "A recorder docked at {time} was not offloaded: {reason}. Nothing was copied or "
        "deleted; take it out and tell the unit head.",
        "{time} 插入的记录仪未能导出：{reason}。未复制也未删除任何文件；"
        "请取出记录仪并报告单位负责人。",
    ),
    "offload_error.no_identity": (
        "its card keeps no identity file, so the kiosk cannot tell which recorder it is",
        "其存储卡中没有设备身份文件，采集站无法识别是哪台记录仪",
    ),
    "offload_error.mount_failed": (
        "its card could not be opened read-only",
        "无法以只读方式打开其存储卡",
    ),
    "ui.dock.file": ("File clips by case", "按案件归档"),
    "ui.dock.done": ("Done", "完成"),
    "ui.filing.title": ("File clips by case (Art. 8)", "按案件归档（第八条）"),
    "ui.filing.prompt": (
        "Tick the clips of one case, type its number, then File.",
        "勾选同一案件的文件，输入案件编号，然后点击“归档”。",
    ),
    "ui.filing.case": ("Case number", "案件编号"),
    "ui.filing.file": ("File", "归档"),
    "ui.filing.none": ("No clips are waiting to be filed.", "没有待归档的文件。"),
    "ui.filing.pick": ("Tick at least one clip.", "请至少勾选一个文件。"),
    "ui.filing.filed": (
        "Filed {count} clips under case {case}.",
        "已将 {count} 个文件归入案件 {case}。",
    ),
    "ui.filing.filed.one": (
        "Filed 1 clip under case {case}.",
        "已将 1 个文件归入案件 {case}。",
    ),
    "ui.filing.restricted": (
        "{day} · a restricted clip ({size}): its class is not yours to read (Art. 3)",
        "{day} · 受限视频（{size}）：其密级不在您的查阅范围内（第三条）",
    ),
    "ui.filing.clip": (
        "{time} · {seconds} s · {flags}{name}",
        "{time} · {seconds} 秒 · {flags}{name}",
    ),
    "ui.home.file": ("File clips by case", "按案件归档"),
    "ui.unit.col_offload": ("Footage", "视音频导出"),
    "ui.unit.flagged": ("{count} flagged", "{count} 个标记"),
    "ready.ready": ("ready", "可领用"),
    "ready.not_ready": ("check fails", "检查未通过"),
    "ready.unknown": ("not read yet", "尚未自检"),
    "ready.out": ("signed out", "已领用"),
    "alarm.seal_failed": ("archive not sealed", "归档文件未能锁定"),
    "alarm.foreign_unit": ("recorder of another unit", "其他单位的记录仪"),
    "alarm.archive_conflict": ("archived file conflict", "归档文件冲突"),
    "alarm.archive_missing": ("archived file missing", "归档文件缺失"),
    "alarm.fixity_mismatch": ("archived file changed", "归档文件已改变"),
    "alarm.other": ("other alarm", "其他告警"),
    "ui.unit.never_offloaded": ("not docked yet", "尚未接入"),
    "ui.unit.no_footage": ("no footage", "无视音频"),
}
