import { afterEach, beforeEach } from 'vitest';
import { useChromeMessageCallbacks } from '@/test/callback-messaging';
import { resetProfile } from '@/test/reset';
import { startBackendDouble, type BackendDouble } from '@/test/backend-double';
import { backendUrlItem } from '@/lib/storage';

/** Capture meta as the popup would build it, for a listing with the given id. */
export function sampleMeta(listingId: number) {
  return {
    url: `https://item.taobao.com/item.htm?id=${listingId}`,
    title: 'Item',
    capturedAt: '2026-01-02T03:04:05.000Z',
    viewport: { width: 1280, height: 720 },
    devicePixelRatio: 1,
  };
}

export interface BackgroundTestbed {
  readonly backend: BackendDouble;
  /** Aborted after each test, so every started background unloads. */
  readonly signal: AbortSignal;
}

/**
 * Per test: an empty profile, Chrome's message callbacks, a real HTTP backend
 * double the extension points at, and an abort signal for the background.
 */
export function useBackgroundTestbed(): BackgroundTestbed {
  let backend: BackendDouble | undefined;
  let controller: AbortController | undefined;

  beforeEach(async () => {
    await resetProfile();
    useChromeMessageCallbacks();
    backend = await startBackendDouble();
    await backendUrlItem.setValue(backend.url);
    controller = new AbortController();
  });

  afterEach(async () => {
    controller?.abort();
    await backend?.close();
  });

  return {
    get backend() {
      if (!backend) throw new Error('the testbed is only available inside a test');
      return backend;
    },
    get signal() {
      if (!controller) throw new Error('the testbed is only available inside a test');
      return controller.signal;
    },
  };
}
