import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cachedSearchCount, forgetSearchCounts } from '@/lib/catalog/search-count-cache';

describe('cachedSearchCount', () => {
  beforeEach(() => forgetSearchCounts());

  it('counts once per key within a minute, then counts again', async () => {
    const count = vi.fn(async () => 42);
    const start = 1_000_000;
    expect(await cachedSearchCount('citi||||', count, start)).toBe(42);
    expect(await cachedSearchCount('citi||||', count, start + 59_000)).toBe(42);
    expect(count).toHaveBeenCalledTimes(1);
    expect(await cachedSearchCount('citi||||', count, start + 61_000)).toBe(42);
    expect(count).toHaveBeenCalledTimes(2);
  });

  it('keeps keys apart and shares one count between concurrent callers', async () => {
    let release: (value: number) => void = () => {};
    const slow = vi.fn(() => new Promise<number>((resolve) => (release = resolve)));
    const first = cachedSearchCount('a', slow);
    const second = cachedSearchCount('a', slow);
    release(7);
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    expect(slow).toHaveBeenCalledTimes(1);
    expect(await cachedSearchCount('b', async () => 8)).toBe(8);
  });

  it('does not remember a failed count', async () => {
    await expect(cachedSearchCount('broken', async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cachedSearchCount('broken', async () => 3)).toBe(3);
  });

  it('forgets everything on request', async () => {
    await cachedSearchCount('k', async () => 1);
    forgetSearchCounts();
    expect(await cachedSearchCount('k', async () => 2)).toBe(2);
  });
});
