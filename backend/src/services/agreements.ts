import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  PREVAILING_AGREEMENT_LANGUAGE,
  type AcceptanceProof,
  type AgreementAcceptance,
  type AgreementAdminList,
  type AgreementVersion,
  type CurrentAgreementResponse,
  type Locale,
  type PublishAgreementRequest,
} from '@openipp/shared';
import { z } from 'zod';
import { AppError } from '../lib/app-error';
import { sha256Hex, uuidv7 } from '../lib/crypto';
import type { AcceptanceWithEmail, AgreementVersionRow, NewAgreementVersion, Store, StoreTransaction } from '../store';
import { consoleLink } from './mail';
import { notify } from './notices';

const iso = (ms: number) => new Date(ms).toISOString();

export function toAgreementVersion(row: AgreementVersionRow): AgreementVersion {
  return {
    version: row.version,
    publishedAt: iso(row.publishedAt),
    summary: { 'zh-CN': row.summaryZh, en: row.summaryEn },
    texts: {
      'zh-CN': { body: row.bodyZh, sha256: row.sha256Zh },
      en: { body: row.bodyEn, sha256: row.sha256En },
    },
    prevailingLanguage: PREVAILING_AGREEMENT_LANGUAGE,
  };
}

export function toAcceptance({ acceptance, userEmail }: AcceptanceWithEmail): AgreementAcceptance {
  return {
    id: acceptance.id,
    userId: acceptance.userId,
    userEmail,
    tenantId: acceptance.tenantId,
    version: acceptance.version,
    language: acceptance.language,
    zhSha256: acceptance.sha256Zh,
    enSha256: acceptance.sha256En,
    acceptedAt: iso(acceptance.acceptedAt),
    ip: acceptance.ip,
    userAgent: acceptance.userAgent,
  };
}

/** The texts to publish; hashes are computed here, over exactly the strings that will be served. */
export interface AgreementTexts {
  bodyZh: string;
  bodyEn: string;
  summaryZh: string;
  summaryEn: string;
}

export function versionRow(version: number, texts: AgreementTexts, publishedAt: number, publishedBy: string | null): NewAgreementVersion {
  return {
    version,
    publishedAt,
    ...texts,
    sha256Zh: sha256Hex(texts.bodyZh),
    sha256En: sha256Hex(texts.bodyEn),
    publishedBy,
  };
}

export async function getCurrentAgreement(store: Store, userId: string): Promise<CurrentAgreementResponse> {
  const current = await store.currentAgreement();
  if (!current) throw new AppError('not_found');
  const accepted = await store.findAcceptance(userId, current.version);
  return { agreement: toAgreementVersion(current), acceptedAt: accepted ? iso(accepted.acceptance.acceptedAt) : null };
}

