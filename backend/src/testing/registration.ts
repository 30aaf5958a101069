/** Test helpers for registration: real documents, forms, and a before/after view of everything written. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { RegistrationData } from '@openipp/shared';
import { jsonPost, type Harness } from './harness';
import { linkToken } from './inbox';

/** A small but complete PDF (header, one empty page, trailer, %%EOF). */
export function pdfBytes(marker = 'proof'): Uint8Array<ArrayBuffer> {
  const text = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    `% ${marker}`,
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n');
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

let counter = 0;
/** A registration with a fresh e-mail and entity each call. */
export function registrationData(overrides: Partial<RegistrationData> = {}): RegistrationData {
  counter += 1;
  const unique = `${Date.now().toString(36)}${counter}`;
  return {
    tenantKind: 'rights_holder',
    identity: { entityKind: 'company', legalName: `Example Brand ${unique} Ltd.`, country: 'CN', registrationNumber: `9131REG${unique}`.toUpperCase() },
    email: `owner-${unique}@example.test`,
    password: 'a long enough passphrase',
    displayName: 'Registrant',
    locale: 'en',
    phone: '+86 21 5555 0100',
    postalAddress: '1 Example Road, Shanghai',
    ...overrides,
  };
}

export interface FilePart {
  bytes: Uint8Array<ArrayBuffer>;
  name?: string;
  type?: string;
}

export function registrationForm(parts: { data?: unknown; dataText?: string; proofs?: FilePart[]; extra?: Array<[string, string | Blob]> }): FormData {
  const form = new FormData();
  if (parts.dataText !== undefined) form.append('data', parts.dataText);
  else if (parts.data !== undefined) form.append('data', JSON.stringify(parts.data));
  for (const proof of parts.proofs ?? []) {
    form.append('proof', new Blob([proof.bytes], { type: proof.type ?? 'application/pdf' }), proof.name ?? 'proof.pdf');
  }
  for (const [name, value] of parts.extra ?? []) form.append(name, value);
  return form;
}

let ipCounter = 0;
/** A fresh client address per call (the harness trusts X-Forwarded-For), so per-IP budgets do not interfere. */
export const freshIp = () => ({ 'X-Forwarded-For': `203.0.113.${(++ipCounter % 250) + 1}`, 'User-Agent': `RegistrationTest/${ipCounter}` });

export function postRegistration(h: Harness, form: FormData, headers: Record<string, string> = freshIp()) {
  return h.app.request('/api/registrations', { method: 'POST', headers, body: form });
}

function countBlobs(dir: string): number {
  try {
    return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp')).length;
  } catch {
    return 0;
  }
}

const WRITTEN_TABLES = ['tenants', 'users', 'documents', 'principals', 'contact_versions', 'one_time_links', 'mail_outbox', 'known_devices', 'sessions'] as const;

/** Rows in every table a registration, invitation or link could write, plus blob files. */
export function snapshot(h: Harness): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(WRITTEN_TABLES.map((table) => [table, h.db.count(table)]));
  counts.blobs = countBlobs(path.join(h.dataDir, 'blobs'));
  counts.verifiedUsers = h.db.count('users', 'email_verified_at is not null');
  counts.usedLinks = h.db.count('one_time_links', 'used_at is not null');
  return counts;
}

export interface RegisteredAccount {
  data: RegistrationData;
  tenantId: string;
  userId: string;
  /** Bearer token of a session past the agreement gate. */
  token: string;
}

/** Registers through the API, opens the mailed verification link, signs in and accepts the agreement. */
export async function registerAndSignIn(
  h: Harness,
  inbox: { to(address: string): Array<{ text: string }> },
  overrides: Partial<RegistrationData> = {},
): Promise<RegisteredAccount> {
  const data = registrationData(overrides);
  const res = await postRegistration(h, registrationForm({ data, proofs: [{ bytes: pdfBytes(data.email) }] }));
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${await res.text()}`);
  const { tenantId, userId } = (await res.json()) as { tenantId: string; userId: string };
  await h.mailer.drain();
  const mail = inbox.to(data.email).at(-1);
  if (!mail) throw new Error('no verification mail');
  const verified = await h.app.request('/api/auth/verify-email', jsonPost({ token: linkToken(mail.text, 'verify-email') }));
  if (verified.status !== 200) throw new Error(`verification failed: ${verified.status}`);
  const login = await h.app.request('/api/auth/login', jsonPost({ email: data.email, password: data.password }, freshIp()));
  const { token } = (await login.json()) as { token: string };
  const current = (await (await h.app.request('/api/agreements/current', { headers: { Authorization: `Bearer ${token}` } })).json()) as {
    agreement: { version: number };
  };
  await h.app.request(`/api/agreements/${current.agreement.version}/accept`, jsonPost({ language: 'en' }, { Authorization: `Bearer ${token}` }));
  return { data, tenantId, userId, token };
}
