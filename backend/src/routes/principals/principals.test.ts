import type { Principal, VerificationQueue } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/crypto';
import { bearer, createHarness, jsonPost, loginBearer, pngBytes, type Harness } from '../../testing/harness';
import { startInbox, type Inbox } from '../../testing/inbox';
import { pdfBytes, registerAndSignIn, snapshot, type FilePart, type RegisteredAccount } from '../../testing/registration';

let h: Harness;
let inbox: Inbox;
let agency: RegisteredAccount;
beforeAll(async () => {
  inbox = await startInbox();
  h = await createHarness({ trustProxy: true, mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 } });
  agency = await registerAndSignIn(h, inbox, { tenantKind: 'agency' });
});
afterAll(async () => {
  await h.close();
  await inbox.close();
});

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { code: string; status: number };
}

const identity = (number: string) => ({ entityKind: 'company', legalName: `Principal ${number} GmbH`, country: 'DE', registrationNumber: number });

function addPrincipal(token: string, data: unknown, file: FilePart | null = { bytes: pdfBytes('authority'), name: 'authority.pdf' }) {
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  if (file) form.append('authority', new Blob([file.bytes], { type: file.type ?? 'application/pdf' }), file.name ?? 'authority.pdf');
  return h.app.request('/api/principals', { method: 'POST', headers: bearer(token), body: form });
}

describe('principals of an agency', () => {
  let added: Principal;

  it('adds a principal with its letter of authority, pending verification', async () => {
    const letter = pdfBytes('letter-1');
    const res = await addPrincipal(agency.token, identity('HRB 1234'), { bytes: letter, name: 'letter.pdf' });
    expect(res.status).toBe(201);
    added = (await res.json()) as Principal;
    expect(added).toMatchObject({
      identity: identity('HRB 1234'),
      authority: { status: 'pending', decidedAt: null, reasons: null },
      letterOfAuthority: { purpose: 'letter_of_authority', mime: 'application/pdf', fileName: 'letter.pdf', sha256: sha256Hex(letter) },
    });
    const list = (await (await h.app.request('/api/principals', { headers: bearer(agency.token) })).json()) as { items: Principal[] };
    expect(list.items).toEqual([added]);
    const download = await h.app.request(`/api/documents/${added.letterOfAuthority.id}`, { headers: bearer(agency.token) });
    expect(sha256Hex(new Uint8Array(await download.arrayBuffer()))).toBe(sha256Hex(letter));
  });

  it('refuses the same principal twice (folded key), a bad file and bad data, writing nothing', async () => {
    const cases: Array<[unknown, FilePart | null, number, string]> = [
      [identity('hrb1234'), { bytes: pdfBytes('letter-2') }, 409, 'entity_already_registered'],
      [identity('HRB 9'), null, 400, 'missing_file'],
      [identity('HRB 9'), { bytes: await pngBytes(), name: 'letter.pdf' }, 422, 'file_type_mismatch'],
      [identity('HRB 9'), { bytes: new Uint8Array(Buffer.from('plain text')), name: 'letter.txt', type: 'text/plain' }, 415, 'unsupported_file_type'],
      [{ ...identity('HRB 9'), country: 'Germany' }, { bytes: pdfBytes('x') }, 400, 'validation_failed'],
    ];
    for (const [data, file, status, code] of cases) {
      const before = snapshot(h);
      const res = await addPrincipal(agency.token, data, file);
      expect(res.status, code).toBe(status);
      expect((await problem(res)).code).toBe(code);
      expect(snapshot(h), code).toEqual(before);
    }
  });

  it('is absent (404) for tenants that are not agencies, and their documents stay theirs', async () => {
    const owner = await loginBearer(h, 'owner@demo.test');
    expect((await problem(await h.app.request('/api/principals', { headers: bearer(owner) }))).code).toBe('not_found');
    const before = snapshot(h);
    expect((await problem(await addPrincipal(owner, identity('HRB 77')))).code).toBe('not_found');
    expect(snapshot(h)).toEqual(before);
    expect((await problem(await h.app.request(`/api/documents/${added.letterOfAuthority.id}`, { headers: bearer(owner) }))).code).toBe('not_found');
  });

  it('is decided by staff from the queue; the agency owner is mailed; deciding twice is already_decided', async () => {
    const admin = await loginBearer(h, 'admin@demo.test');
    const queue = (await (await h.app.request('/api/admin/verifications', { headers: bearer(admin) })).json()) as VerificationQueue;
    expect(queue.principals).toEqual([{ ...added, agency: { id: agency.tenantId, name: agency.data.identity.legalName } }]);

    const res = await h.app.request(`/api/admin/principals/${added.id}/verification`, jsonPost({ decision: 'reject', reasons: 'Letter not signed.' }, bearer(admin)));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'rejected', reasons: 'Letter not signed.' });
    const twice = await h.app.request(`/api/admin/principals/${added.id}/verification`, jsonPost({ decision: 'approve' }, bearer(admin)));
    expect(twice.status).toBe(409);
    expect((await problem(twice)).code).toBe('already_decided');
    await h.mailer.drain();
    const mail = inbox.to(agency.data.email).find((m) => m.subject.includes('Principal HRB 1234 GmbH'));
    expect(mail?.text).toContain('Letter not signed.');
    const list = (await (await h.app.request('/api/principals', { headers: bearer(agency.token) })).json()) as { items: Principal[] };
    expect(list.items[0]!.authority).toMatchObject({ status: 'rejected', reasons: 'Letter not signed.' });
  });
});
