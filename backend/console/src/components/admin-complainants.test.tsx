import type { Disclosure } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { json } from '../test/http-double';
import { findByTestId, renderHtml, testI18n } from '../test/render';
import { signedInApi } from '../test/signed-in-api';
import { DisclosureTable } from './admin-complainants';

const signedIn = signedInApi();

const disclosure: Disclosure = {
  id: 'ds1',
  at: '2026-12-01T02:00:00.000Z',
  legalBasis: 'handling_complaint',
  fields: ['legalName', 'email'],
  complainantTenantId: 't1',
  complaintId: 'cp1',
  recipient: { tenantId: 'ts1', name: 'Harbour Trading Ltd.' },
  user: { id: 'us1', email: 'owner@harbour.example' },
};

describe('the disclosure log of a complainant', () => {
  it('shows who received which fields, when and on which legal basis, in the admin’s language', () => {
    const html = renderHtml(<DisclosureTable items={[disclosure]} />, testI18n('zh-CN'));
    const [row] = findByTestId(html, 'disclosure-row');
    expect(row?.attributes).toMatchObject({
      'data-legal-basis': 'handling_complaint',
      'data-fields': 'legalName,email',
      'data-recipient-tenant-id': 'ts1',
      'data-user-email': 'owner@harbour.example',
      'data-complaint-id': 'cp1',
    });
    expect(findByTestId(html, 'disclosure-fields')[0]?.text).toBe('名称、电子邮箱');
    expect(findByTestId(html, 'disclosure-basis')[0]?.text).toBe('处理投诉所必需');
    expect(row?.text).toContain('Harbour Trading Ltd.');
  });

  it('is read per complainant tenant', async () => {
    signedIn.server.routes['GET /api/admin/disclosures'] = () => json(200, { items: [disclosure] });
    expect((await signedIn.api.adminDisclosures('t1/x')).map((item) => item.id)).toEqual(['ds1']);
    expect(signedIn.server.last().url).toBe('/api/admin/disclosures?complainant=t1%2Fx');
  });
});
