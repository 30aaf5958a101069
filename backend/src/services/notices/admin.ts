import type { NoticeDelivery, NoticeList, NoticeListQuery } from '@openipp/shared';
import { AppError } from '../../lib/app-error';
import type { Principal } from '../../lib/context';
import type { DeliveryRow, Store } from '../../store';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const NOTICE_LIST_LIMIT = 200;

function toNoticeDelivery(row: DeliveryRow): NoticeDelivery {
  return {
    id: row.id,
    channel: row.channel,
    address: row.address,
    outcome: row.outcome,
    attempts: row.attempts,
    sentAt: iso(row.sentAt),
    countsAsDeliveredAt: iso(row.countsAsDeliveredAt),
    ...(row.trackingNumber === null ? {} : { trackingNumber: row.trackingNumber }),
    ...(row.detail === null ? {} : { detail: row.detail }),
  };
}

/**
 * GET /api/admin/notices: the notices sent to a recipient (a user id, their
 * sign-in e-mail, or any address a channel used), newest first, each with
 * its delivery records per channel — pending ones included. Admins only; to
 * anyone else the list does not exist.
 */
export async function listNotices(store: Store, actor: Principal, query: NoticeListQuery): Promise<NoticeList> {
  if (actor.user.role !== 'admin') throw new AppError('not_found');
  const rows = await store.listNotices({ recipient: query.recipient ?? null, limit: NOTICE_LIST_LIMIT });
  const deliveries = await store.listNoticeDeliveries(rows.map((row) => row.id));
  const byNotice = new Map<string, NoticeDelivery[]>();
  for (const row of deliveries) {
    if (row.noticeId === null) continue;
    const list = byNotice.get(row.noticeId) ?? [];
    list.push(toNoticeDelivery(row));
    byNotice.set(row.noticeId, list);
  }
  return {
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      recipientUserId: row.recipientUserId,
      tenantId: row.tenantId,
      subjectId: row.subjectId,
      params: row.params,
      createdAt: iso(row.createdAt)!,
      deliveries: byNotice.get(row.id) ?? [],
    })),
  };
}
