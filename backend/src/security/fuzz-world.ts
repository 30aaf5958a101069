/**
 * The records and callers the fuzzing suite points its requests at (issue #8,
 * part 2). Each route is called by a role allowed to use it, on records of the
 * caller's own tenant, so what gets refused is the body and not the caller:
 * a draft and filed complaints of the demo rights holder, complaints a
 * reviewer has claimed, one a reviewer asked material for, an upheld listing
 * in the demo seller's shop, a counter-notice, a pending shop claim and a
 * sanction. Everything is made through the API, as users make it.
 */
import { dataForm, expectStatus, pdfPart } from '../testing/requests';
import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_HEADER, type Complaint, type CounterNotice, type ShopClaim } from '@openipp/shared';
import { acceptCurrentAgreementForAll, bearer, createHarness, jsonPost, loginBearer, pngBytes, sampleMeta, type Harness } from '../testing/harness';
import { startInbox } from '../testing/inbox';
import { pdfBytes, registerAndSignIn, registrationData } from '../testing/registration';
import { REGION, captureOf, demoTrademark, freshTaobao } from '../testing/review';
import { DEMO_SELLER_SHOP } from '../services/seed';
import type { FileSamples, IdLookup } from './fuzz-inputs';

export const ROLES = ['anonymous', 'owner', 'monitor', 'agency', 'seller', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const EMAILS: Record<Exclude<Role, 'anonymous' | 'agency'>, string> = {
  owner: 'owner@demo.test',
  monitor: 'monitor@demo.test',
  seller: 'seller@demo.test',
  reviewer: 'reviewer@demo.test',
  admin: 'admin@demo.test',
};

/** One operation of the OpenAPI document that takes a JSON or multipart body. */
export interface BodyRoute {
  method: string;
  /** As the document writes it, e.g. /api/complaints/{id}. */
  path: string;
  kind: 'json' | 'multipart';
  schema: Record<string, unknown>;
  secured: boolean;
  idempotent: boolean;
}

/**
 * Who calls a route: anonymous for public routes, staff for staff routes,
 * the seller for seller routes, and the rights holder's owner for the rest.
 * Principals are an agency's. Compromise reports go through the monitor, whose frozen account is then
 * thawed by an admin (see `heal`), so the owner stays signed in.
 */
export function roleFor(route: BodyRoute): Role {
  if (!route.secured) return 'anonymous';
  if (route.path.startsWith('/api/admin/')) return 'admin';
  if (route.path.startsWith('/api/review/')) return 'reviewer';
  if (route.path.startsWith('/api/seller/') || route.path === '/api/shops') return 'seller';
  if (route.path === '/api/account/report-compromise') return 'monitor';
  if (route.path === '/api/principals') return 'agency';
  return 'owner';
}

export interface FuzzWorld {
  h: Harness;
  tokens: Record<Exclude<Role, 'anonymous'>, string>;
  samples: FileSamples;
  /** Real record ids for path parameters, by route path then parameter name. */
  pathIds: Record<string, Record<string, string>>;
  /** Every real id above, for the path parameters of routes this file does not know yet. */
  anyIds: string[];
  /** Ids a JSON body names, by key (rightId, captureIds, listingId, …). */
  bodyIds: IdLookup;
  /** Well-formed JSON values of multipart text fields, by route path then field. */
  formExamples: Record<string, Record<string, unknown>>;
  /**
   * Puts back what an accepted fuzzed write took away from the rest of the
   * run (maintenance switched on, a new agreement to accept, a frozen account).
   */
  heal(route: BodyRoute): Promise<void>;
  close(): Promise<void>;
}

const PRINCIPAL = { entityKind: 'company', legalName: 'Fuzz Principal Ltd.', country: 'CN', registrationNumber: '9131FUZZPRINCIPAL1' };

const COUNTER_NOTICE = {
  statement: 'These goods are genuine, bought from the brand owner’s own distributor in 2025.',
  identity: { legalName: 'Demo Seller Trading Co., Ltd.', registrationNumber: '91330200FUZZ000001', address: '2 Fuzz Road, Ningbo', email: 'legal@seller.test', phone: '+86 574 0000 0000' },
  declaration: true,
};

export async function buildFuzzWorld(): Promise<FuzzWorld> {
  // The demo seed has no agency: one registers (its verification mail comes here) and is approved.
  const inbox = await startInbox();
  const h = await createHarness({
    mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 },
    // Thousands of refused writes spend the callers' budgets by design; the budgets are not what is fuzzed here.
    writeRateLimit: { windowSeconds: 60, maxPerWindow: 1_000_000 },
    registrationRateLimit: { windowSeconds: 60, maxPerIp: 1_000_000 },
    loginThrottle: { windowSeconds: 60, maxFailuresPerEmail: 1_000_000, maxFailuresPerIp: 1_000_000 },
  });
  try {
    const entries = await Promise.all(Object.entries(EMAILS).map(async ([role, email]) => [role, await loginBearer(h, email)] as const));
    const agency = await registerAndSignIn(h, inbox, { tenantKind: 'agency' });
    const tokens = { ...Object.fromEntries(entries), agency: agency.token } as FuzzWorld['tokens'];
    const asOwner = bearer(tokens.owner);
    const asReviewer = bearer(tokens.reviewer);
    const asAdmin = bearer(tokens.admin);
    const rightId = await demoTrademark(h, tokens.owner);

    const shopListing = (n: number) => `https://item.taobao.com/item.htm?id=${619900000000 + n}&shop_id=${DEMO_SELLER_SHOP.shopId}`;
    const complaintBody = async (submit: boolean, url = freshTaobao()) => ({
      principalId: null,
      rightId,
      reason: 'counterfeit',
      explanation: 'These bags carry our registered mark but were never made or sold by us.',
      goodFaith: true,
      accuracy: true,
      listings: [{ url, captureIds: [await captureOf(h, tokens.owner, url)], location: REGION }],
      submit,
    });
    const file = async (submit: boolean, url?: string) =>
      expectStatus<Complaint>(h.app.request('/api/complaints', jsonPost(await complaintBody(submit, url), { ...asOwner, [IDEMPOTENCY_HEADER]: randomUUID() })), 201, 'complaint');
    const claimed = async (url?: string) => {
      const complaint = await file(true, url);
      await expectStatus(h.app.request(`/api/review/complaints/${complaint.id}/claim`, { method: 'POST', headers: asReviewer }), 200, 'claim');
      return complaint;
    };
    const upheld = async (url: string) => {
      const complaint = await claimed(url);
      await expectStatus(
        h.app.request(
          `/api/review/complaints/${complaint.id}/decision`,
          jsonPost({ listings: [{ listingId: complaint.listings[0]!.id, outcome: 'upheld', statement: 'The listing shows the registered mark on bags the owner never made.' }] }, asReviewer),
        ),
        200,
        'decision',
      );
      return complaint;
    };

    const draft = await file(false);
    const filed = await file(true);
    const toDecide = await claimed();
    const toAsk = await claimed();
    const toReport = await claimed();
    const asked = await claimed();
    await expectStatus(
      h.app.request(
        `/api/review/complaints/${asked.id}/info-request`,
        jsonPost({ deficiencies: ['listing_evidence'], message: 'Please send the test purchase receipt.', deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() }, asReviewer),
      ),
      200,
      'info request',
    );
    // The seller's verified shop (the test seed has none), and in it one upheld listing to answer under fuzzing, one already answered.
    const shop = await expectStatus<ShopClaim>(
      h.app.request('/api/shops', { method: 'POST', headers: bearer(tokens.seller), body: dataForm(DEMO_SELLER_SHOP, 'proof', [pdfPart('fuzz-shop')]) }),
      201,
      'shop claim',
    );
    await expectStatus(h.app.request(`/api/admin/shops/${shop.id}/verification`, jsonPost({ decision: 'approve' }, asAdmin)), 200, 'approve shop');

    const open = await upheld(shopListing(1));
    const answered = await upheld(shopListing(2));
    const counterNotice = await expectStatus<CounterNotice>(
      h.app.request(`/api/seller/listings/${answered.listings[0]!.id}/counter-notice`, { method: 'POST', headers: bearer(tokens.seller), body: dataForm(COUNTER_NOTICE, 'evidence', [pdfPart('fuzz-invoice')]) }),
      201,
      'counter-notice',
    );
    const pendingShop = await expectStatus<ShopClaim>(
      h.app.request('/api/shops', { method: 'POST', headers: bearer(tokens.seller), body: dataForm({ marketplace: 'taobao', shopId: '58809999' }, 'proof', [pdfPart('fuzz-licence')]) }),
      201,
      'shop claim',
    );
    const ownerTenantId = h.db.rows<{ tenant_id: string }>('select tenant_id from users where email = ?', EMAILS.owner)[0]!.tenant_id;
    const monitorId = h.db.rows<{ id: string }>('select id from users where email = ?', EMAILS.monitor)[0]!.id;
    const sanction = await expectStatus<{ id: string }>(
      h.app.request(`/api/admin/complainants/${ownerTenantId}/sanctions`, jsonPost({ kind: 'enhanced_review', reason: 'Fuzzing fixture: a sanction to lift.' }, asAdmin)),
      201,
      'sanction',
    );
    const pendingRight = h.db.rows<{ id: string }>("select id from rights where status = 'pending' limit 1")[0]?.id ?? rightId;
    await expectStatus(h.app.request(`/api/admin/tenants/${agency.tenantId}/verification`, jsonPost({ decision: 'approve' }, asAdmin)), 200, 'approve agency');
    const principalForm = new FormData();
    principalForm.append('data', JSON.stringify(PRINCIPAL));
    principalForm.append('authority', new Blob([pdfBytes('fuzz-authority')], { type: 'application/pdf' }), 'authority.pdf');
    const principal = (await expectStatus<{ id: string }>(h.app.request('/api/principals', { method: 'POST', headers: bearer(tokens.agency), body: principalForm }), 201, 'principal')).id;
    const captureId = open.listings[0]!.captureIds[0]!;
    const agreement = (await h.runtime.store.currentAgreement())?.version;

    const pathIds: FuzzWorld['pathIds'] = {
      '/api/captures/{id}/page-read-correction': { id: captureId },
      '/api/agreements/{version}/accept': { version: String(agreement ?? 1) },
      '/api/admin/users/{id}/unfreeze': { id: monitorId },
      '/api/admin/tenants/{id}/verification': { id: ownerTenantId },
      '/api/admin/principals/{id}/verification': { id: principal },
      '/api/admin/rights/{id}/verification': { id: pendingRight },
      '/api/complaints/{id}': { id: draft.id },
      '/api/complaints/{id}/withdraw': { id: filed.id },
      '/api/complaints/{id}/info-response': { id: asked.id },
      '/api/review/complaints/{id}/decision': { id: toDecide.id },
      '/api/review/complaints/{id}/info-request': { id: toAsk.id },
      '/api/review/complaints/{id}/abuse': { id: toReport.id },
      '/api/admin/complainants/{tenantId}/sanctions': { tenantId: ownerTenantId },
      '/api/admin/complainants/{tenantId}/sanctions/{id}/lift': { tenantId: ownerTenantId, id: sanction.id },
      '/api/admin/shops/{id}/verification': { id: pendingShop.id },
      '/api/seller/listings/{listingId}/counter-notice': { listingId: open.listings[0]!.id },
      '/api/counter-notices/{id}/proof': { id: counterNotice.id },
      '/api/review/counter-notices/{id}/decision': { id: counterNotice.id },
    };
    const anyIds = [...new Set(Object.values(pathIds).flatMap((params) => Object.values(params)))];

    const BODY_IDS: Record<string, string> = {
      rightId,
      captureId,
      listingId: toDecide.listings[0]!.id,
      complaintId: toDecide.id,
      principalId: principal,
    };
    const bodyIds: IdLookup = (key) => BODY_IDS[key] ?? BODY_IDS[`${key.replace(/Ids?$/, '')}Id`];

    const formExamples: FuzzWorld['formExamples'] = {
      '/api/captures': { meta: sampleMeta({ url: freshTaobao() }) },
      '/api/registrations': { data: registrationData() },
      '/api/principals': { data: { ...PRINCIPAL, registrationNumber: '9131FUZZPRINCIPAL2' } },
      '/api/rights': { data: { type: 'trademark', registrationNumber: 'TM-FUZZ-0001', territories: ['CN'], niceClasses: [25], validFrom: '2020-01-01', validUntil: '2039-12-31' } },
      '/api/complaints/{id}/info-response': { data: { message: 'The receipt of our test purchase.', captureIds: [captureId] } },
      '/api/shops': { data: { marketplace: 'taobao', shopId: '58807654' } },
      '/api/seller/listings/{listingId}/counter-notice': { data: COUNTER_NOTICE },
      '/api/counter-notices/{id}/proof': { data: { note: 'Case (2026) Zhe 01 Min Chu 1234, Hangzhou Intermediate Court' } },
    };

    const samples: FileSamples = { png: await pngBytes(48, 32, '#4a6fa5'), pdf: pdfBytes('fuzz') };

    return {
      h,
      tokens,
      samples,
      pathIds,
      anyIds,
      bodyIds,
      formExamples,
      async heal(route) {
        if (route.path === '/api/admin/maintenance') {
          await expectStatus(h.app.request('/api/admin/maintenance', { ...jsonPost({ enabled: false }, asAdmin), method: 'PUT' }), 200, 'maintenance off');
        } else if (route.path === '/api/admin/agreements') {
          await acceptCurrentAgreementForAll(h.runtime.store);
        } else if (route.path === '/api/account/report-compromise') {
          await expectStatus(h.app.request(`/api/admin/users/${monitorId}/unfreeze`, jsonPost({ note: 'Fuzzing: the report was a test.' }, asAdmin)), 204, 'unfreeze');
          tokens.monitor = await loginBearer(h, EMAILS.monitor);
        }
      },
      async close() {
        await h.close();
        await inbox.close();
      },
    };
  } catch (error) {
    await h.close();
    await inbox.close();
    throw error;
  }
}
