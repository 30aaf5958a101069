/**
 * Prepared statements for notice delivery: delivery records and the SMS
 * outbox. Split from queries.ts by domain; built per connection the same way,
 * and joined to the core store by the adapter.
 */
import { and, asc, desc, eq, inArray, isNotNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from './queries';
import * as schema from './schema';
import type { DeliveryReader, DeliveryWriter } from './types';

const { deliveries, smsOutbox } = schema;
const p = sql.placeholder;

export function createDeliveryReader(db: Db): DeliveryReader {
  // One statement for every filter combination: a null placeholder means "any".
  const list = db
    .select()
    .from(deliveries)
    .where(
      and(
        isNotNull(deliveries.outcome),
        sql`(${p('channel')} is null or ${deliveries.channel} = ${p('channel')})`,
        sql`(${p('recipient')} is null or ${deliveries.recipientUserId} = ${p('recipient')} or ${deliveries.address} = ${p('recipient')})`,
      ),
    )
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(p('limit'))
    .prepare();
  const byOutbox = db.select().from(deliveries).where(eq(deliveries.outboxId, p('outboxId'))).prepare();

  return {
    async listDeliveries({ channel, recipient, limit }) {
      return list.all({ channel, recipient, limit });
    },
    async findDeliveryByOutbox(outboxId) {
      return byOutbox.get({ outboxId });
    },
  };
}

export function createDeliveryWriter(db: Db): Omit<DeliveryWriter, keyof DeliveryReader> {
  const due = or(
    and(eq(smsOutbox.status, 'queued'), lte(smsOutbox.nextAttemptAt, p('now'))),
    // A claim whose sender died: its lease has lapsed, so the SMS is due again.
    and(eq(smsOutbox.status, 'sending'), lte(smsOutbox.leaseUntil, p('now'))),
  );
  const dueIds = db.select({ id: smsOutbox.id }).from(smsOutbox).where(due).orderBy(asc(smsOutbox.nextAttemptAt), asc(smsOutbox.id)).limit(p('limit')).prepare();

  return {
    async insertDelivery(row) {
      db.insert(deliveries).values(row).run();
    },
    async updateDeliveryByOutbox({ outboxId, ...fields }) {
      return db.update(deliveries).set(fields).where(eq(deliveries.outboxId, outboxId)).run().changes;
    },
    async insertSms(row) {
      db.insert(smsOutbox).values(row).run();
    },
    async claimSms({ now, leaseUntil, owner, limit }) {
      const ids = dueIds.all({ now, limit }).map((row) => row.id);
      if (ids.length === 0) return [];
      return db
        .update(smsOutbox)
        .set({ status: 'sending', leaseUntil, leaseOwner: owner, attempts: sql`${smsOutbox.attempts} + 1` })
        .where(inArray(smsOutbox.id, ids))
        .returning()
        .all();
    },
    async finishSms({ id, owner, status, at, providerId, error, nextAttemptAt }) {
      return db
        .update(smsOutbox)
        .set({
          status,
          leaseUntil: null,
          leaseOwner: null,
          ...(status === 'sent' ? { sentAt: at, providerId: providerId ?? null, lastError: null } : { lastError: error ?? null }),
          ...(nextAttemptAt !== undefined ? { nextAttemptAt } : {}),
        })
        .where(and(eq(smsOutbox.id, id), eq(smsOutbox.leaseOwner, owner), eq(smsOutbox.status, 'sending')))
        .run().changes;
    },
  };
}
