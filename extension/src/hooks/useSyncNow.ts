import { useState } from 'react';
import { sendMessage } from '@/lib/messaging';

/** "Sync now", as the popup and the captures page offer it: the button stays disabled while the run lasts. */
export function useSyncNow(): { syncing: boolean; syncNow: () => Promise<void> } {
  const [syncing, setSyncing] = useState(false);
  async function syncNow() {
    setSyncing(true);
    try {
      await sendMessage('syncNow');
    } finally {
      setSyncing(false);
    }
  }
  return { syncing, syncNow };
}
