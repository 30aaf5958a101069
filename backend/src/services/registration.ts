import {
  REGISTRATION_MAX_PROOFS,
  RegistrationDataSchema,
  checkPassword,
  entityKey,
  type PasswordProblem,
} from '@openipp/shared';
import type { z } from 'zod';
import type { BlobStore } from '../blobs';
import type { AppConfig } from '../env';
import { AppError } from '../lib/app-error';
import { uuidv7 } from '../lib/crypto';
import { UniqueConstraintError, type Store, type StoreTransaction, type StoreTx } from '../store';
import { checkDocument, fileParts, jsonField, rejectUnexpectedFields, type CheckedDocument } from './documents';
import { consumeLink, issueLink } from './links';
import { consoleLink } from './mail';
import { notify } from './notices';
import { hashPassword } from './passwords';
import { currentWindow, rateLimited } from './rate-limit';

export type RegistrationFields = z.output<typeof RegistrationDataSchema>;

export interface RegistrationUpload {
  data: RegistrationFields;
  proofs: CheckedDocument[];
}

/** 422 weak_password naming each problem, so the form can say which rule failed. */
export function assertStrongPassword(password: string, email: string): void {
  const problems = checkPassword(password, { email });
  if (problems.length > 0) {
    throw new AppError('weak_password', {
      errors: problems.map((code: PasswordProblem) => ({ path: 'password', code, message: code.replaceAll('_', ' ') })),
    });
  }
}

/**
 * Counts one attempt for the client IP and refuses once the window's budget
 * is spent. In the database, so every backend process shares the budget.
 */
export async function consumeIpBudget(
  store: Store,
  scope: 'register' | 'resend',
  ip: string,
  limits: AppConfig['registrationRateLimit'],
  now: number,
): Promise<void> {
  const window = currentWindow(now, limits.windowSeconds);
  const count = await store.transaction((tx) => tx.hitRateCounter(`${scope}:ip:${ip}`, window.start));
  if (count > limits.maxPerIp) throw rateLimited(window.retryAfter);
}

/** Checks the form in the order a registrant can act on: fields, data, password, then each document. */
export async function parseRegistration(form: FormData): Promise<RegistrationUpload> {
  rejectUnexpectedFields(form, ['data', 'proof']);
  const data = await jsonField(form, 'data', RegistrationDataSchema);
  assertStrongPassword(data.password, data.email);
  const files = await fileParts(form, 'proof', 1, REGISTRATION_MAX_PROOFS);
  const proofs: CheckedDocument[] = [];
  for (const file of files) proofs.push(await checkDocument(file));
  return { data, proofs };
}

/** Maps the unique indexes that enforce "one entity, one account" and unique sign-in e-mails. */
export function conflictFor(error: unknown): AppError | undefined {
  if (!(error instanceof UniqueConstraintError)) return undefined;
  if (error.targets.some((target) => target.startsWith('tenants.entity_key') || target.startsWith('principals.'))) {
    return new AppError('entity_already_registered', { cause: error });
  }
  if (error.targets.includes('users.email')) return new AppError('email_already_registered', { cause: error });
  return undefined;
}

/** Blobs first, then the rows naming them; called inside the transaction so a refusal leaves no row. */
export async function storeDocuments(
  tx: StoreTx,
  blobs: BlobStore,
  documents: CheckedDocument[],
  owner: { tenantId: string; uploadedBy: string; purpose: 'identity_proof' | 'letter_of_authority'; principalId?: string },
  now: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (const doc of documents) {
    await blobs.put(doc.bytes);
    const id = uuidv7(now);
    await tx.insertDocument({
      id,
      tenantId: owner.tenantId,
      principalId: owner.principalId ?? null,
      purpose: owner.purpose,
      fileName: doc.fileName,
      mime: doc.mime,
      bytes: doc.bytes.byteLength,
      sha256: doc.sha256,
      uploadedAt: now,
      uploadedBy: owner.uploadedBy,
    });
    ids.push(id);
  }
  return ids;
}

