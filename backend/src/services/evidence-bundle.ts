/**
 * Evidence bundles (issue #7 part 5): the manifest of a capture, its signed
 * receipt, the chain proof, and the offline check of all of them.
 *
 * The manifest is frozen when the capture is receipted: its canonical bytes
 * sit in the blob store under the SHA-256 that the capture's
 * `capture_received` audit entry names, and are served as they are. The
 * receipt is derived from that manifest and that entry every time it is
 * asked for. A capture still missing declared artefacts has neither: its
 * receipt is the unsigned core, marked incomplete. Ed25519 signatures are
 * deterministic, so the receipt returned on upload, on a replay of that
 * upload, by GET /api/captures/{id} and inside a bundle is the same, byte
 * for byte, as long as the server keeps its key.
 */
import {
  BUNDLE_FILES,
  CaptureManifestSchema,
  CaptureReceiptSchema,
  ChainProofSchema,
  bundleArtefactPath,
  canonicalManifest,
  receiptSigningText,
  type CaptureManifest,
  type CaptureReceipt,
  type ChainEntry,
  type ChainProof,
  type ReceiptArtefact,
} from '@openipp/shared';
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped, type Zippable } from 'fflate';
import type { z } from 'zod';
import type { BlobStore } from '../blobs';
import { AppError } from '../lib/app-error';
import { sha256Hex } from '../lib/crypto';
import { describePublicKey, parsePublicKey, verifySignature, type SigningKey } from '../lib/signing-key';
import type { AuditLogRow, CaptureRow, Store } from '../store';
import { auditEntryHash } from './audit';
import { buildManifest } from './capture-manifest';
import { readBlob } from './captures';

/** The audit entry written in the transaction that stored the capture. */
async function captureEntry(store: Store, captureId: string): Promise<AuditLogRow | undefined> {
  const rows = await store.auditEntriesFor(captureId);
  return rows.find(({ entry }) => entry.kind === 'capture_received')?.entry;
}

export interface CaptureEvidence {
  manifestText: string;
  manifest: CaptureManifest;
  receipt: CaptureReceipt;
  entry: AuditLogRow;
}

type EvidenceDeps = { store: Store; blobs: BlobStore; signingKey: SigningKey };

/**
 * The manifest's canonical text as frozen at receipt. Entries written before
 * manifests were frozen name none; those captures hold one screenshot and
 * their row never changes, so the manifest is derived from it.
 */
async function frozenManifestText(blobs: BlobStore, capture: CaptureRow, entry: AuditLogRow): Promise<string> {
  const named = (JSON.parse(entry.payload) as { manifestSha256?: unknown }).manifestSha256;
  if (typeof named !== 'string') return canonicalManifest(buildManifest(capture, []));
  return strFromU8(await readBlob(blobs, named));
}

/**
 * The manifest, the signed receipt and the audit entry of one capture;
 * undefined for a capture without its audit entry: one still missing
 * declared artefacts, or one stored before the audit log existed.
 */
export async function captureEvidence(deps: EvidenceDeps, capture: CaptureRow): Promise<CaptureEvidence | undefined> {
  const entry = await captureEntry(deps.store, capture.id);
  if (!entry) return undefined;
  const manifestText = await frozenManifestText(deps.blobs, capture, entry);
  const manifest = CaptureManifestSchema.parse(JSON.parse(manifestText));
  const artefacts: ReceiptArtefact[] = manifest.artefacts.map(({ kind, sha256 }) => ({ kind, sha256 }));
  const signed = {
    captureId: capture.id,
    manifestSha256: sha256Hex(manifestText),
    artefacts,
    receivedAt: manifest.server.receivedAt,
    chain: { seq: entry.seq, entryHash: entry.hash },
  };
  const receipt: CaptureReceipt = {
    id: capture.id,
    sha256: capture.screenshotSha256,
    receivedAt: signed.receivedAt,
    state: 'receipted',
    manifestSha256: signed.manifestSha256,
    artefacts,
    chain: signed.chain,
    keyId: deps.signingKey.publicKey.keyId,
    signature: deps.signingKey.sign(receiptSigningText(signed)),
  };
  return { manifestText, manifest, receipt, entry };
}

