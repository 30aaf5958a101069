/**
 * Prepared statements for the audit trail. Split from queries.ts by domain;
 * built per connection the same way, and joined to the core store by the
 * adapter. Hashing and chaining are the audit service's: this file only
 * stores and reads entries exactly as given.
 */
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Db } from './queries';
import * as schema from './schema';
import type { AuditReader, AuditWriter } from './types';

const { auditLog } = schema;

export function createAuditReader(db: Db): AuditReader {
  const p = sql.placeholder;
  const page = db
    .select()
    .from(auditLog)
    .where(gt(auditLog.seq, p('afterSeq')))
    .orderBy(asc(auditLog.seq))
    .limit(p('limit'))
    .prepare();
  return {
    async readAuditEntries({ afterSeq, limit }) {
      return page.all({ afterSeq, limit });
    },
  };
}

export function createAuditWriter(db: Db): Omit<AuditWriter, keyof AuditReader> {
  const last = db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1).prepare();
  return {
    async lastAuditEntry() {
      return last.get();
    },
    async insertAuditEntry(row) {
      db.insert(auditLog).values(row).run();
    },
  };
}
