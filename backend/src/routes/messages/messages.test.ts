import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MessageList } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGREEMENTS_CONTENT_DIR } from '../../paths';
import { bearer, createHarness, loginBearer, type Harness } from '../../testing/harness';

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { code: string; status: number };
}

describe('in-site messages', () => {
  let h: Harness;
  let owner: string;
  let monitor: string;
  beforeAll(async () => {
    h = await createHarness();
    owner = await loginBearer(h, 'owner@demo.test');
    monitor = await loginBearer(h, 'monitor@demo.test');
  });
  afterAll(() => h.close());

  const list = async (token: string) => {
    const res = await h.app.request('/api/messages', { headers: bearer(token) });
    expect(res.status).toBe(200);
    return (await res.json()) as MessageList;
  };

  it('lists the seeded announcement of version 2, in both languages, unread', async () => {
    const summary = JSON.parse(readFileSync(path.join(AGREEMENTS_CONTENT_DIR, 'v2', 'summary.json'), 'utf8')) as Record<string, string>;
    const { items, unread } = await list(owner);
    expect(unread).toBe(1);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'agreement_published', readAt: null });
    expect(items[0]!.title.en).toContain('2');
    expect(items[0]!.title['zh-CN']).toContain('2');
    expect(items[0]!.body.en).toContain(summary.en!.trim());
    expect(items[0]!.body['zh-CN']).toContain(summary['zh-CN']!.trim());
    expect(items[0]!.title.en).not.toBe(items[0]!.title['zh-CN']);
  });

  it("answers 404 for another user's message and leaves it unread", async () => {
    const [message] = (await list(owner)).items;
    const res = await h.app.request(`/api/messages/${message!.id}/read`, { method: 'POST', headers: bearer(monitor) });
    expect(res.status).toBe(404);
    expect((await problem(res)).code).toBe('not_found');
    expect((await list(owner)).unread).toBe(1);
    expect((await problem(await h.app.request('/api/messages/nope/read', { method: 'POST', headers: bearer(owner) }))).code).toBe('not_found');
  });

  it('marks a message read once; reading again keeps the first time', async () => {
    const [message] = (await list(owner)).items;
    expect((await h.app.request(`/api/messages/${message!.id}/read`, { method: 'POST', headers: bearer(owner) })).status).toBe(204);
    const after = await list(owner);
    expect(after.unread).toBe(0);
    const readAt = after.items[0]!.readAt;
    expect(readAt).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await h.app.request(`/api/messages/${message!.id}/read`, { method: 'POST', headers: bearer(owner) })).status).toBe(204);
    expect((await list(owner)).items[0]!.readAt).toBe(readAt);
    expect((await list(monitor)).unread).toBe(1);
  });
});