/**
 * The receipt as the API returns it for one capture: signed once receipted;
 * while declared artefacts are missing, the unsigned core naming them; the
 * unsigned core alone for a capture older than the audit log.
 */
export async function signedReceipt(deps: EvidenceDeps, capture: CaptureRow): Promise<CaptureReceipt> {
  const evidence = await captureEvidence(deps, capture);
  if (evidence) return evidence.receipt;
  const core: CaptureReceipt = { id: capture.id, sha256: capture.screenshotSha256, receivedAt: new Date(capture.receivedAt).toISOString() };
  const missing = (await deps.store.listCaptureArtefacts(capture.id)).filter((row) => row.receivedAt === null).map((row) => row.sha256);
  return missing.length > 0 ? { ...core, state: 'incomplete', missing: [...new Set(missing)] } : core;
}

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);

/**
 * The zip: manifest.json (its exact canonical bytes, which manifestSha256
 * hashes), the original artefact bytes, receipt.json, chain-proof.json and
 * public-key.pem. Entry times are the receive time, so one capture always
 * yields the same bundle.
 */
export async function buildEvidenceBundle(deps: EvidenceDeps, capture: CaptureRow): Promise<Uint8Array<ArrayBuffer>> {
  const evidence = await captureEvidence(deps, capture);
  if (!evidence) {
    // Still waiting for declared artefacts: there is nothing signed to bundle yet.
    if ((await deps.store.listCaptureArtefacts(capture.id)).some((row) => row.receivedAt === null)) throw new AppError('capture_incomplete');
    // Otherwise a capture row without its audit entry means a damaged or pre-audit database, not a client error.
    throw new Error(`capture ${capture.id} has no audit entry`);
  }
  const { manifest } = evidence;
  const { seq, at, tenantId, actorId, kind, subjectId, payload, prevHash, hash } = evidence.entry;
  const chainProof: ChainProof = { chainProofVersion: 1, entry: { seq, at, tenantId, actorId, kind, subjectId, payload, prevHash, hash } };
  const files: Zippable = { [BUNDLE_FILES.manifest]: strToU8(evidence.manifestText) };
  for (const artefact of manifest.artefacts) {
    // Images are compressed already; storing them keeps the original bytes plainly inside the zip.
    // MHTML is text and shrinks well, but stored plainly too: a reader finds the original bytes without inflating.
    files[bundleArtefactPath(artefact)] = [await readBlob(deps.blobs, artefact.sha256), { level: 0 }];
  }
  files[BUNDLE_FILES.receipt] = json(evidence.receipt);
  files[BUNDLE_FILES.chainProof] = json(chainProof);
  files[BUNDLE_FILES.publicKey] = strToU8(deps.signingKey.publicKey.pem);
  return zipSync(files, { mtime: new Date(capture.receivedAt) });
}

// ---------- offline verification ----------

/** In the order they are reported. */
export const EVIDENCE_CHECKS = ['bundle', 'artefacts', 'manifest', 'signature', 'chain'] as const;
export type EvidenceCheck = (typeof EVIDENCE_CHECKS)[number];

export type EvidenceFailure =
  | 'unreadable_zip'
  | 'missing_file'
  | 'unreadable_file'
  | 'not_checked'
  | 'artefact_missing'
  | 'artefact_hash_mismatch'
  | 'artefact_size_mismatch'
  | 'manifest_hash_mismatch'
  | 'manifest_mismatch'
  | 'bad_public_key'
  | 'key_id_mismatch'
  | 'signature_invalid'
  | 'entry_hash_mismatch'
  | 'position_mismatch'
  | 'entry_subject_mismatch';

