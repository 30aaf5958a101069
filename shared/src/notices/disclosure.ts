import type { Complainant } from '../schemas/complaint';
import {
  COMPLAINANT_FIELDS,
  SELLER_DISCLOSED_FIELDS,
  type ComplainantField,
  type DisclosureLegalBasis,
} from '../schemas/shops';

/**
 * What a seller learns about a complainant (MISSION item 13, issue #6 part 2).
 * The seller needs to know who complains and how to answer: the name and the
 * contact e-mail (`SELLER_DISCLOSED_FIELDS`). Phone and postal address are
 * personal data it does not need, so they are withheld. One function both
 * filters the data and names the fields and legal basis, so the view a seller
 * gets and the disclosure record written for it cannot drift apart.
 */

export type SellerDisclosedField = (typeof SELLER_DISCLOSED_FIELDS)[number];
export type DisclosedComplainant = Pick<Complainant, SellerDisclosedField>;

export interface ComplainantDisclosure {
  /** What the seller is shown or sent. */
  disclosed: DisclosedComplainant;
  /** The personal-data fields disclosed, for the disclosure record. */
  fields: SellerDisclosedField[];
  /** Every other complainant field, held back whether or not it has a value. */
  withheld: ComplainantField[];
  /** Disclosing to the seller concerned is how the complaint gets handled. */
  legalBasis: DisclosureLegalBasis;
}

/**
 * The seller's view of a complainant. Builds a new object from the allowlist
 * rather than deleting from a copy, so nothing else a caller's row carries
 * (ids, tenant, phone, a field added later) can slip through.
 */
export function discloseComplainantToSeller(complainant: Complainant): ComplainantDisclosure {
  const visible: readonly ComplainantField[] = SELLER_DISCLOSED_FIELDS;
  return {
    disclosed: { legalName: complainant.legalName, email: complainant.email },
    fields: [...SELLER_DISCLOSED_FIELDS],
    withheld: COMPLAINANT_FIELDS.filter((field) => !visible.includes(field)),
    legalBasis: 'handling_complaint',
  };
}
