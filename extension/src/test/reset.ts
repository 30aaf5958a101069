import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { closeAttachmentsDb } from '@/lib/attachments';
import { closeQueueDb } from '@/lib/queue';

/** A fresh browser profile: empty storage, tabs, alarms and IndexedDB. */
export async function resetProfile(): Promise<void> {
  fakeBrowser.reset();
  await closeQueueDb();
  await closeAttachmentsDb();
  globalThis.indexedDB = new IDBFactory();
}
