import type { BackendProcess } from './backend';
import { samplePdf } from './browser';

interface RightSpec {
  type: 'trademark' | 'copyright' | 'design_patent';
  registrationNumber: string;
  territories: string[];
  validFrom: string;
  validUntil: string;
  decision: 'approve' | 'reject' | null;
}

/**
 * Files rights as the demo owner and has the demo admin decide them, through
 * the API a user's console uses: the states a complaint's right can be in.
 */
export async function fileRights(backend: BackendProcess, specs: readonly RightSpec[]): Promise<string[]> {
  const owner = await acceptedToken(backend, 'owner@demo.test');
  const admin = await acceptedToken(backend, 'admin@demo.test');
  const ids: string[] = [];
  for (const spec of specs) {
    const form = new FormData();
    const { decision: _decision, ...data } = spec;
    form.set(
      'data',
      JSON.stringify({ ...data, ...(spec.type === 'trademark' ? { niceClasses: [18] } : { scope: 'Product photography' }) }),
    );
    form.set('proof', new Blob([new Uint8Array(samplePdf(spec.registrationNumber))], { type: 'application/pdf' }), `${spec.registrationNumber}.pdf`);
    const created = await backend.call<{ id: string }>('POST', '/api/rights', owner, form, { 'idempotency-key': crypto.randomUUID() });
    if (created.status !== 201) throw new Error(`filing ${spec.registrationNumber}: ${created.status} ${JSON.stringify(created.body)}`);
    if (spec.decision !== null) {
      const decided = await backend.call('POST', `/api/admin/rights/${created.body.id}/verification`, admin, {
        decision: spec.decision,
        ...(spec.decision === 'reject' ? { reasons: 'The certificate does not match the registry.' } : {}),
      });
      if (decided.status !== 200) throw new Error(`deciding ${spec.registrationNumber}: ${decided.status} ${JSON.stringify(decided.body)}`);
    }
    ids.push(created.body.id);
  }
  return ids;
}

/** A bearer token for a demo user who has accepted the current agreement. */
export async function acceptedToken(backend: BackendProcess, email: string): Promise<string> {
  const token = await backend.token(email);
  const current = await backend.call<{ agreement: { version: number } }>('GET', '/api/agreements/current', token);
  const accepted = await backend.call('POST', `/api/agreements/${current.body.agreement.version}/accept`, token, { language: 'en' });
  if (accepted.status >= 300) throw new Error(`accepting for ${email}: ${accepted.status}`);
  return token;
}
