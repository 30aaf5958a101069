/**
 * The chain proof in an evidence bundle: the capture's audit entry exactly as
 * stored, so its hash can be recomputed offline. The entry hash is the
 * SHA-256 (hex) of the UTF-8 canonical JSON of
 * `{seq, at, tenantId, actorId, kind, subjectId, payload, prevHash}`, where
 * `payload` is the stored canonical JSON text (a string, not an object).
 */
import { z } from 'zod';
import { Sha256HexSchema } from './manifest';

export const CHAIN_PROOF_VERSION = 1;

export const ChainEntrySchema = z.object({
  seq: z.number().int().positive(),
  /** Epoch ms. */
  at: z.number().int(),
  tenantId: z.string().nullable(),
  actorId: z.string().nullable(),
  kind: z.string(),
  subjectId: z.string(),
  /** Canonical JSON text, hashed as this string. */
  payload: z.string(),
  prevHash: Sha256HexSchema,
  hash: Sha256HexSchema,
});
export type ChainEntry = z.infer<typeof ChainEntrySchema>;

export const ChainProofSchema = z.object({
  chainProofVersion: z.literal(CHAIN_PROOF_VERSION),
  entry: ChainEntrySchema,
});
export type ChainProof = z.infer<typeof ChainProofSchema>;
