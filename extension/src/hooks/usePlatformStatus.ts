import { useEffect, useState } from 'react';
import type { PlatformStatus } from '@openipp/shared';
import { sendMessage } from '@/lib/messaging';

/** GET /api/status once per popup opening (and per server change); undefined while unknown or unreachable. */
export function usePlatformStatus(backendUrl: string): PlatformStatus | undefined {
  const [status, setStatus] = useState<PlatformStatus>();
  useEffect(() => {
    let active = true;
    void sendMessage('platformStatus')
      .then((result) => active && setStatus(result.ok ? result.value : undefined))
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [backendUrl]);
  return status;
}
