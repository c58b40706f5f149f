/** Ids that a command line never takes for an option (`phuluc user add --plan -gdDZ…` broke). */
import { afterEach, describe, expect, it } from 'vitest';
import { idFromBytes } from './id.ts';
import { planDocId, planDocRandomSource } from './plan-doc.ts';

afterEach(() => planDocRandomSource(null));

describe('plan document ids', () => {
  it('never start with "-" or "_", whatever the first random byte is', () => {
    for (let first = 0; first < 256; first += 1) {
      planDocRandomSource((bytes) => {
        bytes.fill(first);
      });
      const id = planDocId();
      expect(id, `first byte ${first}`).toMatch(/^[A-Za-z][A-Za-z0-9_-]{11}$/);
    }
  });

  it('never start with "-" among many random ones, and stay url-safe and distinct', () => {
    const ids = Array.from({ length: 20_000 }, () => planDocId());
    expect(ids.filter((id) => !/^[A-Za-z][A-Za-z0-9_-]{11}$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('ids from random bytes', () => {
  it('spell one url-safe character per byte, the first always a letter', () => {
    for (let first = 0; first < 256; first += 1) {
      const id = idFromBytes(Uint8Array.from({ length: 16 }, (_, k) => (k === 0 ? first : (first + k * 37) % 256)));
      expect(id, `first byte ${first}`).toMatch(/^[A-Za-z][A-Za-z0-9_-]{15}$/);
    }
    expect(idFromBytes(Uint8Array.from([62, 62, 63]))).toBe('e-_');
  });
});
