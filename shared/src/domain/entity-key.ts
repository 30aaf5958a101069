/**
 * "One entity, one account" (MISSION item 2) needs one spelling per entity.
 * People type registration numbers with full-width digits, spaces and mixed
 * case (统一社会信用代码 9131 0000 ＭＡ１… vs 91310000MA1…); all of those must
 * collide, or the rule is trivially dodged.
 */
export const ENTITY_KINDS = ['company', 'person'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** NFKC folds full-width letters, digits and the ideographic space to ASCII. */
export function normalizeRegistrationNumber(value: string): string {
  return value.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

export function normalizeCountry(value: string): string {
  return value.normalize('NFKC').trim().toUpperCase();
}

export function entityKey(entity: { country: string; entityKind: EntityKind; registrationNumber: string }): string {
  return `${normalizeCountry(entity.country)}:${entity.entityKind}:${normalizeRegistrationNumber(entity.registrationNumber)}`;
}
