import type { ContactDetails, ContactsResponse } from '@openipp/shared';
import { AppError } from '../lib/app-error';
import { uuidv7 } from '../lib/crypto';
import type { ContactVersionRow, Store, StoreReader } from '../store';

const iso = (ms: number) => new Date(ms).toISOString();

/** Due when `months` calendar months have passed since the last confirmation (MISSION item 5). */
export function confirmationDue(confirmedAt: number, now: number, months: number): boolean {
  const due = new Date(confirmedAt);
  due.setUTCMonth(due.getUTCMonth() + months);
  return now >= due.getTime();
}

const details = (row: ContactVersionRow): ContactDetails => ({ email: row.email, phone: row.phone, postalAddress: row.postalAddress });

async function current(store: Pick<StoreReader, 'currentContact'>, userId: string): Promise<ContactVersionRow> {
  const row = await store.currentContact(userId);
  // Every user is created with a first version, and migrations gave older users one.
  if (!row) throw new Error(`user ${userId} has no contact details`);
  return row;
}

export async function getContacts(store: Store, userId: string, months: number, now = Date.now()): Promise<ContactsResponse> {
  const [row, history] = await Promise.all([current(store, userId), store.listContacts(userId)]);
  return {
    current: { ...details(row), since: iso(row.since), confirmedAt: iso(row.confirmedAt) },
    history: history.map((version) => ({
      ...details(version),
      since: iso(version.since),
      until: version.until === null ? null : iso(version.until),
      confirmedAt: iso(version.confirmedAt),
    })),
    confirmationDue: confirmationDue(row.confirmedAt, now, months),
  };
}

/** For GET /api/me: ask the user after login when their details are stale. */
export async function contactConfirmationDue(store: Store, userId: string, months: number, now = Date.now()): Promise<boolean> {
  const row = await store.currentContact(userId);
  return row ? confirmationDue(row.confirmedAt, now, months) : true;
}

/** A change closes the current version and opens a new one; saving counts as confirming. */
export async function updateContacts(store: Store, userId: string, input: ContactDetails, now = Date.now()): Promise<void> {
  await store.transaction(async (tx) => {
    await current(tx, userId);
    await tx.closeCurrentContact(userId, now);
    await tx.insertContactVersion({ id: uuidv7(now), userId, ...input, since: now, until: null, confirmedAt: now });
  });
}

export async function confirmContacts(store: Store, userId: string, now = Date.now()): Promise<void> {
  const changed = await store.transaction((tx) => tx.confirmCurrentContact(userId, now));
  if (changed === 0) throw new AppError('not_found');
}

/**
 * The details in force at `time`: a notice records where it was sent by
 * asking this with its send time, never by reading today's details.
 */
export async function contactsAt(store: Pick<StoreReader, 'contactAt'>, userId: string, time: number): Promise<ContactDetails | undefined> {
  const row = await store.contactAt(userId, time);
  return row ? details(row) : undefined;
}
