"""Provides the words of the bureau archive, `bwc-bureau` and the collector's desk (issue 14),
(English, 简体中文)."""

from __future__ import annotations

_COLUMNS: dict[str, tuple[str, str]] = {
    "cli.col.key": ("key", "密钥"),
    "cli.col.held": ("events held", "已存日志条数"),
    "cli.col.packages": ("packages", "封存包"),
    "cli.col.package": ("package", "封存包"),
    "cli.col.period": ("week", "周"),
    "cli.col.new_clips": ("new", "新增"),
    "cli.col.size": ("size", "大小"),
    "cli.col.received": ("received", "接收时间"),
    "cli.col.receipt": ("receipt", "回执"),
    "cli.col.clip": ("clip", "视频"),
    "cli.col.recorder": ("recorder", "记录仪"),
    "cli.col.classification": ("class", "密级"),
    "cli.col.requested_by": ("asked by", "申请人"),
    "cli.col.weeks": ("weeks in", "已移交周数"),
    "cli.col.missing": ("weeks missing", "未移交的周"),
    "cli.col.late": ("weeks late", "逾期移交的周"),
    "cli.col.officers": ("officers", "民警数"),
    "cli.col.chain": ("chain breaks", "日志断裂"),
    "cli.col.refused": ("refused", "被拒收"),
    "cli.col.when": ("when", "时间"),
}

_ACTIONS: dict[str, tuple[str, str]] = {
    "action.bureau.add_person": ("add a person at the bureau", "在局里登记人员"),
    "action.bureau.confirm": ("confirm as the second person", "作为第二人确认"),
    "action.bureau.register_unit": ("register a unit's key", "登记单位密钥"),
    "action.bureau.ingest": ("take in hand-over packages", "接收移交封存包"),
    "action.bureau.list_clips": ("search the bureau's clips", "查询局里存储的视频"),
    "action.bureau.request_export": ("ask for an export", "申请导出"),
    "action.bureau.approve_export": ("approve an export", "审批导出"),
    "action.bureau.export": ("write an export", "写出导出封存包"),
    "action.bureau.read_report": ("read the audit report", "查阅考核报告"),
    "action.bureau.acknowledge_alarm": ("acknowledge an alarm", "确认告警"),
}

_WORDS: dict[str, tuple[str, str]] = {
    "bureau.person_state.active": ("active", "在用"),
    "bureau.person_state.inactive": ("inactive", "停用"),
    "bureau.person_state.locked": ("locked", "已锁定"),
    "bureau.export_state.pending": ("waiting for a decision", "待审批"),
    "bureau.export_state.approved": ("approved", "已批准"),
    "bureau.export_state.refused": ("refused", "已驳回"),
    "bureau.export_state.exported": ("exported", "已导出"),
    "bureau.restricted": ("restricted", "受限"),
    "bureau.alarm.chain_rekeyed": ("signed with another key", "使用了其他密钥签名"),
    "bureau.alarm.chain_forked": ("history rewritten (fork)", "日志被改写（分叉）"),
    "bureau.alarm.chain_truncated": ("history cut back", "日志被截短"),
    "bureau.alarm.chain_replayed": ("old package offered again", "重复提交旧封存包"),
    "bureau.alarm.chain_gap": ("a package in between is missing", "中间缺少封存包"),
    "bureau.alarm.clip_changed": ("a held clip came back changed", "已存视频再次提交时内容不同"),
}

