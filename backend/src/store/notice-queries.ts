/**
 * Prepared statements for notices (issue #6 part 4): the notice itself, its
 * delivery records for the admin view, and the seller a listing's shop
 * belongs to. Split from queries.ts by domain; built per connection and
 * joined to the core store by the adapter.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './queries';
import * as schema from './schema';
import type { NoticeReader, NoticeWriter } from './types';

const { notices, deliveries, shopClaims, users } = schema;
const p = sql.placeholder;

export function createNoticeReader(db: Db): NoticeReader {
  // A null recipient lists everyone's; otherwise the user by id or sign-in address, or any address a channel used.
  const list = db
    .select()
    .from(notices)
    .where(
      sql`(${p('recipient')} is null
        or ${notices.recipientUserId} = ${p('recipient')}
        or ${notices.recipientUserId} in (select ${users.id} from ${users} where ${users.email} = ${p('recipient')})
        or ${notices.id} in (select ${deliveries.noticeId} from ${deliveries} where ${deliveries.address} = ${p('recipient')}))`,
    )
    .orderBy(desc(notices.createdAt), desc(notices.id))
    .limit(p('limit'))
    .prepare();
  const verifiedShop = db
    .select({ tenantId: shopClaims.tenantId })
    .from(shopClaims)
    .where(and(eq(shopClaims.marketplace, p('marketplace')), eq(shopClaims.shopId, p('shopId')), eq(shopClaims.status, 'verified')))
    .prepare();

  return {
    async listNotices({ recipient, limit }) {
      return list.all({ recipient, limit });
    },
    async listNoticeDeliveries(noticeIds) {
      if (noticeIds.length === 0) return [];
      return db.select().from(deliveries).where(inArray(deliveries.noticeId, [...noticeIds])).orderBy(asc(deliveries.createdAt), asc(deliveries.id)).all();
    },
    async findVerifiedShopTenant({ marketplace, shopId }) {
      return verifiedShop.get({ marketplace, shopId })?.tenantId;
    },
  };
}

export function createNoticeWriter(db: Db): Omit<NoticeWriter, keyof NoticeReader> {
  return {
    async insertNotice(row) {
      db.insert(notices).values(row).run();
    },
  };
}
