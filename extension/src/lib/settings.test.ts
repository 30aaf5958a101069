import { beforeEach, describe, expect, it } from 'vitest';
import { resetProfile } from '@/test/reset';
import { TEST_USER } from '@/test/backend-double';
import { saveBackendUrl } from './settings';
import { backendUrlItem, DEFAULT_BACKEND_URL, getActiveSession, getBackendUrl, normaliseBackendUrl, sessionItem } from './storage';

beforeEach(resetProfile);

const session = (expiresAt: string) => ({ token: 't', expiresAt, user: TEST_USER });

describe('settings', () => {
  it('defaults to the local backend', async () => {
    expect(await getBackendUrl()).toBe(DEFAULT_BACKEND_URL);
    expect(DEFAULT_BACKEND_URL).toBe('http://127.0.0.1:8787');
  });

  it('accepts http(s) base URLs in canonical form and rejects everything else', () => {
    expect(normaliseBackendUrl(' https://openipp.example.com/ ')).toBe('https://openipp.example.com');
    expect(normaliseBackendUrl('http://10.0.0.5:8787/base/')).toBe('http://10.0.0.5:8787/base');
    for (const bad of ['', 'openipp.example.com', 'ftp://x', 'javascript:alert(1)', 'https://a:b@x', 'https://x/?q=1']) {
      expect(normaliseBackendUrl(bad), bad).toBeUndefined();
    }
  });

  it('switching servers signs out, so a token never reaches a server that did not issue it', async () => {
    await sessionItem.setValue(session(new Date(Date.now() + 60_000).toISOString()));
    expect(await saveBackendUrl('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
    expect(await sessionItem.getValue()).not.toBeNull();
    expect(await saveBackendUrl('https://other.example')).toBe('https://other.example');
    expect(await backendUrlItem.getValue()).toBe('https://other.example');
    expect(await sessionItem.getValue()).toBeNull();
  });

  it('keeps the stored URL when the input is invalid', async () => {
    expect(await saveBackendUrl('not a url')).toBeUndefined();
    expect(await getBackendUrl()).toBe(DEFAULT_BACKEND_URL);
  });

  it('forgets an expired session', async () => {
    await sessionItem.setValue(session('2020-01-01T00:00:00.000Z'));
    expect(await getActiveSession()).toBeNull();
    expect(await sessionItem.getValue()).toBeNull();
  });
});