_LINES: dict[str, tuple[str, str]] = {
    "bureau.initialised": (
        "Bureau archive {code} made in {home} (database: {engine}).",
        "已在 {home} 建立局级存储 {code}（数据库：{engine}）。",
    ),
    "bureau.person_added": (
        "Added {name} ({badge}) as {role}.",
        "已登记 {name}（{badge}），角色：{role}。",
    ),
    "bureau.unlocked": ("Badge {badge} is unlocked.", "证件 {badge} 已解锁。"),
    "bureau.unit_added": (
        "Unit {unit} ({name}) is registered with key {key}.",
        "单位 {unit}（{name}）已登记，密钥 {key}。",
    ),
    "bureau.ingested": (
        "Took in {name}: unit {unit}, week {period}, {count} clips ({new} new), {size}.",
        "已接收 {name}：单位 {unit}，{period} 周，{count} 个视频（新增 {new} 个），{size}。",
    ),
    "bureau.ingested.one": (
        "Took in {name}: unit {unit}, week {period}, 1 clip ({new} new), {size}.",
        "已接收 {name}：单位 {unit}，{period} 周，1 个视频（新增 {new} 个），{size}。",
    ),
    "bureau.already_held": (
        "{name} is held already (unit {unit}, week {period}): nothing to do.",
        "{name} 已存储（单位 {unit}，{period} 周），无需再次接收。",
    ),
    "bureau.refused": ("Refused {name}: {why}", "拒收 {name}：{why}"),
    "bureau.no_clips_found": ("No clip matches.", "没有符合条件的视频。"),
    "bureau.export_requested": (
        "Export request {request} for {count} clips is waiting for a bureau head.",
        "导出申请 {request}（{count} 个视频）待局领导审批。",
    ),
    "bureau.export_requested.one": (
        "Export request {request} for 1 clip is waiting for a bureau head.",
        "导出申请 {request}（1 个视频）待局领导审批。",
    ),
    "bureau.export_approved": (
        "Export request {request} is approved until {expires}.",
        "导出申请 {request} 已批准，有效期至 {expires}。",
    ),
    "bureau.export_refused": (
        "Export request {request} is refused.",
        "导出申请 {request} 已驳回。",
    ),
    "bureau.export_written": (
        "Export {request} written to {path}: {count} clips, receipt {receipt}.",
        "导出 {request} 已写入 {path}：{count} 个视频，回执 {receipt}。",
    ),
    "bureau.export_written.one": (
        "Export {request} written to {path}: 1 clip, receipt {receipt}.",
        "导出 {request} 已写入 {path}：1 个视频，回执 {receipt}。",
    ),
    "bureau.report_title": (
        "Audit across {count} units, {start} to {end} (Art. 15):",
        "{start} 至 {end} 各单位考核（共 {count} 个单位，第十五条）：",
    ),
    "bureau.report_title.one": (
        "Audit across 1 unit, {start} to {end} (Art. 15):",
        "{start} 至 {end} 各单位考核（共 1 个单位，第十五条）：",
    ),
    "bureau.report_log_intact": (
        "The bureau's own log is intact: {count} events.",
        "局级存储自身日志完整：{count} 条。",
    ),
    "bureau.report_log_broken": (
        "The bureau's own log is broken at event {seq}.",
        "局级存储自身日志在第 {seq} 条处断裂。",
    ),
    "bureau.alarm_acknowledged_now": (
        "Alarm {alarm} is acknowledged; it stays in the record.",
        "告警 {alarm} 已确认；记录仍保留。",
    ),
    "bureau.no_alarms": ("No alarm is waiting.", "没有待处理的告警。"),
    "bureau.verified": (
        "Sound: {count} contents ({size}) re-hashed, and the log's {events} events are intact.",
        "校验通过：{count} 个文件（{size}）重新计算哈希一致，日志 {events} 条完整。",
    ),
}

