"""Provides the messages of the audit chain, the state check and checkpoints (English, 简体中文)."""

from __future__ import annotations

AUDIT_MESSAGES: dict[str, tuple[str, str]] = {
    # A broken chain: the first bad event, by what breaks it (refusals and verify lines).
    "chain.seq_out_of_order": (
        "The audit chain is broken at event {seq}: event {expected} should come here"
        " (an event was deleted, inserted or moved).",
        "审计链在第 {seq} 条处断裂：此处应为第 {expected} 条（有记录被删除、插入或移动）。",
    ),
    "chain.prev_hash_mismatch": (
        "The audit chain is broken at event {seq}: it does not link to the event before.",
        "审计链在第 {seq} 条处断裂：与前一条记录的链接不符。",
    ),
    "chain.hash_mismatch": (
        "The audit chain is broken at event {seq}: its content was changed.",
        "审计链在第 {seq} 条处断裂：记录内容已被修改。",
    ),
    "chain.detail_not_json": (
        "The audit chain is broken at event {seq}: its detail is not readable.",
        "审计链在第 {seq} 条处断裂：记录详情无法读取。",
    ),
    # The state bound to the chain (DESIGN §5.1).
    "audit.state_ok": (
        "State: all {rows} rows of the state tables are what the chain says.",
        "状态：全部 {rows} 条状态记录均与审计链一致。",
    ),
    "state.row_not_in_chain": (
        "State differs from the chain: {table} row {key} is explained by no event"
        " ({count} rows differ in all).",
        "状态与审计链不一致：{table} 表的记录 {key} 无审计记录可以解释（共 {count} 条不一致）。",
    ),
    "state.row_missing": (
        "State differs from the chain: {table} row {key} is in the chain but missing"
        " ({count} rows differ in all).",
        "状态与审计链不一致：{table} 表的记录 {key} 在审计链中存在，但已缺失"
        "（共 {count} 条不一致）。",
    ),
    "state.value_differs": (
        "State differs from the chain: {table} row {key}, column {column}, is not what the"
        " chain says ({count} rows differ in all).",
        "状态与审计链不一致：{table} 表的记录 {key} 的 {column} 列与审计链不符"
        "（共 {count} 条不一致）。",
    ),
    "audit.changes_malformed": (
        "Event {seq} carries state changes that cannot be read.",
        "第 {seq} 条审计记录中的状态变更无法读取。",
    ),
    "audit.integrity": (
        "The database file is damaged: {detail}",
        "数据库文件已损坏：{detail}",
    ),
    "audit.verified_head_beyond": (
        "The head verified before (event {seq}) is beyond the chain's {size} events:"
        " the chain was cut.",
        "此前已验证的链头（第 {seq} 条）超出了当前审计链的 {size} 条：审计链被截断。",
    ),
    "audit.verified_head_differs": (
        "Event {seq} differs from the head verified before: the chain was rewritten.",
        "第 {seq} 条与此前已验证的链头不同：审计链被改写。",
    ),
    # Archive files against clip rows (existence and size).
    "audit.archive_ok": (
        "Archive: {files} files, each with its clip row and the right size.",
        "存档：共 {files} 个文件，均有对应的视频记录且大小一致。",
    ),
    "archive.file_without_row": (
        "Archive: file {sha256} has no clip row.",
        "存档：文件 {sha256} 没有对应的视频记录。",
    ),
    "archive.row_without_file": (
        "Archive: the clip content {sha256} ({expected} bytes) has no file.",
        "存档：视频内容 {sha256}（{expected} 字节）的文件不存在。",
    ),
    "archive.size_differs": (
        "Archive: file {sha256} is {actual} bytes, its row says {expected}.",
        "存档：文件 {sha256} 为 {actual} 字节，记录为 {expected} 字节。",
    ),
    "audit.more_findings": ("… and {count} more.", "……另有 {count} 条。"),
    # Checkpoints (DESIGN §5, §5.2).
    "checkpoint.signature_unreadable": (
        "The checkpoint's signature or the public key is not readable.",
        "检查点签名或公钥无法读取。",
    ),
    "checkpoint.other_key": (
        "The checkpoint was signed by key {key}, not by this unit's key {expected}.",
        "检查点由密钥 {key} 签署，而非本单位密钥 {expected}。",
    ),
    "checkpoint.bad_signature": (
        "The checkpoint's signature is not valid for the unit's key.",
        "检查点签名与本单位密钥不符。",
    ),
    "checkpoint.other_unit": ("The checkpoint is for unit {unit}.", "该检查点属于单位 {unit}。"),
    "checkpoint.chain_shorter": (
        "The chain is shorter than the checkpoint: {size} intact events, the checkpoint"
        " {checkpoint} (the tail was cut or the database replaced).",
        "审计链比检查点短：完整记录 {size} 条，检查点为 {checkpoint} 条"
        "（尾部被截断或数据库被替换）。",
    ),
    "checkpoint.breaks_before": (
        "The chain breaks before event {checkpoint}, the checkpoint's head.",
        "审计链在检查点链头（第 {checkpoint} 条）之前已断裂。",
    ),
    "checkpoint.head_differs": (
        "Event {seq} differs from the checkpoint's head: the chain was rewritten.",
        "第 {seq} 条与检查点链头不同：审计链被改写。",
    ),
    "cli.audit_intact": (
        "Audit chain intact: {size} events, head {head}.",
        "审计链完整：共 {size} 条，链头 {head}。",
    ),
    "cli.checkpoint_ok": (
        "The chain extends the checkpoint of {size} events signed at {at}.",
        "审计链延续了 {at} 签署的 {size} 条检查点。",
    ),
    "cli.audit_not_covered": (
        "Not proven: events after the last checkpoint kept off the box could have been cut.",
        "未证明：最近一次存于设备外的检查点之后的记录，仍可能被截断。",
    ),
    "cannot_write": ("Cannot write {path}: {error}.", "无法写入 {path}：{error}。"),
    "key_unreadable": (
        "{path} does not hold a public key.",
        "{path} 中没有可读的公钥。",
    ),
    "schema_too_new": (
        "The database has schema version {version}, newer than this program's {supported}:"
        " update the program.",
        "数据库结构版本为 {version}，高于本程序支持的 {supported}：请升级程序。",
    ),
}
