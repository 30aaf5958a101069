import type { PlatformStatus, SetMaintenanceRequest } from '@openipp/shared';
import { z } from 'zod';
import { serverText } from '../lib/i18n';
import type { Store } from '../store';

const SETTING_KEY = 'maintenance';
/** What clients are told to wait when the admin does not say. */
export const DEFAULT_RETRY_AFTER_SECONDS = 300;

/** The stored shape of the `maintenance` setting. */
const MaintenanceSettingSchema = z.object({
  enabled: z.boolean(),
  messageZh: z.string().nullable(),
  messageEn: z.string().nullable(),
  since: z.number().int().nullable(),
  retryAfterSeconds: z.number().int().positive(),
});
type MaintenanceSetting = z.infer<typeof MaintenanceSettingSchema>;

const OFF: MaintenanceSetting = { enabled: false, messageZh: null, messageEn: null, since: null, retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS };

/** Read from the database on every write request, so all backend processes switch together. */
async function readSetting(store: Pick<Store, 'getSetting'>): Promise<MaintenanceSetting> {
  const row = await store.getSetting(SETTING_KEY);
  if (!row) return OFF;
  return MaintenanceSettingSchema.parse(JSON.parse(row.value));
}

function toStatus(setting: MaintenanceSetting): PlatformStatus {
  return {
    maintenance: {
      enabled: setting.enabled,
      message: setting.enabled && setting.messageZh !== null && setting.messageEn !== null ? { 'zh-CN': setting.messageZh, en: setting.messageEn } : null,
      since: setting.since === null ? null : new Date(setting.since).toISOString(),
      retryAfterSeconds: setting.retryAfterSeconds,
    },
  };
}

export async function platformStatus(store: Store): Promise<PlatformStatus> {
  return toStatus(await readSetting(store));
}

/**
 * Switches maintenance on or off. Turning it on keeps the original `since`
 * when it was already on; a language left out gets the standard announcement.
 */
export async function setMaintenance(store: Store, adminId: string, input: SetMaintenanceRequest, now = Date.now()): Promise<PlatformStatus> {
  return store.transaction(async (tx) => {
    const previous = await readSetting(tx);
    const retryAfterSeconds = input.retryAfterSeconds ?? previous.retryAfterSeconds;
    const next: MaintenanceSetting = input.enabled
      ? {
          enabled: true,
          messageZh: input.messageZh || serverText('zh-CN', 'maintenance.defaultMessage'),
          messageEn: input.messageEn || serverText('en', 'maintenance.defaultMessage'),
          since: previous.enabled ? previous.since : now,
          retryAfterSeconds,
        }
      : { ...OFF, retryAfterSeconds };
    await tx.putSetting({ key: SETTING_KEY, value: JSON.stringify(next), updatedAt: now, updatedBy: adminId });
    return toStatus(next);
  });
}
