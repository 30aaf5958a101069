import { useEffect, useState } from 'react';
import { sendMessage } from '@/lib/messaging';

/** Longest the popup holds Capture back waiting for the server's answer; offline, capturing must still work. */
const CHECK_WAIT_MS = 3_000;

/**
 * Tells the worker the popup opened: it retries the queue and asks /api/me
 * whether a new agreement awaits ("the next use from the extension", MISSION
 * item 17). `checked` turns true once that answer is in (or after a short
 * wait when the server is slow), so Capture is not offered before the gate.
 */
export function usePopupOpened(): { checked: boolean } {
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    let active = true;
    const done = () => active && setChecked(true);
    const timer = setTimeout(done, CHECK_WAIT_MS);
    void sendMessage('popupOpened')
      .catch(() => undefined)
      .finally(done);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, []);
  return { checked };
}
