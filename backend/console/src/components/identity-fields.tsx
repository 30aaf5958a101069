import { ENTITY_KINDS, type EntityKind } from '@openipp/shared';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import type { FieldErrors } from '../lib/field-errors';
import { FieldError } from './field-error';

export interface IdentityDraft {
  entityKind: EntityKind;
  legalName: string;
  country: string;
  registrationNumber: string;
}

export const EMPTY_IDENTITY: IdentityDraft = { entityKind: 'company', legalName: '', country: 'CN', registrationNumber: '' };

// Where most rights holders, agencies and sellers on the covered marketplaces are registered;
// any other ISO code can still be typed.
const COMMON_COUNTRIES = ['CN', 'HK', 'MO', 'TW', 'US', 'GB', 'DE', 'FR', 'IT', 'ES', 'NL', 'CH', 'SE', 'JP', 'KR', 'SG', 'MY', 'TH', 'VN', 'IN', 'AU', 'CA', 'BR', 'MX', 'AE', 'TR', 'RU'];

interface IdentityFieldsProps {
  /** Prefix of the test ids: `register` gives register-legal-name, … */
  testIdPrefix: string;
  value: IdentityDraft;
  onChange: (value: IdentityDraft) => void;
  /** Field errors keyed by path relative to the identity (legalName, country, …). */
  errors: FieldErrors;
}

/** The identity staff verify: kind, legal name, country and registration or ID number. */
export function IdentityFields({ testIdPrefix, value, onChange, errors }: IdentityFieldsProps) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const id = useId();
  const countries = useMemo(() => {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([i18n.language], { type: 'region' });
    } catch {
      names = undefined;
    }
    return COMMON_COUNTRIES.map((code) => ({ code, name: names?.of(code) ?? code }));
  }, [i18n.language]);
  const set = <K extends keyof IdentityDraft>(key: K, next: IdentityDraft[K]) => onChange({ ...value, [key]: next });
  const countryName = countries.find((country) => country.code === value.country.trim().toUpperCase())?.name;

  return (
    <div className="form-grid">
      <label className="field">
        <span className="field-label">{t('identity.entityKind')}</span>
        <select
          data-testid={`${testIdPrefix}-entity-kind`}
          value={value.entityKind}
          onChange={(event) => set('entityKind', event.target.value as EntityKind)}
        >
          {ENTITY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`identity.entityKinds.${kind}`)}
            </option>
          ))}
        </select>
        <FieldError field="entityKind" codes={errors.entityKind} />
      </label>
      <label className="field">
        <span className="field-label">{t('identity.country')}</span>
        <input
          data-testid={`${testIdPrefix}-country`}
          list={`${id}-countries`}
          required
          maxLength={2}
          autoComplete="country"
          className="input-short"
          value={value.country}
          onChange={(event) => set('country', event.target.value.toUpperCase())}
        />
        <datalist id={`${id}-countries`}>
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </datalist>
        <span className="muted small">{countryName ?? t('identity.countryHint')}</span>
        <FieldError field="country" codes={errors.country} />
      </label>
      <label className="field field-wide">
        <span className="field-label">{t(`identity.legalName.${value.entityKind}`)}</span>
        <input
          data-testid={`${testIdPrefix}-legal-name`}
          required
          maxLength={300}
          value={value.legalName}
          onChange={(event) => set('legalName', event.target.value)}
        />
        <span className="muted small">{t(`identity.legalNameHint.${value.entityKind}`)}</span>
        <FieldError field="legalName" codes={errors.legalName} />
      </label>
      <label className="field field-wide">
        <span className="field-label">{t(`identity.registrationNumber.${value.entityKind}`)}</span>
        <input
          data-testid={`${testIdPrefix}-registration-number`}
          required
          maxLength={100}
          spellCheck={false}
          value={value.registrationNumber}
          onChange={(event) => set('registrationNumber', event.target.value)}
        />
        <span className="muted small">{t(`identity.registrationNumberHint.${value.entityKind}`)}</span>
        <FieldError field="registrationNumber" codes={errors.registrationNumber} />
      </label>
    </div>
  );
}

/** Narrows field errors to those under one prefix (`identity.`), with the prefix dropped. */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const result: Record<string, readonly string[]> = {};
  for (const [path, codes] of Object.entries(errors)) if (path.startsWith(prefix)) result[path.slice(prefix.length)] = codes;
  return result;
}
