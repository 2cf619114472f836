"""Provides the messages about kiosk.toml as (English, 简体中文); each names its dotted key."""

from __future__ import annotations

CONFIG_MESSAGES: dict[str, tuple[str, str]] = {
    "config_unreadable": ("Cannot read {path}: {error}.", "无法读取 {path}：{error}。"),
    "config_invalid": ("{path} is not valid TOML: {error}", "{path} 不是有效的 TOML：{error}"),
    "config_unknown_key": (
        "{path}: unknown key {key} (misspelt?).",
        "{path}：未知配置项 {key}（是否拼写有误？）。",
    ),
    "config_table": (
        "{path}: {key} must be a table, written [{key}].",
        "{path}：{key} 必须是表，写作 [{key}]。",
    ),
    "config_integer": (
        "{path}: {key} must be a whole number from {low} to {high}.",
        "{path}：{key} 必须是 {low} 至 {high} 之间的整数。",
    ),
    "config_number": (
        "{path}: {key} must be a number from {low} to {high}.",
        "{path}：{key} 必须是 {low} 至 {high} 之间的数值。",
    ),
    "config_flag": (
        "{path}: {key} must be true or false.",
        "{path}：{key} 必须为 true 或 false。",
    ),
    "config_text": (
        "{path}: {key} must be printable text of at most {limit} characters.",
        "{path}：{key} 必须是不超过 {limit} 个可打印字符的文本。",
    ),
    "config_choice": (
        "{path}: {key} must be one of: {choices}.",
        "{path}：{key} 必须是以下之一：{choices}。",
    ),
    "config_unit_code": (
        "{path}: {key} must be 1-32 letters, digits, '_' or '-'.",
        "{path}：{key} 必须为 1 至 32 位字母、数字、“_”或“-”。",
    ),
    "config_timezone": (
        "{path}: {key} must name a time zone, such as Asia/Shanghai.",
        "{path}：{key} 必须是时区名称，例如 Asia/Shanghai。",
    ),
    "config_home": (
        "{path}: {key} must be an absolute path.",
        "{path}：{key} 必须是绝对路径。",
    ),
    "config_printer": (
        "{path}: {key} must name a CUPS queue (letters, digits, _ . @ -) or be empty.",
        "{path}：{key} 必须是 CUPS 打印队列名称（字母、数字、_ . @ -）或留空。",
    ),
    "config_drivers": (
        "{path}: {key} must be a list of [[drivers]] tables.",
        "{path}：{key} 必须是 [[drivers]] 表的列表。",
    ),
    "config_usb_id": (
        "{path}: {key} must be a USB id: four hex digits, ':', four hex digits (12d1:1f01).",
        "{path}：{key} 必须是 USB 标识：四位十六进制数字、“:”、四位十六进制数字（如 12d1:1f01）。",
    ),
    "config_handover_drives": (
        "{path}: {key} must be a list of drives, each {{ serial = ..., label = ... }}.",
        "{path}：{key} 必须是存储设备列表，每项写作 {{ serial = ..., label = ... }}。",
    ),
    "config_drive_serial": (
        "{path}: {key} must be the drive's USB serial: 1-64 letters, digits, '.', '_' or '-'.",
        "{path}：{key} 必须是该存储设备的 USB 序列号：1 至 64 位字母、数字、“.”、“_”或“-”。",
    ),
    "config_drive_twice": (
        "{path}: {key} names a drive already registered above.",
        "{path}：{key} 所列存储设备已在前面登记。",
    ),
}
