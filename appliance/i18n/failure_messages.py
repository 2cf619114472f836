"""Provides the one-line failures that are not refusals, as (English, 简体中文).

Usage, standard input, the home, the database, files and a bug (DESIGN §8: every failure is
one line, never a traceback).
"""

from __future__ import annotations

FAILURE_MESSAGES: dict[str, tuple[str, str]] = {
    "cli.usage": (
        "{prog}: {detail} (see {prog} --help).",
        "{prog}：{detail}（参见 {prog} --help）。",
    ),
    "no_pin": (
        "No PIN on standard input: give each PIN on a line of its own.",
        "标准输入中没有密码：请每行输入一个密码。",
    ),
    "internal_error": (
        "Internal error ({kind}); please report it with the time it happened.",
        "内部错误（{kind}），请连同发生时间一并报告。",
    ),
    "interrupted": ("Interrupted.", "已中断。"),
    # The home (DESIGN §8: only `bwc init` creates one).
    "home_missing": (
        "{home} does not exist: run `bwc init` to make a home there.",
        "{home} 不存在：请先运行 `bwc init` 创建数据目录。",
    ),
    "home_not_directory": (
        "{home} is not a directory, so it cannot be a home.",
        "{home} 不是目录，不能作为数据目录。",
    ),
    "home_other_unit": (
        "The database belongs to unit {unit}, but kiosk.toml names unit {expected}.",
        "数据库属于单位 {unit}，但 kiosk.toml 指定的单位为 {expected}。",
    ),
    "db_missing": (
        "{path} is missing or empty: restore it from a backup, or run `bwc init` for a new one.",
        "{path} 不存在或为空：请从备份恢复，或运行 `bwc init` 新建数据库。",
    ),
    "db_foreign": (
        "{path} is not a bwc database.",
        "{path} 不是 bwc 数据库。",
    ),
    "db_no_unit": (
        "{path} holds no unit: the database was emptied or replaced "
        "(`bwc audit verify --checkpoint FILE` shows what is missing).",
        "{path} 中没有单位：数据库已被清空或替换"
        "（`bwc audit verify --checkpoint 文件` 可查明缺失内容）。",
    ),
    # The database file itself; a transaction that failed changed nothing.
    "db_full": (
        "Cannot write the database {path}: the disk is full; nothing was changed.",
        "无法写入数据库 {path}：磁盘已满，未做任何更改。",
    ),
    "db_read_only": (
        "Cannot write the database {path}: it is read-only; nothing was changed.",
        "无法写入数据库 {path}：只读，未做任何更改。",
    ),
    "db_denied": (
        "Not permitted to use the database {path}.",
        "无权使用数据库 {path}。",
    ),
    "db_cannot_open": ("Cannot open the database {path}.", "无法打开数据库 {path}。"),
    "db_corrupt": (
        "{path} is damaged or not a database: restore it from a backup.",
        "{path} 已损坏或不是数据库：请从备份恢复。",
    ),
    "db_io": (
        "Input/output error on the database {path}: the disk may be failing.",
        "数据库 {path} 读写错误：磁盘可能已损坏。",
    ),
    "db_busy": (
        "The database {path} is busy; try again in a moment.",
        "数据库 {path} 正忙，请稍后重试。",
    ),
    # Files named on the command line or in the home.
    "os_full": ("Cannot write {path}: the disk is full.", "无法写入 {path}：磁盘已满。"),
    "os_read_only": (
        "Cannot write {path}: the file system is read-only.",
        "无法写入 {path}：文件系统为只读。",
    ),
    "os_denied": ("Permission denied: {path}.", "权限不足：{path}。"),
    "os_missing": ("{path} does not exist.", "{path} 不存在。"),
    "os_no_folder": (
        "Cannot write {path}: the folder it goes in does not exist.",
        "无法写入 {path}：所在文件夹不存在。",
    ),
    "os_is_directory": (
        "{path} is a directory; a file is needed here.",
        "{path} 是目录，此处需要文件。",
    ),
    "os_not_directory": (
        "{path}: a part of the path is not a directory.",
        "{path}：路径中有一部分不是目录。",
    ),
    "os_not_regular": (
        "{path} is not a regular file; give the name of a file.",
        "{path} 不是普通文件，请指定文件名。",
    ),
    "os_exists": ("{path} already exists.", "{path} 已存在。"),
    "os_name_too_long": ("{path}: the name is too long.", "{path}：名称过长。"),
    "os_io": (
        "Input/output error on {path}: the disk may be failing.",
        "{path} 读写错误：磁盘可能已损坏。",
    ),
    "os_error": ("Cannot use {path}: {error}.", "无法使用 {path}：{error}。"),
    # The privileged mount step (bwc-mount@.service).
    "bad_device": (
        "{device} is not a block device of this computer.",
        "{device} 不是本机的块设备。",
    ),
    "media_refused": (
        "The {step} step was refused: {error}",
        "{step} 步骤被拒绝：{error}",
    ),
    # Numbers on the command line.
    "bad_clip_id": (
        "A clip id is a number that `bwc clips list` shows.",
        "片段编号应为 `bwc clips list` 显示的编号。",
    ),
}
