import { isErrorCode } from '@openipp/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { ApiError, NETWORK_ERROR } from '../lib/api';

/** Maps any failure to a translated sentence; the error code is the i18n key. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation(NAMESPACES);
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        if (isErrorCode(error.code) || error.code === NETWORK_ERROR) return t(`errors:${error.code}`);
        // Nothing better to show than what identifies the failure for support.
        return t('errors:unknown', { code: error.status ? String(error.status) : error.code });
      }
      return t('errors:unknown', { code: error instanceof Error ? error.name : typeof error });
    },
    [t],
  );
}
