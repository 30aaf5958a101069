import { describe, expect, it } from 'vitest';
import { ComplainantSchema, type Complainant } from '../schemas/complaint';
import { COMPLAINANT_FIELDS, DISCLOSURE_LEGAL_BASES, DisclosureLegalBasisSchema, SellerComplaintSchema } from '../schemas/shops';
import { discloseComplainantToSeller } from './disclosure';

const complainant: Complainant = {
  legalName: '杭州某某品牌管理有限公司',
  email: 'ip@brand.example',
  phone: '+86 571 0000 0000',
  postalAddress: '浙江省杭州市西湖区某路 1 号',
};

describe('discloseComplainantToSeller', () => {
  it('shows the name and contact e-mail, withholds phone and postal address, and names the basis', () => {
    expect(discloseComplainantToSeller(complainant)).toEqual({
      disclosed: { legalName: '杭州某某品牌管理有限公司', email: 'ip@brand.example' },
      fields: ['legalName', 'email'],
      withheld: ['phone', 'postalAddress'],
      legalBasis: 'handling_complaint',
    });
  });

  it('carries nothing else a stored row holds, and fits the seller view of the wire contract', () => {
    const row = { ...complainant, id: 'c_1', tenantId: 't_1' };
    const { disclosed } = discloseComplainantToSeller(row);
    expect(Object.keys(disclosed).sort()).toEqual(['email', 'legalName']);
    expect(JSON.stringify(disclosed)).not.toContain('571');
    expect(SellerComplaintSchema.shape.complainant.parse(disclosed)).toEqual(disclosed);
  });

  it('lists the withheld fields even when they are empty', () => {
    const result = discloseComplainantToSeller({ ...complainant, phone: null, postalAddress: null });
    expect(result.withheld).toEqual(['phone', 'postalAddress']);
    expect(result.disclosed).toEqual({ legalName: complainant.legalName, email: complainant.email });
  });

  it('accounts for every complainant field: each is either disclosed or withheld', () => {
    const { fields, withheld } = discloseComplainantToSeller(complainant);
    expect([...fields, ...withheld].sort()).toEqual([...ComplainantSchema.keyof().options].sort());
    expect([...COMPLAINANT_FIELDS].sort()).toEqual([...ComplainantSchema.keyof().options].sort());
  });

  it('records a basis from the closed list of MISSION item 13', () => {
    expect(DISCLOSURE_LEGAL_BASES).toHaveLength(9);
    expect(DisclosureLegalBasisSchema.parse(discloseComplainantToSeller(complainant).legalBasis)).toBe('handling_complaint');
    expect(DisclosureLegalBasisSchema.safeParse('marketing').success).toBe(false);
  });
});
