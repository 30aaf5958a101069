import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('Mutex', () => {
  it('runs tasks one at a time, in arrival order', async () => {
    const mutex = new Mutex();
    const events: string[] = [];
    const task = (name: string) =>
      mutex.runExclusive(async () => {
        events.push(`${name}:start`);
        await tick();
        events.push(`${name}:end`);
        return name;
      });
    const results = await Promise.all([task('a'), task('b'), task('c')]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });

  it('releases the lock when a task throws', async () => {
    const mutex = new Mutex();
    await expect(mutex.runExclusive(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.runExclusive(async () => 'next')).resolves.toBe('next');
  });
});