export interface CheckResult {
  check: EvidenceCheck;
  ok: boolean;
  /** Why it failed; absent when it passed. */
  failure?: EvidenceFailure;
  /** Values for the failure's message (file names, hashes). */
  detail?: Record<string, string>;
}

export interface EvidenceVerification {
  ok: boolean;
  checks: CheckResult[];
  /** Which public key the signature was checked against. */
  keySource: 'bundle' | 'pinned';
  keyId?: string;
  captureId?: string;
}

type Outcome = { ok: true } | { ok: false; failure: EvidenceFailure; detail?: Record<string, string> };
const pass: Outcome = { ok: true };
const fail = (failure: EvidenceFailure, detail?: Record<string, string>): Outcome => ({ ok: false, failure, ...(detail ? { detail } : {}) });

/** A JSON file of the bundle, checked against its schema; undefined when absent, unparsable or off-schema. */
function readJson<S extends z.ZodType>(files: Unzipped, name: string, schema: S): z.infer<S> | undefined {
  const bytes = files[name];
  if (!bytes) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(strFromU8(bytes)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A receipt the verifier can work with: every signature field present. */
const VerifiableReceiptSchema = CaptureReceiptSchema.required({ manifestSha256: true, artefacts: true, chain: true, keyId: true, signature: true });
type VerifiableReceipt = z.infer<typeof VerifiableReceiptSchema>;

const unreadable = (file: string) => fail('unreadable_file', { file });

function checkArtefacts(files: Unzipped, manifest: CaptureManifest | undefined): Outcome {
  if (!manifest) return unreadable(BUNDLE_FILES.manifest);
  for (const artefact of manifest.artefacts) {
    const file = bundleArtefactPath(artefact);
    const bytes = files[file];
    if (!bytes) return fail('artefact_missing', { file });
    const actual = sha256Hex(bytes);
    if (actual !== artefact.sha256) return fail('artefact_hash_mismatch', { file, expected: artefact.sha256, actual });
    if (bytes.byteLength !== artefact.bytes) return fail('artefact_size_mismatch', { file, expected: String(artefact.bytes), actual: String(bytes.byteLength) });
  }
  return pass;
}

function checkManifest(files: Unzipped, manifest: CaptureManifest | undefined, receipt: VerifiableReceipt | undefined): Outcome {
  const bytes = files[BUNDLE_FILES.manifest];
  if (!bytes) return fail('missing_file', { file: BUNDLE_FILES.manifest });
  if (!receipt) return unreadable(BUNDLE_FILES.receipt);
  const actual = sha256Hex(bytes);
  if (actual !== receipt.manifestSha256) return fail('manifest_hash_mismatch', { expected: receipt.manifestSha256, actual });
  if (!manifest) return unreadable(BUNDLE_FILES.manifest);
  const listed = (artefacts: ReceiptArtefact[]) => JSON.stringify(artefacts.map(({ kind, sha256 }) => [kind, sha256]));
  if (manifest.captureId !== receipt.id || listed(manifest.artefacts) !== listed(receipt.artefacts)) return fail('manifest_mismatch');
  return pass;
}

function checkSignature(receipt: VerifiableReceipt | undefined, publicKeyPem: string | undefined): Outcome & { keyId?: string } {
  if (!receipt) return unreadable(BUNDLE_FILES.receipt);
  if (publicKeyPem === undefined) return fail('missing_file', { file: BUNDLE_FILES.publicKey });
  let key;
  try {
    key = parsePublicKey(publicKeyPem);
  } catch {
    return fail('bad_public_key');
  }
  const { keyId } = describePublicKey(key);
  if (keyId !== receipt.keyId) return { ...fail('key_id_mismatch', { expected: receipt.keyId, actual: keyId }), keyId };
  const text = receiptSigningText({ captureId: receipt.id, manifestSha256: receipt.manifestSha256, artefacts: receipt.artefacts, receivedAt: receipt.receivedAt, chain: receipt.chain });
  return { ...(verifySignature(key, text, receipt.signature) ? pass : fail('signature_invalid')), keyId };
}

function recomputedEntryHash(entry: ChainEntry): string | undefined {
  const { hash: _stored, ...rest } = entry;
  try {
    return auditEntryHash(rest as Omit<AuditLogRow, 'hash'>);
  } catch {
    return undefined;
  }
}

function checkChain(proof: ChainProof | undefined, receipt: VerifiableReceipt | undefined): Outcome {
  if (!proof) return unreadable(BUNDLE_FILES.chainProof);
  const { entry } = proof;
  const recomputed = recomputedEntryHash(entry);
  if (recomputed !== entry.hash) return fail('entry_hash_mismatch', { seq: String(entry.seq), expected: entry.hash, actual: recomputed ?? '-' });
  if (!receipt) return unreadable(BUNDLE_FILES.receipt);
  if (entry.seq !== receipt.chain.seq || entry.hash !== receipt.chain.entryHash) {
    return fail('position_mismatch', { seq: String(entry.seq), expectedSeq: String(receipt.chain.seq) });
  }
  // The entry must be this capture's receipt entry, naming the same screenshot (and, once frozen, the same manifest).
  let payload: unknown;
  try {
    payload = JSON.parse(entry.payload);
  } catch {
    payload = undefined;
  }
  const named = payload as { captureId?: unknown; sha256?: unknown; manifestSha256?: unknown } | undefined;
  const manifestNamed = named?.manifestSha256 === undefined || named.manifestSha256 === receipt.manifestSha256;
  if (entry.kind !== 'capture_received' || entry.subjectId !== receipt.id || named?.captureId !== receipt.id || named.sha256 !== receipt.sha256 || !manifestNamed) {
    return fail('entry_subject_mismatch');
  }
  return pass;
}

/**
 * Checks a bundle using nothing but its bytes (and, when given, a pinned
 * public key instead of the one inside it). Each check stands on its own, so
 * one altered file fails its own check and leaves the others to speak.
 */
export function verifyEvidenceBundle(zip: Uint8Array, options: { publicKeyPem?: string } = {}): EvidenceVerification {
  const keySource = options.publicKeyPem === undefined ? 'bundle' : 'pinned';
  let files: Unzipped;
  try {
    files = unzipSync(zip);
  } catch {
    const checks = EVIDENCE_CHECKS.map((check): CheckResult => ({ check, ok: false, failure: check === 'bundle' ? 'unreadable_zip' : 'not_checked' }));
    return { ok: false, checks, keySource };
  }
  const manifest = readJson(files, BUNDLE_FILES.manifest, CaptureManifestSchema);
  const receipt = readJson(files, BUNDLE_FILES.receipt, VerifiableReceiptSchema);
  const proof = readJson(files, BUNDLE_FILES.chainProof, ChainProofSchema);
  const bundledKey = files[BUNDLE_FILES.publicKey] ? strFromU8(files[BUNDLE_FILES.publicKey]!) : undefined;

  const missing = Object.values(BUNDLE_FILES).filter((name) => !files[name]);
  const signature = checkSignature(receipt, options.publicKeyPem ?? bundledKey);
  const outcomes: Record<EvidenceCheck, Outcome> = {
    bundle: missing.length > 0 ? fail('missing_file', { file: missing.join(', ') }) : pass,
    artefacts: checkArtefacts(files, manifest),
    manifest: checkManifest(files, manifest, receipt),
    signature,
    chain: checkChain(proof, receipt),
  };
  const checks = EVIDENCE_CHECKS.map((check): CheckResult => {
    const outcome = outcomes[check];
    return outcome.ok ? { check, ok: true } : { check, ok: false, failure: outcome.failure, ...(outcome.detail ? { detail: outcome.detail } : {}) };
  });
  return {
    ok: checks.every((check) => check.ok),
    checks,
    keySource,
    ...(signature.keyId ? { keyId: signature.keyId } : {}),
    ...(receipt ? { captureId: receipt.id } : {}),
  };
}
