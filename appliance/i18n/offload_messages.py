"""Provides the messages of footage offload, fixity and filing as (English, 简体中文)."""

from __future__ import annotations

OFFLOAD_MESSAGES: dict[str, tuple[str, str]] = {
    # Refusals and bad input.
    "serial_mismatch": (
        "The recorder's card says it is {found}, not {serial}: nothing was copied.",
        "记录仪存储卡自报序列号为 {found}，不是 {serial}：未导出任何文件。",
    ),
    "source_not_directory": (
        "{path} is not a directory holding a recorder's card.",
        "{path} 不是记录仪存储卡的目录。",
    ),
    "bad_case_number": (
        "A case number is 1 to 64 printable characters.",
        "案件编号应为 1 至 64 个可打印字符。",
    ),
    "bad_day": ("A day is written YYYY-MM-DD.", "日期格式应为 YYYY-MM-DD。"),
    "bad_sample": (
        "The sample size must be a whole number from 1 to {high}.",
        "抽样数量必须是 1 至 {high} 之间的整数。",
    ),
    "unknown_clip": ("There is no clip {clip}.", "不存在编号为 {clip} 的视频。"),
    "not_your_clip": (
        "This clip was recorded by someone else; only they or the unit head may file it (Art. 8).",
        "该视频由他人拍摄，只有拍摄人或单位负责人可以归档（第八条）。",
    ),
    "clip_other_unit": (
        "This clip belongs to unit {unit}; it is filed there.",
        "该视频属于单位 {unit}，应由该单位归档。",
    ),
    # What `bwc offload` reports.
    "offload.reconciled": (
        "Start-up check: {parts} unfinished copies removed, {interrupted} interrupted jobs "
        "closed, {quarantined} files quarantined for review, {missing} archived files missing.",
        "启动检查：清除未完成的副本 {parts} 个，关闭中断的任务 {interrupted} 个，"
        "隔离待审核文件 {quarantined} 个，缺失的归档文件 {missing} 个。",
    ),
    "offload.summary": (
        "Recorder {serial}: archived {archived} new, {existing} already archived, "
        "{failed} failed, {cleared} cleared from the recorder.",
        "记录仪 {serial}：新归档 {archived} 个视频，已归档过 {existing} 个，失败 {failed} 个，"
        "已从记录仪清除 {cleared} 个。",
    ),
    "offload.flag": ("  {flag}: {count}", "  {flag}：{count} 个"),
    "offload.failed": (
        "The offload did not finish: {error}. Nothing was deleted from the recorder that is "
        "not verified in the archive; dock it again.",
        "导出未完成：{error}。未经归档校验的视频均未从记录仪删除，请重新接入。",
    ),
    "offload.archive_full": (
        "The archive disk is full: nothing half-written was kept and nothing was deleted from "
        "the recorder. Free space on the archive, then dock the recorder again.",
        "归档磁盘已满：未保留任何不完整的文件，也未从记录仪删除任何视频。"
        "请清理归档空间后重新接入记录仪。",
    ),
    "offload.skipped": (
        "{count} entries on the card are not footage: they were not read and stay on the recorder.",
        "存储卡上有 {count} 项不是视音频文件：未读取，仍留在记录仪上。",
    ),
    "offload.skipped.one": (
        "1 entry on the card is not footage: it was not read and stays on the recorder.",
        "存储卡上有 1 项不是视音频文件：未读取，仍留在记录仪上。",
    ),
    "offload.skipped_entry": ("  {name}: {reason}", "  {name}：{reason}"),
    "offload.skipped_more": (
        "  … and {count} more; the audit log counts them all.",
        "  ……另有 {count} 项；审计日志中记有全部数目。",
    ),
    "skip.too_deep": (
        "a folder nested more than {depth} levels deep, not opened",
        "嵌套超过 {depth} 层的文件夹，未打开",
    ),
    "skip.unreadable_folder": ("a folder that cannot be read", "无法读取的文件夹"),
    "skip.unreadable_entry": ("an entry that cannot be read", "无法读取的条目"),
    "skip.symlink": ("a link, not followed", "链接，未跟随"),
    "skip.fifo": ("a pipe, not a file", "管道，不是文件"),
    "skip.device": ("a device node, not a file", "设备节点，不是文件"),
    "skip.socket": ("a socket, not a file", "套接字，不是文件"),
    "skip.hard_link": ("a file with more than one name (hard link)", "有多个名称的文件（硬链接）"),
    "skip.not_regular": ("not a regular file", "不是普通文件"),
    "skip.not_a_folder": (
        "not a folder, where recorders keep their footage folder",
        "此处应为视音频文件夹，却不是文件夹",
    ),
    "flag.no_audio": ("no audio (Art. 2)", "无音频（第二条）"),
    "flag.damaged": ("damaged, partly readable", "文件损坏，部分可读"),
    "flag.unreadable": ("unreadable, kept byte-exact", "无法读取，已原样保存"),
    "flag.gap": ("gap in numbering or time (Art. 16(2))", "编号或时间不连续（第十六条第二项）"),
    "flag.foreign_unit": ("recorder of another unit (Art. 9)", "其他单位的记录仪（第九条）"),
    # Fixity and filing.
    "fixity.clean": (
        "Fixity: {checked} archived files re-read, all match.",
        "完整性校验：已复核 {checked} 个归档文件，全部一致。",
    ),
    "fixity.bad": (
        "Fixity: {checked} re-read, {mismatched} do not match and {missing} are missing. "
        "An alarm is raised; tell the unit head.",
        "完整性校验：复核 {checked} 个，不一致 {mismatched} 个，缺失 {missing} 个。"
        "已发出告警，请报告单位负责人。",
    ),
    "fixity.mismatch": ("  changed: {sha256}", "  已改变：{sha256}"),
    "fixity.missing": ("  missing: {sha256}", "  缺失：{sha256}"),
    "clips.filed": (
        "{count} clips filed under case {case}.",
        "已将 {count} 个视频归入案件 {case}。",
    ),
    "clips.filed.one": (
        "1 clip filed under case {case}.",
        "已将 1 个视频归入案件 {case}。",
    ),
    "job.queued": ("waiting", "等待中"),
    "job.running": ("copying", "正在导出"),
    "job.clearing": ("clearing the recorder", "正在清除记录仪"),
    "job.done": ("done", "已完成"),
    "job.failed": ("failed", "失败"),
    "job.interrupted": ("interrupted", "已中断"),
}
