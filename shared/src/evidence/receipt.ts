/**
 * The signed capture receipt (issue #7 part 5). The server signs, with its
 * Ed25519 key, the canonical JSON of a small payload that ties together the
 * capture, its manifest, every artefact hash and the capture's entry in the
 * hash-chained audit log. Anyone holding the public key can check it offline.
 */
import { z } from 'zod';
import { canonicalize } from './canonical-json';
import { ARTEFACT_KINDS, Sha256HexSchema } from './manifest';

/**
 * Written into every signed payload so a signature over a receipt can never
 * be passed off as a signature over some other record the same key signs.
 */
export const RECEIPT_PURPOSE = 'openipp.capture-receipt.v1';

export const ReceiptArtefactSchema = z.object({ kind: z.enum(ARTEFACT_KINDS), sha256: Sha256HexSchema });
export type ReceiptArtefact = z.infer<typeof ReceiptArtefactSchema>;

/** The capture's entry in the audit log: its position, and the hash of its canonical form. */
export const ChainPositionSchema = z.object({ seq: z.number().int().positive(), entryHash: Sha256HexSchema });
export type ChainPosition = z.infer<typeof ChainPositionSchema>;

/**
 * The receipt fields the signature adds. Optional on the wire: list views
 * and receipts stored before signing existed carry none of them.
 */
export const ReceiptSignatureFieldsSchema = z.object({
  manifestSha256: Sha256HexSchema.optional(),
  artefacts: z.array(ReceiptArtefactSchema).optional(),
  chain: ChainPositionSchema.optional(),
  /** SHA-256 (hex) of the signing key's SubjectPublicKeyInfo (DER), as GET /api/evidence/public-key gives it. */
  keyId: Sha256HexSchema.optional(),
  /** Ed25519 signature (base64) over `receiptSigningText`. */
  signature: z.string().max(200).optional(),
});

/** What is signed: exactly these fields, nothing else. */
export interface ReceiptSigningInput {
  captureId: string;
  manifestSha256: string;
  artefacts: ReceiptArtefact[];
  receivedAt: string;
  chain: ChainPosition;
}

/** The UTF-8 text the Ed25519 signature covers: canonical JSON of the payload with its purpose. */
export function receiptSigningText(input: ReceiptSigningInput): string {
  const { captureId, manifestSha256, artefacts, receivedAt, chain } = input;
  return canonicalize({
    purpose: RECEIPT_PURPOSE,
    captureId,
    manifestSha256,
    artefacts: artefacts.map(({ kind, sha256 }) => ({ kind, sha256 })),
    receivedAt,
    chain: { seq: chain.seq, entryHash: chain.entryHash },
  });
}

/** GET /api/evidence/public-key: the key that verifies receipt signatures. */
export const EvidencePublicKeySchema = z.object({
  algorithm: z.literal('Ed25519'),
  /** SHA-256 (hex) of the SubjectPublicKeyInfo DER; receipts name their key by it. */
  keyId: Sha256HexSchema,
  /** SubjectPublicKeyInfo, PEM. */
  publicKeyPem: z.string(),
  /** The 32 raw key bytes, base64. */
  publicKeyRaw: z.string(),
});
export type EvidencePublicKey = z.infer<typeof EvidencePublicKeySchema>;
