import type { resources } from '@openipp/locales';

// Typed keys: a `t('console:…')` that names a missing key fails the type check.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'console';
    resources: {
      console: (typeof resources)['en']['console'];
      common: (typeof resources)['en']['common'];
      errors: (typeof resources)['en']['errors'];
      qualification: (typeof resources)['en']['qualification'];
      review: (typeof resources)['en']['review'];
      seller: (typeof resources)['en']['seller'];
      staff: (typeof resources)['en']['staff'];
    };
  }
}
