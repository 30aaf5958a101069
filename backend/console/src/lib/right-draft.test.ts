import { describe, expect, it } from 'vitest';
import { formOf, json, problem } from '../test/http-double';
import { signedInApi } from '../test/signed-in-api';
import { ApiError } from './api';
import { EMPTY_RIGHT_DRAFT, rightDataOf, rightFieldErrors, splitList, type RightDraft } from './right-draft';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

const trademark: RightDraft = {
  ...EMPTY_RIGHT_DRAFT,
  registrationNumber: '  TM 1234567 ',
  territories: 'cn, HK；mo',
  niceClasses: '25 35',
  validFrom: '2020-01-01',
  validUntil: '2039-12-31',
};

const saved = {
  id: 'r1',
  type: 'trademark',
  registrationNumber: 'TM 1234567',
  territories: ['CN', 'HK', 'MO'],
  principal: null,
  niceClasses: [25, 35],
  scope: null,
  validFrom: '2020-01-01',
  validUntil: '2039-12-31',
  verification: { status: 'pending', decidedAt: null, reasons: null },
  proofs: [],
  createdAt: '2026-11-29T09:00:00.000Z',
};

describe('rightDataOf', () => {
  it('turns the typed lists into the schema the server checks', () => {
    expect(rightDataOf(trademark)).toEqual({
      ok: true,
      data: { type: 'trademark', registrationNumber: 'TM 1234567', territories: ['CN', 'HK', 'MO'], niceClasses: [25, 35], validFrom: '2020-01-01', validUntil: '2039-12-31' },
    });
    expect(splitList(' CN,,HK，MO、 WW ')).toEqual(['CN', 'HK', 'MO', 'WW']);
  });

  it('sends a scope, not classes, for other rights, and the principal only when one is picked', () => {
    const result = rightDataOf({ ...trademark, type: 'copyright', niceClasses: '25', scope: ' Product photographs ', territories: 'WW', principalId: 'p1' });
    expect(result).toEqual({
      ok: true,
      data: { type: 'copyright', registrationNumber: 'TM 1234567', territories: ['WW'], principalId: 'p1', scope: 'Product photographs', validFrom: '2020-01-01', validUntil: '2039-12-31' },
    });
  });

  it('keys each problem by its form field, with a code the form can say', () => {
    const errors = (draft: RightDraft) => {
      const result = rightDataOf(draft);
      return result.ok ? {} : result.errors;
    };
    expect(errors(EMPTY_RIGHT_DRAFT)).toEqual({
      registrationNumber: ['too_small'],
      territories: ['too_small'],
      validFrom: ['required'],
      validUntil: ['required'],
      niceClasses: ['required'],
    });
    expect(errors({ ...trademark, validFrom: '2030-01-01', validUntil: '2029-12-31' })).toEqual({ validUntil: ['date_order'] });
    expect(errors({ ...trademark, validFrom: '2020-02-30' })).toEqual({ validFrom: ['invalid_format'] });
    expect(errors({ ...trademark, territories: 'CN, cn' })).toEqual({ territories: ['duplicate'] });
    expect(errors({ ...trademark, territories: 'China' })).toEqual({ territories: ['invalid_format'] });
    expect(errors({ ...trademark, niceClasses: '25, clothing' })).toEqual({ niceClasses: ['invalid_format'] });
    expect(errors({ ...trademark, niceClasses: '46' })).toEqual({ niceClasses: ['too_big'] });
    expect(errors({ ...trademark, type: 'design_patent' })).toEqual({ scope: ['required'] });
  });

  it('keys the server’s field errors by form field too', () => {
    expect(
      rightFieldErrors([
        { path: 'data.territories.1', code: 'invalid_format', message: 'ISO' },
        { path: 'data.validUntil', code: 'custom', message: 'order' },
        { path: 'proof[2]', code: 'too_big', message: 'large' },
      ]),
    ).toEqual({ territories: ['invalid_format'], validUntil: ['custom'], proof: ['too_big'] });
  });
});

describe('adding a right', () => {
  const signedIn = signedInApi();

  it('posts the form as multipart: a `data` JSON part and one `proof` part per file', async () => {
    signedIn.server.routes['POST /api/rights'] = () => json(201, saved);
    const result = rightDataOf(trademark);
    if (!result.ok) throw new Error('the draft should be valid');
    const proofs = [new File([PDF], '注册证.pdf', { type: 'application/pdf' }), new File([PNG], 'mark.png', { type: 'image/png' })];
    const right = await signedIn.api.addRight(result.data, proofs);
    expect(right.territories).toEqual(['CN', 'HK', 'MO']);

    const sent = signedIn.server.last();
    expect([sent.method, sent.url, sent.headers['x-csrf-token']]).toEqual(['POST', '/api/rights', 'csrf-1']);
    expect(sent.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await formOf(sent);
    expect([...form.keys()]).toEqual(['data', 'proof', 'proof']);
    expect(JSON.parse(String(form.get('data')))).toEqual(result.data);
    const files = form.getAll('proof') as File[];
    expect(files.map((file) => [file.name, file.type, file.size])).toEqual([
      ['注册证.pdf', 'application/pdf', PDF.length],
      ['mark.png', 'image/png', PNG.length],
    ]);
    expect(new Uint8Array(await files[1]!.arrayBuffer())).toEqual(PNG);
  });

  it("hands on the server's refusals with their field errors", async () => {
    signedIn.server.routes['POST /api/rights'] = () =>
      problem(400, 'validation_failed', { errors: [{ path: 'data.territories.0', code: 'invalid_format', message: 'ISO' }] });
    const result = rightDataOf(trademark);
    if (!result.ok) throw new Error('the draft should be valid');
    const error = await signedIn.api.addRight(result.data, [new File([PDF], 'a.pdf', { type: 'application/pdf' })]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(rightFieldErrors((error as ApiError).errors)).toEqual({ territories: ['invalid_format'] });

    signedIn.server.routes['POST /api/rights'] = () => problem(422, 'principal_not_approved');
    const refused = await signedIn.api.addRight({ ...result.data, principalId: 'p2' }, [new File([PDF], 'a.pdf')]).catch((caught: unknown) => caught);
    expect((refused as ApiError).code).toBe('principal_not_approved');
  });
});