_REFUSALS: dict[str, tuple[str, str]] = {
    "bureau.no_home": ("No bureau home given.", "未指定局级存储目录。"),
    "bureau.not_a_home": (
        "{home} is not a bureau home (no bureau.toml): run bwc-bureau init first.",
        "{home} 不是局级存储目录（没有 bureau.toml）：请先运行 bwc-bureau init。",
    ),
    "bureau.already_initialised": (
        "{home} is a bureau home already.",
        "{home} 已经是局级存储目录。",
    ),
    "bureau.config_key": (
        "{path}: {key} is not a setting of the bureau.",
        "{path}：{key} 不是局级存储的设置项。",
    ),
    "bureau.config_value": (
        "{path}: the value of {key} is not allowed.",
        "{path}：{key} 的值不允许。",
    ),
    "bureau.bad_code": (
        "{code} is not a code: 1 to 32 letters, digits, - or _.",
        "{code} 不是有效代码：应为 1 至 32 个字母、数字、- 或 _。",
    ),
    "bureau.bad_database_url": (
        "database_url must be postgresql://USER@/DATABASE?host=/socket/dir, with no password.",
        "database_url 应为 postgresql://用户@/数据库?host=/套接字目录，且不得包含密码。",
    ),
    "bureau.database_unreachable": (
        "The bureau's database ({where}) cannot be reached: {error}",
        "无法连接局级存储数据库（{where}）：{error}",
    ),
    "bureau.database_empty": (
        "The bureau's database ({where}) is empty: run bwc-bureau init first.",
        "局级存储数据库（{where}）为空：请先运行 bwc-bureau init。",
    ),
    "bureau.database_foreign": (
        "{where} holds another program's data: the bureau will not touch it.",
        "{where} 存有其他程序的数据：局级存储不会改动它。",
    ),
    "bureau.database_failed": (
        "The bureau's database failed: {error}",
        "局级存储数据库出错：{error}",
    ),
    "bureau.bad_badge": (
        "{badge} is not a badge: 1 to 32 letters, digits, - or _.",
        "{badge} 不是有效证件号：应为 1 至 32 个字母、数字、- 或 _。",
    ),
    "bureau.bad_name": (
        "A name must be printable text of at most {limit} characters.",
        "名称须为可打印文字，最多 {limit} 个字符。",
    ),
    "bureau.bad_role": (
        "{role} is not a role at the bureau: info_collector, bureau_head, auditor or admin.",
        "{role} 不是局里的角色：应为 info_collector、bureau_head、auditor 或 admin。",
    ),
    "bureau.two_people": (
        "Two people are needed: --by (who proposes) and --confirm-by (another person, a bureau "
        "head).",
        "需要两人：--by（提出人）和 --confirm-by（另一人，须为局领导）。",
    ),
    "bureau.first_is_head": (
        "The first person of the bureau must be a bureau head (--role bureau_head): someone "
        "must confirm what follows.",
        "局级存储登记的第一人须为局领导（--role bureau_head）：之后的操作需要其确认。",
    ),
    "bureau.first_alone": (
        "The first person is added alone: leave out --by and --confirm-by.",
        "第一人单独登记：请不要使用 --by 和 --confirm-by。",
    ),
    "bureau.same_person": (
        "The second person must be someone else than {badge}.",
        "第二人不能是 {badge} 本人。",
    ),
    "bureau.badge_locked": (
        "Badge {badge} is locked after too many wrong PINs; a bureau head must unlock it.",
        "证件 {badge} 因多次输错 PIN 已被锁定，须由局领导解锁。",
    ),
    "bureau.state_secret": (
        "Clip {clip} is a state secret: it never leaves the bureau archive (Art. 3).",
        "视频 {clip} 属国家秘密：不得从局级存储导出（第三条）。",
    ),
    "bureau.person_exists": ("Badge {badge} is registered already.", "证件 {badge} 已登记。"),
    "bureau.not_locked": ("Badge {badge} is not locked.", "证件 {badge} 未被锁定。"),
    "bureau.key_unreadable": (
        "The key file {path} cannot be read: {error}.",
        "无法读取密钥文件 {path}：{error}。",
    ),
    "bureau.bad_public_key": (
        "That is not a unit's public key (the box's keys/audit.pub).",
        "这不是单位的公钥（即单位设备的 keys/audit.pub）。",
    ),
    "bureau.unit_exists": (
        "Unit {unit} is registered already; its key is never replaced.",
        "单位 {unit} 已登记；其密钥不可更换。",
    ),
    "bureau.key_taken": (
        "That key is registered already, for unit {unit}.",
        "该密钥已登记给单位 {unit}。",
    ),
    "bureau.no_source": ("{path} is not a drive or a directory.", "{path} 不是存储设备或目录。"),
    "bureau.source_unreadable": ("{path} cannot be read: {error}.", "无法读取 {path}：{error}。"),
    "bureau.no_packages": ("{path} holds no package.", "{path} 中没有封存包。"),
    "bureau.unit_not_registered": (
        "The package is from unit {unit}, which is not registered here (key {key}).",
        "封存包来自未在此登记的单位 {unit}（密钥 {key}）。",
    ),
    "bureau.unit_mismatch": (
        "The package says unit {claimed} but is signed with the key of unit {unit}.",
        "封存包声称来自单位 {claimed}，却使用单位 {unit} 的密钥签名。",
    ),
    "bureau.not_handover": (
        "This is a {kind} package, not a weekly hand-over.",
        "这是 {kind} 封存包，不是每周移交封存包。",
    ),
    "bureau.chain_rekeyed": (
        "Unit {unit}'s package is signed with a key other than the one registered, from event "
        "{seq}: an alarm is raised.",
        "单位 {unit} 的封存包使用了与登记不同的密钥签名（自第 {seq} 条日志起）：已告警。",
    ),
    "bureau.chain_forked": (
        "Unit {unit}'s history was rewritten: its event {seq} differs from the one held. An "
        "alarm is raised.",
        "单位 {unit} 的日志被改写：第 {seq} 条与已存的不同。已告警。",
    ),
    "bureau.chain_truncated": (
        "Unit {unit}'s history was cut back: it ends before event {seq}, but {held} events are "
        "held. An alarm is raised.",
        "单位 {unit} 的日志被截短：止于第 {seq} 条之前，而已存 {held} 条。已告警。",
    ),
    "bureau.chain_replayed": (
        "This is an old package of unit {unit}: its history ends at event {seq}, and {held} "
        "are held. An alarm is raised.",
        "这是单位 {unit} 的旧封存包：其日志止于第 {seq} 条，而已存 {held} 条。已告警。",
    ),
    "bureau.chain_gap": (
        "Unit {unit}'s package starts after event {seq}: take in the package before it first. "
        "An alarm is raised.",
        "单位 {unit} 的封存包从第 {seq} 条之后开始：请先接收它之前的封存包。已告警。",
    ),
    "bureau.clip_changed": (
        "Clip {clip} of unit {unit} came back with other content than the one held. An alarm "
        "is raised.",
        "单位 {unit} 的视频 {clip} 再次提交时内容与已存的不同。已告警。",
    ),
    "bureau.clips_unreadable": (
        "metadata/clips.json has a {field} the box never writes.",
        "metadata/clips.json 中的 {field} 字段不是单位设备所写的格式。",
    ),
    "bureau.archive_full": (
        "The bureau's archive has no room for this package.",
        "局级存储空间不足，无法存放该封存包。",
    ),
    "bureau.archive_conflict": (
        "An archived copy of {file} no longer matches its name: the archive needs checking.",
        "{file} 的已存副本与其名称不符：请检查存储。",
    ),
    "bureau.archive_unreadable": (
        "The copy of {file} does not read back the same.",
        "{file} 的副本回读结果不一致。",
    ),
    "bureau.copy_failed": ("Copying {file} failed: {error}.", "复制 {file} 失败：{error}。"),
    "bureau.ingested_meanwhile": (
        "{package} was taken in by another ingest meanwhile.",
        "{package} 已同时被另一次接收存入。",
    ),
    "bureau.bad_note": (
        "Say what was done, in printable text of at most {limit} characters.",
        "请说明处理情况，可打印文字，最多 {limit} 个字符。",
    ),
    "bureau.unknown_alarm": ("There is no alarm {alarm}.", "没有告警 {alarm}。"),
    "bureau.alarm_acknowledged": (
        "Alarm {alarm} was acknowledged already, by {by}.",
        "告警 {alarm} 已由 {by} 确认。",
    ),
    "bureau.bad_day": ("{day} is not a day (YYYY-MM-DD).", "{day} 不是日期（YYYY-MM-DD）。"),
    "bureau.days_reversed": ("{start} comes after {end}.", "{start} 晚于 {end}。"),
    "bureau.bad_limit": ("The limit must be 1 to {most}.", "数量上限须在 1 至 {most} 之间。"),
    "bureau.bad_period": (
        "{start} to {end} is not a period (YYYY-MM-DD, at most ten years).",
        "{start} 至 {end} 不是有效期间（YYYY-MM-DD，最长十年）。",
    ),
    "bureau.no_clips": ("Name at least one clip.", "请至少指定一个视频。"),
    "bureau.unknown_clip": ("The bureau holds no clip {clip}.", "局级存储中没有视频 {clip}。"),
    "bureau.content_size": (
        "Content {subject} has another size than its clips say.",
        "文件 {subject} 的大小与记录不符。",
    ),
    "bureau.content_changed": (
        "Content {subject} no longer matches its hash: it was changed.",
        "文件 {subject} 与其哈希不再一致：已被改动。",
    ),
    "bureau.content_missing": ("Content {subject} is missing.", "文件 {subject} 缺失。"),
    "bureau.content_unreadable": ("Content {subject} cannot be read.", "无法读取文件 {subject}。"),
    "bureau.content_unknown": (
        "Content {subject} is in the archive, but no clip names it.",
        "存储中有文件 {subject}，但没有视频记录对应它。",
    ),
}

