import { describe, expect, it } from 'vitest';
import { LatestRequest, loadLatest } from './use-resource';

/** A promise settled by the test, so answers can be made to arrive in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

function recorder<T>() {
  const seen: Array<['data', T] | ['error', unknown]> = [];
  return { seen, settle: { onData: (data: T) => seen.push(['data', data]), onError: (error: unknown) => seen.push(['error', error]) } };
}

describe('loadLatest', () => {
  it('hands on the answer, or the failure, of a lone request', async () => {
    const latest = new LatestRequest();
    const { seen, settle } = recorder<string>();
    await loadLatest(latest, () => Promise.resolve('first'), settle);
    const failure = new Error('offline');
    await loadLatest(latest, () => Promise.reject(failure), settle);
    expect(seen).toEqual([
      ['data', 'first'],
      ['error', failure],
    ]);
  });

  it('drops an older answer that arrives after a newer one', async () => {
    const latest = new LatestRequest();
    const { seen, settle } = recorder<string>();
    const slow = deferred<string>();
    const quick = deferred<string>();
    const first = loadLatest(latest, () => slow.promise, settle);
    const second = loadLatest(latest, () => quick.promise, settle);
    quick.resolve('new');
    await second;
    slow.resolve('old');
    await first;
    expect(seen).toEqual([['data', 'new']]);
  });

  it('drops an older failure too, so it cannot cover a newer answer', async () => {
    const latest = new LatestRequest();
    const { seen, settle } = recorder<string>();
    const slow = deferred<string>();
    const first = loadLatest(latest, () => slow.promise, settle);
    await loadLatest(latest, () => Promise.resolve('new'), settle);
    slow.reject(new Error('late'));
    await first;
    expect(seen).toEqual([['data', 'new']]);
  });

  it('drops whatever is in flight once invalidated, as on unmount', async () => {
    const latest = new LatestRequest();
    const { seen, settle } = recorder<string>();
    const pending = deferred<string>();
    const load = loadLatest(latest, () => pending.promise, settle);
    latest.invalidate();
    pending.resolve('orphan');
    await load;
    expect(seen).toEqual([]);
    // A request started afterwards is current again.
    await loadLatest(latest, () => Promise.resolve('fresh'), settle);
    expect(seen).toEqual([['data', 'fresh']]);
  });
});
