"""Provides the messages of packages, the hand-over, disclosure and classes (English, 简体中文)."""

from __future__ import annotations

RELEASE_MESSAGES: dict[str, tuple[str, str]] = {
    # Confidentiality classes (Art. 3), in GLOSSARY wording.
    "classification.normal": ("normal", "一般"),
    "classification.privacy": ("personal privacy", "个人隐私"),
    "classification.trade_secret": ("trade secret", "商业秘密"),
    "classification.state_secret": ("state secret", "国家秘密"),
    "classification.restricted": ("restricted", "受限"),
    # A disclosure asked for at the kiosk (Art. 11).
    "ui.home.ask_disclosure": ("Ask for a disclosure", "申请对外提供"),
    "ui.ask.title": (
        "Ask for a disclosure: a bureau head must approve it (Art. 11, 13)",
        "申请对外提供视听资料：须经局领导批准（第十一条、第十三条）",
    ),
    "ui.ask.prompt": (
        "Tick the clips (Space), name who receives them and why, then press Ask.",
        "勾选视频（空格键），填写接收方和理由，然后按“提出申请”。",
    ),
    "ui.ask.recipient": ("Recipient (a court, a body, …)", "接收方（法院、机关等）"),
    "ui.ask.reason": ("Reason", "理由"),
    "ui.ask.send": ("Ask", "提出申请"),
    # The unit head's classes screen at the kiosk (Art. 3).
    "ui.home.classify": ("Clip classes", "视频密级"),
    "ui.classify.title": (
        "Confidentiality classes of the newest clips (Art. 3)",
        "最新视听资料的密级（第三条）",
    ),
    "ui.classify.prompt": (
        "Tick clips (Space), choose their class, then press Set the class.",
        "勾选视频（空格键），选择密级，然后按“设定密级”。",
    ),
    "ui.classify.clip": (
        "{time} · {officer} · {cls} · {name}",
        "{time} · {officer} · {cls} · {name}",
    ),
    "ui.classify.set": ("Set the class", "设定密级"),
    "ui.classify.none": ("No clips are archived yet.", "尚无已归档的视频。"),
    "ui.classify.pick": ("Tick the clips first.", "请先勾选视频。"),
    "ui.classify.done": ("{count} clips are now {cls}.", "{count} 个视频现为{cls}。"),
    "ui.classify.done.one": ("1 clip is now {cls}.", "1 个视频现为{cls}。"),
    "ui.classify.unchanged": (
        "Nothing changed: the ticked clips were {cls} already.",
        "未作更改：所勾选的视频已是{cls}。",
    ),
    "clips.classified": (
        "{count} clip(s) now classed as {cls}.",
        "已将 {count} 个视频定密为：{cls}。",
    ),
    "clip_class_forbids": (
        "Clip {clip} is classed so that you may not file it.",
        "视频 {clip} 的密级不允许你归档。",
    ),
    "action.export_disclosure": ("export an approved disclosure", "导出已批准的对外提供"),
    "action.classify_clip": ("set the class of a clip", "设定视频密级"),
    # `bwc package verify` (DESIGN §10): what is wrong, named.
    "package.verified": (
        "Package {name} is sound: {files} files, {bytes} bytes, unit {unit}; its audit slice"
        " of {events} events extends the signed checkpoint at event {size}.",
        "封存包 {name} 完好：{files} 个文件，{bytes} 字节，单位 {unit}；其 {events} 条审计记录"
        "连续延伸至第 {size} 条的签名检查点。",
    ),
    "package.key_checked": (
        "Signed with the unit key you gave ({key}).",
        "签名密钥与您提供的单位公钥一致（{key}）。",
    ),
    "package.key_unchecked": (
        "Signed with key {key}, the one the package carries: give --public-key to check it is"
        " the unit's.",
        "签名密钥为包内自带的 {key}：请用 --public-key 核对是否为本单位公钥。",
    ),
    "package.not_a_package": ("Not a package: {path}.", "不是封存包：{path}。"),
    "package.link": (
        "The package holds a link or a path through one: {path}.",
        "封存包内含链接或经链接的路径：{path}。",
    ),
    "package.not_regular": (
        "The package holds something that is not a file: {path}.",
        "封存包内含非普通文件：{path}。",
    ),
    "package.unsafe_path": (
        "A manifest names a path outside the package: {path}.",
        "清单中的路径指向封存包之外：{path}。",
    ),
    "package.missing_file": (
        "A file of the package is missing: {file}.",
        "封存包缺少文件：{file}。",
    ),
    "package.extra_file": (
        "The package holds a file no manifest names: {file}.",
        "封存包内有清单未列出的文件：{file}。",
    ),
    "package.payload_changed": (
        "A footage file of the package was changed: {file}.",
        "封存包中的视频文件已被改动：{file}。",
    ),
    "package.tag_changed": (
        "A file of the package was edited after sealing: {file}.",
        "封存包中的文件在封存后被修改：{file}。",
    ),
    "package.tag_unlisted": (
        "The tag manifest does not cover {file}.",
        "标签清单未覆盖 {file}。",
    ),
    "package.tag_too_large": (
        "{file} is too large to be a package file.",
        "{file} 过大，不是封存包文件。",
    ),
    "package.tag_not_text": ("{file} is not text.", "{file} 不是文本。"),
    "package.manifest_malformed": ("{file} is not a valid manifest.", "{file} 不是有效的清单。"),
    "package.bag_info_malformed": ("bag-info.txt is not valid.", "bag-info.txt 无效。"),
    "package.signature_malformed": ("signature.txt is not valid.", "signature.txt 无效。"),
    "package.bad_signature": (
        "The signature does not match the package: it was altered or signed by someone else.",
        "签名与封存包不符：包已被改动或由他人签名。",
    ),
    "package.other_key": (
        "The package was signed with key {key}, not with the unit key {expected}.",
        "封存包由密钥 {key} 签名，而非本单位密钥 {expected}。",
    ),
    "package.key_unreadable": ("That is not a public key.", "这不是公钥。"),
    "package.key_file_unreadable": (
        "Cannot read the public key file {path}.",
        "无法读取公钥文件 {path}。",
    ),
    "package.renamed": (
        "The package was sealed as {sealed}, not {name}: a copy left half-written, or renamed.",
        "封存包封存时名为 {sealed}，而非 {name}：可能是未写完的副本或被改名。",
    ),
    "package.oxum": (
        "The payload's size and count differ from bag-info.txt.",
        "载荷大小或数量与 bag-info.txt 不符。",
    ),
    "package.clips_mismatch": (
        "metadata/clips.json does not describe the payload.",
        "metadata/clips.json 与载荷不符。",
    ),
    "package.checkpoint_bad": (
        "metadata/checkpoint.txt is not a checkpoint signed by the package's key for its unit.",
        "metadata/checkpoint.txt 不是由本包密钥为本单位签名的检查点。",
    ),
    "package.slice_malformed": (
        "metadata/audit.jsonl line {line} is not an audit event.",
        "metadata/audit.jsonl 第 {line} 行不是审计记录。",
    ),
    "package.slice_empty": ("The package's audit slice is empty.", "封存包的审计片段为空。"),
    "package.slice_changed": (
        "The package's audit slice was changed at event {seq}.",
        "封存包的审计片段在第 {seq} 条被改动。",
    ),
    "package.slice_broken": (
        "The package's audit slice is broken at event {seq}.",
        "封存包的审计片段在第 {seq} 条处断裂。",
    ),
    "package.slice_not_checkpoint": (
        "The package's audit slice ends at event {seq}, not at the checkpoint's {size}.",
        "封存包的审计片段止于第 {seq} 条，而非检查点的第 {size} 条。",
    ),
    "package.slice_lacks_clip": (
        "The package's audit slice does not show clip {clip} archived.",
        "封存包的审计片段中没有视频 {clip} 的归档记录。",
    ),
    # Writing a package.
    "package.out_exists": (
        "{path} already exists: a package is written to a new name.",
        "{path} 已存在：封存包须写入新名称。",
    ),
    "package.out_parent_missing": ("The folder {path} does not exist.", "文件夹 {path} 不存在。"),
    "package.nothing_to_seal": ("There are no clips to seal.", "没有可封存的视频。"),
    "package.no_archive_event": (
        "The clips have no archive event in the log.",
        "这些视频在审计日志中没有归档记录。",
    ),
    "package.archive_differs": (
        "An archived file no longer matches its hash: nothing was written; run bwc fixity verify.",
        "有归档文件与其哈希不符：未写出任何内容；请运行 bwc fixity verify。",
    ),
    "package.write_failed": (
        "Could not write the package to {path}: {error}.",
        "无法将封存包写入 {path}：{error}。",
    ),
    # The weekly hand-over (Art. 12(2)).
    "handover.bad_week": (
        "{week} is not a week: write it as YYYY-Www, e.g. 2026-W48.",
        "{week} 不是有效的周：请写作 YYYY-Www，例如 2026-W48。",
    ),
    "handover.week_not_over": ("Week {week} is not over yet.", "{week} 周尚未结束。"),
    "handover.nothing_due": (
        "Nothing is due for hand-over up to week {week}.",
        "截至 {week} 周没有待移交的视频。",
    ),
    "handover.due_total": (
        "{clips} clip(s), {bytes} bytes not yet handed over.",
        "尚有 {clips} 个视频（{bytes} 字节）未移交。",
    ),
    "handover.created": (
        "Hand-over package written to {path}: {clips} clip(s), {bytes} bytes. Receipt: {receipt}",
        "移交封存包已写入 {path}：{clips} 个视频，{bytes} 字节。回执：{receipt}",
    ),
    "handover.received": (
        "Receipt recorded for package {package}: {clips} clip(s) handed over.",
        "已登记封存包 {package} 的回执：{clips} 个视频已移交。",
    ),
    "handover.unknown_package": (
        "This box made no hand-over package with receipt {receipt}.",
        "本机未制作回执为 {receipt} 的移交封存包。",
    ),
    "handover.already_received": (
        "Package {package} was already received.",
        "封存包 {package} 已登记回执。",
    ),
    # The hand-over drive at the kiosk (Art. 12(2)).
    "handover.drive_not_registered": (
        "This drive ({serial}) is not the unit's registered hand-over drive: nobody may copy"
        " footage privately (Art. 12(2)). Take it out.",
        "该存储设备（{serial}）不是本单位登记的移交存储设备：任何人不得私自复制视听资料"
        "（第十二条第二款）。请拔出。",
    ),
    "handover.drive_not_mounted": (
        "The hand-over drive {serial} could not be opened: {error}.",
        "无法打开移交存储设备 {serial}：{error}。",
    ),
    "handover.drive_too_small": (
        "The hand-over drive {serial} has {free} bytes free; this hand-over needs {needed}."
        " Nothing was written.",
        "移交存储设备 {serial} 仅剩 {free} 字节；本次移交需要 {needed} 字节。未写入任何内容。",
    ),
    "handover.signed_by_service": (
        "The hand-over package for {week} is sealed with the unit's key, which this kiosk"
        " does not hold. Nothing was written; ask IT to make it with bwc handover create.",
        "{week} 的移交封存包须以本单位密钥签名，本终端不持有该密钥。未写入任何内容；"
        "请信息技术人员使用 bwc handover create 制作。",
    ),
    "handover.no_drive": (
        "No registered hand-over drive is docked: plug it in (again, if it was let go) and"
        " press Write once more.",
        "未插入登记的移交存储设备：请插入（如已弹出，请重新插入）后再次按“写入封存包”。",
    ),
    "handover.package_not_found": (
        "This box made no hand-over package {package}.",
        "本机未制作编号为 {package} 的移交封存包。",
    ),
    "handover.drive_unreadable": (
        "The package could not be read back from the drive: {error}.",
        "无法从存储设备读回封存包：{error}。",
    ),
    "alarm.handover_late": (
        "The hand-over of a week was late (Art. 12(2)).",
        "某周的移交逾期（第十二条第二款）。",
    ),
    # Disclosure with approval (Art. 11, 13).
    "disclosure.requested": (
        "Request {request} made for {clips} clip(s); a bureau head must approve it.",
        "已提出申请 {request}（{clips} 个视频），须经局领导批准。",
    ),
    "disclosure.approved": (
        "Request {request} approved; the approval may be used once until {expires}.",
        "申请 {request} 已批准；批准可在 {expires} 前使用一次。",
    ),
    "disclosure.refused": ("Request {request} refused.", "申请 {request} 已驳回。"),
    "disclosure.exported": (
        "Disclosure package written to {path}: {clips} clip(s).",
        "对外提供封存包已写入 {path}：{clips} 个视频。",
    ),
    "disclosure.unknown_request": (
        "There is no disclosure request {request}.",
        "没有编号为 {request} 的对外提供申请。",
    ),
    "disclosure.bad_recipient": (
        "Name the recipient (at most {limit} characters).",
        "请填写接收方（不超过 {limit} 个字符）。",
    ),
    "disclosure.bad_reason": (
        "Give the reason (at most {limit} characters).",
        "请填写理由（不超过 {limit} 个字符）。",
    ),
    "disclosure.state_secret": (
        "Clip {clip} is a state secret: the kiosk never discloses it.",
        "视频 {clip} 属国家秘密：本机不予对外提供。",
    ),
    "disclosure.approver_not_bureau_head": (
        "Only a bureau head may decide a disclosure (Art. 13).",
        "只有局领导可以审批对外提供（第十三条）。",
    ),
    "disclosure.self_approval": (
        "Request {request} is your own: another bureau head must decide it.",
        "申请 {request} 是你本人提出的：须由另一位局领导审批。",
    ),
    "disclosure.already_decided": (
        "Request {request} was already decided.",
        "申请 {request} 已审批。",
    ),
    "disclosure.not_approved": ("Request {request} is not approved.", "申请 {request} 未获批准。"),
    "disclosure.already_exported": (
        "Request {request} was already exported: an approval is used once.",
        "申请 {request} 已导出：批准只能使用一次。",
    ),
    "disclosure.expired": (
        "The approval of request {request} has expired (7 days).",
        "申请 {request} 的批准已过期（7 天）。",
    ),
    "disclosure.items_changed": (
        "The clips of request {request} are not the ones approved.",
        "申请 {request} 的视频与批准的不一致。",
    ),
    "disclosure.class_not_named": (
        "Clip {clip} is classed {classification}: the approval must name that class.",
        "视频 {clip} 的密级为 {classification}：批准须明确该密级。",
    ),
    # `bwc disclosure list` (STYLE 14a: headers and states in words).
    "cli.col.request": ("request", "申请"),
    "cli.col.clips": ("clips", "视频"),
    "cli.col.by": ("requested by", "申请人"),
    "cli.col.at": ("requested", "申请时间"),
    "cli.col.recipient": ("recipient", "接收方"),
    "cli.col.decided_by": ("decided by", "审批人"),
    "cli.col.expires": ("expires", "有效期至"),
    "cli.col.bytes": ("bytes", "字节"),
    "disclosure_state.pending": ("waiting for a decision", "待审批"),
    "disclosure_state.approved": ("approved", "已批准"),
    "disclosure_state.refused": ("refused", "不予批准"),
    "disclosure_state.exported": ("exported", "已导出"),
}