export interface AcceptInput {
  userId: string;
  tenantId: string;
  version: number;
  language: Locale;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Records that the user accepted `version`, which must be the one in force.
 * Checked and written in one transaction, so a version published meanwhile
 * cannot be skipped and a double click cannot create two records.
 */
export async function acceptAgreement(
  store: Store,
  input: AcceptInput,
  now = Date.now(),
): Promise<{ acceptance: AgreementAcceptance; created: boolean }> {
  return store.transaction(async (tx) => {
    const current = await tx.currentAgreement();
    if (!current || current.version !== input.version) throw new AppError('agreement_version_not_current');
    const existing = await tx.findAcceptance(input.userId, current.version);
    if (existing) return { acceptance: toAcceptance(existing), created: false };
    await tx.insertAcceptance({
      id: uuidv7(now),
      userId: input.userId,
      tenantId: input.tenantId,
      version: current.version,
      language: input.language,
      sha256Zh: current.sha256Zh,
      sha256En: current.sha256En,
      acceptedAt: now,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
    });
    const stored = await tx.findAcceptance(input.userId, current.version);
    if (!stored) throw new Error('acceptance not readable after insert');
    return { acceptance: toAcceptance(stored), created: true };
  });
}

/**
 * One notice per user who can sign in, naming the version and its changes:
 * in-site, and e-mailed (with a link to the texts) to the contact e-mail in
 * force, in the user's language. The text itself is never mailed: the
 * console shows exactly the hashed texts. Without `publicUrl` — a version
 * recorded as published in the past, as the demo seed does — there is no
 * link to mail and the news is old: the inbox alone carries it.
 */
export async function announceVersion(tx: StoreTransaction, version: number, texts: AgreementTexts, now: number, publicUrl?: string): Promise<void> {
  const link = publicUrl === undefined ? undefined : consoleLink(publicUrl, 'agreement');
  for (const user of await tx.listActiveUsers()) {
    await notify(
      tx,
      {
        kind: 'agreement_published',
        recipient: { userId: user.id },
        subjectId: String(version),
        params: { version, summaryZh: texts.summaryZh, summaryEn: texts.summaryEn, ...(link === undefined ? {} : { link }) },
        ...(link === undefined ? { only: ['in_site'] as const } : {}),
      },
      now,
    );
  }
}

/**
 * Publishes the next version, in force at once: from this commit on, the gate
 * stops every user until they accept it. The announcement (in-site message and
 * e-mail) is part of the same transaction, so a version is never published unannounced.
 */
export async function publishAgreement(
  store: Store,
  adminId: string,
  input: PublishAgreementRequest,
  options: { publicUrl: string },
  now = Date.now(),
): Promise<AgreementVersion> {
  return store.transaction(async (tx) => {
    const previous = await tx.currentAgreement();
    const version = (previous?.version ?? 0) + 1;
    const row = versionRow(version, input, now, adminId);
    await tx.insertAgreementVersion(row);
    await announceVersion(tx, version, input, now, options.publicUrl);
    const stored = await tx.currentAgreement();
    if (!stored || stored.version !== version) throw new Error('published version not readable');
    return toAgreementVersion(stored);
  });
}

export async function listAgreementsForAdmin(store: Store): Promise<AgreementAdminList> {
  const [versions, activeUsers] = await Promise.all([store.listAgreementVersions(), store.countActiveUsers()]);
  const currentVersion = versions[0]?.version.version;
  return {
    items: versions.map(({ version, acceptances }) => ({
      version: version.version,
      publishedAt: iso(version.publishedAt),
      summary: { 'zh-CN': version.summaryZh, en: version.summaryEn },
      zhSha256: version.sha256Zh,
      enSha256: version.sha256En,
      acceptances,
      current: version.version === currentVersion,
    })),
    activeUsers,
  };
}

export async function acceptanceProof(store: Store, userId: string, now = Date.now()): Promise<AcceptanceProof> {
  const found = await store.findUserById(userId);
  if (!found) throw new AppError('not_found');
  const acceptances = await store.listAcceptances(userId);
  return {
    user: { id: found.user.id, email: found.user.email, tenantId: found.tenant.id, tenantName: found.tenant.name },
    generatedAt: iso(now),
    acceptances: acceptances.map(toAcceptance),
  };
}

const SummaryFileSchema = z.object({ 'zh-CN': z.string().trim().min(1), en: z.string().trim().min(1) });

/** Reads `<dir>/v<version>/{zh-CN.md,en.md,summary.json}`: the texts we ship for the seed. */
export async function readAgreementContent(dir: string, version: number): Promise<AgreementTexts> {
  const folder = path.join(dir, `v${version}`);
  const [bodyZh, bodyEn, summaryText] = await Promise.all([
    readFile(path.join(folder, 'zh-CN.md'), 'utf8'),
    readFile(path.join(folder, 'en.md'), 'utf8'),
    readFile(path.join(folder, 'summary.json'), 'utf8'),
  ]);
  const summary = SummaryFileSchema.parse(JSON.parse(summaryText));
  if (!bodyZh.trim() || !bodyEn.trim()) throw new Error(`agreement v${version} in ${folder} has an empty text`);
  return { bodyZh, bodyEn, summaryZh: summary['zh-CN'], summaryEn: summary.en };
}