async function queueVerification(tx: StoreTransaction, config: AppConfig, user: { id: string; tenantId: string; email: string; displayName: string; locale: 'zh-CN' | 'en' }, now: number) {
  const { token } = await issueLink(tx, { purpose: 'verify_email', tenantId: user.tenantId, userId: user.id, email: user.email }, now);
  // Verification proves the sign-in address, so it goes there, not to a contact address.
  await notify(
    tx,
    {
      kind: 'verify_email',
      recipient: { email: user.email, locale: user.locale, tenantId: user.tenantId, userId: user.id },
      params: { name: user.displayName, link: consoleLink(config.publicUrl, 'verify-email', token) },
    },
    now,
  );
}

/**
 * Creates the tenant (identity pending), its owner (e-mail unverified), the
 * first contact details, the proof documents, a verification link and its
 * e-mail — in one transaction. The unique indexes decide duplicates, also
 * between concurrent registrations.
 */
export async function register(
  deps: { store: Store; blobs: BlobStore; config: AppConfig },
  upload: RegistrationUpload,
  now = Date.now(),
): Promise<{ tenantId: string; userId: string }> {
  const { data } = upload;
  if (await deps.store.findUserByEmail(data.email)) throw new AppError('email_already_registered');
  const passwordHash = await hashPassword(data.password);
  const tenantId = uuidv7(now);
  const userId = uuidv7(now);
  try {
    await deps.store.transaction(async (tx) => {
      await tx.insertTenant({
        id: tenantId,
        kind: data.tenantKind,
        name: data.identity.legalName,
        createdAt: now,
        entityKind: data.identity.entityKind,
        legalName: data.identity.legalName,
        country: data.identity.country,
        registrationNumber: data.identity.registrationNumber,
        entityKey: entityKey(data.identity),
        identityStatus: 'pending',
      });
      await tx.insertUser({
        id: userId,
        tenantId,
        email: data.email,
        displayName: data.displayName,
        role: 'owner',
        locale: data.locale,
        passwordHash,
        createdAt: now,
        emailVerifiedAt: null,
      });
      await tx.insertContactVersion({
        id: uuidv7(now),
        userId,
        email: data.email,
        phone: data.phone,
        postalAddress: data.postalAddress,
        since: now,
        until: null,
        confirmedAt: now,
      });
      await storeDocuments(tx, deps.blobs, upload.proofs, { tenantId, uploadedBy: userId, purpose: 'identity_proof' }, now);
      await queueVerification(tx, deps.config, { id: userId, tenantId, email: data.email, displayName: data.displayName, locale: data.locale }, now);
    });
  } catch (error) {
    throw conflictFor(error) ?? error;
  }
  return { tenantId, userId };
}

/** Opens a verification link: the address is proven, sign-in is possible. */
export async function verifyEmail(store: Store, token: string, now = Date.now()): Promise<{ email: string }> {
  return store.transaction(async (tx) => {
    const link = await consumeLink(tx, token, 'verify_email', now);
    if (link.userId === null) throw new AppError('link_invalid');
    await tx.markEmailVerified(link.userId, now);
    return { email: link.email };
  });
}

/** Per address and window, on top of the per-IP budget; beyond it resends are silently dropped. */
const RESEND_MAX_PER_EMAIL = 5;

/**
 * Sends a fresh verification link to an unverified account. The answer is
 * the same whether or not the address has an account, so it reveals none.
 */
export async function resendVerification(deps: { store: Store; config: AppConfig }, email: string, now = Date.now()): Promise<boolean> {
  const found = await deps.store.findUserByEmail(email);
  if (!found || found.user.emailVerifiedAt !== null || found.user.frozenAt !== null) return false;
  const window = currentWindow(now, deps.config.registrationRateLimit.windowSeconds);
  return deps.store.transaction(async (tx) => {
    if ((await tx.hitRateCounter(`resend:email:${email}`, window.start)) > RESEND_MAX_PER_EMAIL) return false;
    const { user } = found;
    await queueVerification(tx, deps.config, { id: user.id, tenantId: user.tenantId, email: user.email, displayName: user.displayName, locale: user.locale }, now);
    return true;
  });
}
