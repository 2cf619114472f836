"""Provides the catalogue: every message as (English, 简体中文), assembled from its parts."""

from __future__ import annotations

from appliance.i18n.action_messages import ACTION_MESSAGES
from appliance.i18n.alarm_messages import ALARM_MESSAGES
from appliance.i18n.approval_messages import APPROVAL_MESSAGES
from appliance.i18n.audit_messages import AUDIT_MESSAGES
from appliance.i18n.audit_screen_messages import AUDIT_SCREEN_MESSAGES
from appliance.i18n.bureau_messages import BUREAU_MESSAGES
from appliance.i18n.config_messages import CONFIG_MESSAGES
from appliance.i18n.core_messages import CORE_MESSAGES
from appliance.i18n.day_messages import DAY_MESSAGES
from appliance.i18n.destruction_messages import DESTRUCTION_MESSAGES
from appliance.i18n.disc_kiosk_messages import DISC_KIOSK_MESSAGES
from appliance.i18n.disc_messages import DISC_MESSAGES
from appliance.i18n.dock_messages import DOCK_MESSAGES
from appliance.i18n.event_messages import EVENT_MESSAGES
from appliance.i18n.export_messages import EXPORT_MESSAGES
from appliance.i18n.failure_messages import FAILURE_MESSAGES
from appliance.i18n.files_messages import FILES_MESSAGES
from appliance.i18n.finding_messages import FINDING_MESSAGES
from appliance.i18n.handover_messages import HANDOVER_MESSAGES
from appliance.i18n.hold_messages import HOLD_MESSAGES
from appliance.i18n.kiosk_devices_messages import KIOSK_DEVICES_MESSAGES
from appliance.i18n.kiosk_life_messages import KIOSK_LIFE_MESSAGES
from appliance.i18n.lifecycle_messages import LIFECYCLE_MESSAGES
from appliance.i18n.offload_messages import OFFLOAD_MESSAGES
from appliance.i18n.people_messages import PEOPLE_MESSAGES
from appliance.i18n.release_messages import RELEASE_MESSAGES
from appliance.i18n.report_messages import REPORT_MESSAGES
from appliance.i18n.request_messages import REQUEST_MESSAGES
from appliance.i18n.ui_messages import UI_MESSAGES

CATALOGUE: dict[str, tuple[str, str]] = {
    **CORE_MESSAGES,
    **ACTION_MESSAGES,
    **ALARM_MESSAGES,
    **EVENT_MESSAGES,
    **AUDIT_MESSAGES,
    **CONFIG_MESSAGES,
    **FAILURE_MESSAGES,
    **UI_MESSAGES,
    **OFFLOAD_MESSAGES,
    **DOCK_MESSAGES,
    **PEOPLE_MESSAGES,
    **FILES_MESSAGES,
    **FINDING_MESSAGES,
    **DISC_MESSAGES,
    **DISC_KIOSK_MESSAGES,
    **RELEASE_MESSAGES,
    **LIFECYCLE_MESSAGES,
    **KIOSK_LIFE_MESSAGES,
    **KIOSK_DEVICES_MESSAGES,
    **APPROVAL_MESSAGES,
    **HANDOVER_MESSAGES,
    **REQUEST_MESSAGES,
    **REPORT_MESSAGES,
    **DAY_MESSAGES,
    **AUDIT_SCREEN_MESSAGES,
    **EXPORT_MESSAGES,
    **BUREAU_MESSAGES,
    **HOLD_MESSAGES,
    **DESTRUCTION_MESSAGES,
}