_DESK: dict[str, tuple[str, str]] = {
    "ui.bureau.title": ("The bureau archive of {name}", "{name} 局级存储"),
    "ui.bureau.sign_in_prompt": (
        "Scan or type your badge, then your PIN.",
        "请刷证或输入证件号，然后输入 PIN。",
    ),
    "ui.bureau.badge": ("badge", "证件号"),
    "ui.bureau.pin": ("PIN", "PIN"),
    "ui.bureau.sign_in": ("Sign in", "登录"),
    "ui.bureau.signed_in": ("{name} ({badge}) at the bureau's desk", "{name}（{badge}）已登录"),
    "ui.bureau.ingest_prompt": (
        "Type the path of a unit's hand-over drive (or of one package) and take it in.",
        "输入单位移交存储设备（或单个封存包）的路径，然后接收。",
    ),
    "ui.bureau.drive": ("/media/drive", "/media/drive"),
    "ui.bureau.ingest": ("Take it in", "接收"),
    "ui.bureau.no_drive": ("Type the drive's path first.", "请先输入存储设备路径。"),
    "ui.bureau.ingesting": (
        "Verifying and storing every package. Do not pull the drive.",
        "正在校验并存储每个封存包。请勿拔出存储设备。",
    ),
    "ui.bureau.units": ("Units and the chain held of each", "各单位及已存日志"),
    "ui.bureau.packages": ("Packages taken in, newest first", "已接收的封存包（最新在前）"),
    "ui.bureau.alarms": ("Open alarms", "待处理告警"),
    "ui.bureau.search": ("Find clips (any field may stay empty)", "查找视频（各项均可留空）"),
    "ui.bureau.unit": ("unit", "单位"),
    "ui.bureau.officer": ("officer badge", "民警证件号"),
    "ui.bureau.case": ("case", "案件编号"),
    "ui.bureau.day": ("day YYYY-MM-DD", "日期 YYYY-MM-DD"),
    "ui.bureau.find": ("Find", "查找"),
    "ui.bureau.found": ("{count} clips found.", "找到 {count} 个视频。"),
    "ui.bureau.found.one": ("1 clip found.", "找到 1 个视频。"),
    "ui.bureau.sign_off": ("Sign off", "退出登录"),
}

BUREAU_MESSAGES: dict[str, tuple[str, str]] = {
    **_DESK,
    **_COLUMNS,
    **_ACTIONS,
    **_WORDS,
    **_LINES,
    **_REFUSALS,
}
