import { useEffect, useState } from 'react';
import type { WxtStorageItem } from 'wxt/utils/storage';

/**
 * Live value of a storage item: `loaded` is false until the first read, so the
 * UI does not flash the logged-out screen for a logged-in user.
 */
export function useStorageValue<T>(item: WxtStorageItem<T, Record<string, unknown>>): { value: T; loaded: boolean } {
  const [state, setState] = useState<{ value: T; loaded: boolean }>({ value: item.fallback, loaded: false });
  useEffect(() => {
    let active = true;
    void item.getValue().then((value) => active && setState({ value, loaded: true }));
    const unwatch = item.watch((value) => setState({ value, loaded: true }));
    return () => {
      active = false;
      unwatch();
    };
  }, [item]);
  return state;
}
