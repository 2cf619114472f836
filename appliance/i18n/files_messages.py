"""Provides the messages of files, modes, privileges and sealing as (English, 简体中文)."""

from __future__ import annotations

FILES_MESSAGES: dict[str, tuple[str, str]] = {
    # Refusals and bad input.
    "seal_needs_root": (
        "Only root (or the seal helper) may seal archived footage: run `sudo bwc seal`.",
        "只有 root（或封存服务）可以封存归档视听资料：请运行 `sudo bwc seal`。",
    ),
    "media_needs_root": (
        "Only root (the mount helper) may mount recorders and media.",
        "只有 root（挂载服务）可以挂载记录仪和介质。",
    ),
    "home_owner_unknown": (
        "{home} belongs to user id {uid}, which has no account on this system; run bwc as "
        "the owner of the home.",
        "{home} 属于用户编号 {uid}，但本机没有该账户；请以数据目录所有者的身份运行 bwc。",
    ),
    "cannot_become_owner": (
        "Cannot act as {user}, the owner of the home ({error}); nothing was written.",
        "无法以数据目录所有者 {user} 的身份运行（{error}），未写入任何内容。",
    ),
    "bad_seal_request": (
        "A seal request name is 1 to 32 lower-case letters, digits or '-'.",
        "封存请求名称为 1 至 32 位小写字母、数字或“-”。",
    ),
    # What `bwc seal` reports.
    "cli.sealed": (
        "Archive sealed: {sealed} files made immutable, {already} already immutable, "
        "{unsupported} not sealable on this file system, {failed} failed.",
        "归档封存完成：新封存 {sealed} 个文件，已封存 {already} 个，"
        "此文件系统不支持封存 {unsupported} 个，失败 {failed} 个。",
    ),
}
