import { integer, text } from 'drizzle-orm/sqlite-core';
import { DOCUMENT_MIMES } from './enums';

/**
 * The columns every uploaded document row carries (identity papers, right
 * proofs, shop-claim proofs, answers to requests, counter-notice evidence,
 * complainant proofs). The bytes live in the blob store under `sha256`; the
 * file name is kept for the download and never used as a path. A function,
 * not a constant: each table needs its own column builders.
 */
export function storedFileColumns() {
  return {
    fileName: text('file_name').notNull(),
    mime: text('mime', { enum: DOCUMENT_MIMES }).notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
  };
}
