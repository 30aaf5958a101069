import type { MessageList } from '@openipp/shared';
import { AppError } from '../lib/app-error';
import type { Store } from '../store';

const iso = (ms: number) => new Date(ms).toISOString();
const MESSAGE_LIST_LIMIT = 200;

export async function listMessages(store: Store, userId: string): Promise<MessageList> {
  const [rows, unread] = await Promise.all([store.listMessages(userId, MESSAGE_LIST_LIMIT), store.countUnreadMessages(userId)]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      title: { 'zh-CN': row.titleZh, en: row.titleEn },
      body: { 'zh-CN': row.bodyZh, en: row.bodyEn },
      createdAt: iso(row.createdAt),
      readAt: row.readAt === null ? null : iso(row.readAt),
    })),
    unread,
  };
}

/** Marks the caller's own message read; another user's id is indistinguishable from a missing one. */
export async function markMessageRead(store: Store, userId: string, id: string, now = Date.now()): Promise<void> {
  const matched = await store.transaction((tx) => tx.markMessageRead({ userId, id, at: now }));
  if (matched === 0) throw new AppError('not_found');
}
