import { RegistrationDataSchema } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { fieldErrorsFromProblem, fieldErrorsFromZod, knownFieldError } from './field-errors';

describe('field errors', () => {
  it('keys a local schema check by the same dotted paths the server reports', () => {
    const parsed = RegistrationDataSchema.safeParse({
      tenantKind: 'rights_holder',
      identity: { entityKind: 'company', legalName: '', country: 'China', registrationNumber: '91310000MA1FL5X3Q' },
      email: 'not-an-address',
      password: 'Lantern-river-2026',
      displayName: 'Lin Wei',
      locale: 'en',
    });
    expect(parsed.success).toBe(false);
    const local = parsed.success ? {} : fieldErrorsFromZod(parsed.error.issues);
    expect(Object.keys(local).sort()).toEqual(['email', 'identity.country', 'identity.legalName']);

    const server = fieldErrorsFromProblem([
      { path: 'identity.country', code: 'invalid_format', message: 'ISO' },
      { path: 'identity.country', code: 'too_big', message: 'long' },
    ]);
    expect(server['identity.country']).toEqual(['invalid_format', 'too_big']);
  });

  it('maps codes without their own sentence to "invalid"', () => {
    expect(knownFieldError('too_small')).toBe('too_small');
    expect(knownFieldError('custom')).toBe('invalid');
    expect(knownFieldError('toString')).toBe('invalid');
  });
});
